"""Money, prize and job offers count as promotion; prices and money talk in answers do not."""

from __future__ import annotations

import pytest

from forum.spamfilter.document import Document
from forum.spamfilter.offers import cyrillic_view, offer_cues
from forum.spamfilter.promotion import promotion_reasons


def promotion(text: str):
    return {reason.code: reason for reason in promotion_reasons(Document.of(text))}


OFFERS = {
    "promised_daily_earnings": "Start today and earn $450 per day from your phone.",
    "earnings_testimony": "I invested $200 and got $2,900 back within a week, no joke.",
    "work_from_home_recruiting": (
        "Looking for 4 people to work from home, only 2 hours a day, no experience needed."
    ),
    "prize_notice_with_shortcode": "U have been selected 4 a £900 reward. Txt GO to 81234",
    "premium_rate_charge": "Weekly ringtones for just 150p/msg, reply STOP to end",
    "token_launch_hype": "Stealth launch in 45 seconds on BSC, ape in before the promo!",
    "trading_signal": "BTC long, entry 61200, stop-loss 60100, targets 62500 and 63800",
    "earnings_in_russian": "Стабильный заработок от 3000 $ в неделю, обучение бесплатно",
    "recruiting_in_russian": "Набираю людей в команду, удаленная работа, пишите",
    "earnings_in_russian_with_latin_look_alikes": "Дoxoд oт 900 $ в нeдeлю, oбyчaeм бecплaтнo",
    "offer_in_chinese": "新项目上车，日赚500，稳定利润，联系客服",
    "launch_countdown": "3 mins before launch on BSC chain, get your BNB ready",
    "fund_recovery_testimony": "A funds recovery expert got my money back, paying good profits",
    "link_in_bio": "Passive crypto gains explained, links in bio",
    "answers_to_a_short_code": "Which city hosts the final? Text A, B or C to 84321",
    "money_for_the_taking_in_malay": "Klaim wang RM500 secara percuma hari ini",
    "keyword_and_argument_in_capitals": "Weekly star signs! Reply SIGN LEO for yours.",
    "quoted_keyword_to_text_back": "More jokes daily, text back the keyword JOKES2 to continue",
    "price_per_text_in_pence": "Fresh quiz every day, only 25p/txt, have fun",
    "personal_details_asked_by_text": "To meet locals reply with your NAME and AGE now",
    "content_sent_to_the_phone": "Brand new polys and games sent direct to ur mobile each week",
    "explicit_adult_offer": "Hot singles waiting nearby, see their nude pics tonight",
    "countdown_with_the_unit_attached": "5mins left before launch, be early in the channel",
    "launching_within_minutes": "LAUNCHING WITHIN 20MINS, GET YOUR WALLETS READY",
    "offer_in_turkish": "Kanalımıza abone olanlara 100₺ nakit bakiye hediye ediyoruz!",
    "offer_in_persian": "دانلود رایگان برنامه، روی لینک کلیک کنید",
    "offer_in_korean": "무료 가입 이벤트 진행 중, 수익 보장",
    "offer_in_chinese_broken_up_with_dots": "对.公 账.户 高.价 收，日.结",
}
NOT_OFFERS = {
    "a_price_in_an_answer": "The hosted node costs $40 a month, cheaper than running your own.",
    "staking_rewards_explained": (
        "Rewards are paid every epoch; your profit depends on the pool's margin and the 340 ADA "
        "fixed cost, and the stake never leaves your wallet."
    ),
    "tex_dollars_are_not_money": "For $2^n$ amplitudes you need $n$ qubits, free of charge.",
    "you_wont_is_not_you_won": "You won't see the difference until you measure in the X basis.",
    "a_wish_to_claim_is_not_a_prize": "The author seems to claim that the myth predates Homer.",
    "free_as_in_loophole_free": "A loophole free Bell test closed both loopholes at once.",
    "call_the_function": "Call the function with 3 arguments and text the result to the log.",
    "russian_chat": "Я вчера обновил телефон, теперь батарея держит дольше",
    "a_few_emoji": "Great news 🎉 thanks!",
    "before_the_launch_of_a_rocket": "The probe was tested twice before launch in 1977.",
    "recovery_of_a_corrupted_wallet": "Recovery of a wallet needs the 24 words, not the funds.",
    "a_binary_string_sent_to_a_register": "Send 1 to 10110 and measure the last qubit.",
    "gates_named_in_capitals": "The text CNOT H in the circuit diagram is the gate order.",
    "a_resolution_in_a_video_answer": "Export the clip at 720p for the upload, then 1080p.",
    "nudity_in_a_myth": "The goddess bathed naked in the spring when Actaeon saw her.",
    "a_guide_who_escorts_a_pilgrim": "Three disciples escorts the monk on his journey west.",
    "chinese_names_with_middle_dots": "The play 《元·楊景賢·西遊記》 names him 齊天大聖.",
    "turkish_chat_with_one_offer_word": "Yarın kanala yeni video geliyor, görüşürüz!",
}


@pytest.mark.parametrize("case", OFFERS)
def test_offer_is_promotion(case):
    assert promotion(OFFERS[case])["promotion"].weight >= 1.5


@pytest.mark.parametrize("case", NOT_OFFERS)
def test_ordinary_money_talk_is_not_promotion(case):
    assert "promotion" not in promotion(NOT_OFFERS[case])


def test_words_mixing_latin_and_cyrillic_letters_are_a_disguise():
    cues = offer_cues(Document.of("Пpивeт! Hoвый пpoeкт для вcex, пoдpoбнocти нижe"))
    assert any("mixing Latin and Cyrillic" in what for _, what in cues)


def test_plain_russian_is_no_disguise():
    cues = offer_cues(Document.of("Привет! Новый проект для всех, подробности ниже"))
    assert not any("mixing" in what for _, what in cues)


def test_latin_look_alikes_inside_cyrillic_words_are_read_as_cyrillic():
    assert cyrillic_view("дoxoд") == "доход"


def test_a_row_of_decorative_emoji_is_an_offer_cue():
    cues = offer_cues(Document.of("🔥🔥🔥 NEW 💸💸💸 DEAL ✅✅✅ join"))
    assert any("emoji" in what for _, what in cues)


def test_a_sign_up_call_is_promotion():
    assert "promotion" in promotion(
        "Exciting news for everyone in this group! Spots are limited, sign up here today."
    )


def test_signing_up_in_a_technical_sentence_is_not_promotion():
    found = promotion("The qubit register is now in state 0 after the reset gate.")
    assert "promotion" not in found


def test_dollar_signs_around_tex_are_not_money_with_cheap_and_crypto():
    found = promotion(
        "For cryptography the cheap bound is $f(x)=0$ on half the inputs and $2^n$ overall."
    )
    assert "promotion" not in found


def test_prose_in_mathematical_letters_is_a_disguise():
    cues = offer_cues(Document.of("𝗜 𝗴𝗼𝘁 𝗺𝘆 𝗽𝗮𝘆𝗼𝘂𝘁 𝘁𝗼𝗱𝗮𝘆"))
    assert any("mathematical letters" in what for _, what in cues)


def test_a_lone_mathematical_letter_in_an_answer_is_no_disguise():
    cues = offer_cues(Document.of("Over the field 𝔽 the identity 𝟙 acts trivially on every state."))
    assert not any("mathematical letters" in what for _, what in cues)


def test_mathematical_letters_are_read_as_plain_words():
    assert "payout" in Document.of("𝗺𝘆 𝗽𝗮𝘆𝗼𝘂𝘁").words

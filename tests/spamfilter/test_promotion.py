from __future__ import annotations

import pytest

from forum.spamfilter.document import Document
from forum.spamfilter.promotion import promotion_reasons


def promotion(text: str):
    return {reason.code: reason for reason in promotion_reasons(Document.of(text))}


# Each case: the reason code the text must raise, and the text.
SIGNS = {
    "capitals_are_shouting": ("shouting", "BEST BIKE REPAIR SERVICE IN TOWN, CALL US TODAY"),
    "stretched_characters_are_repetition": ("repetition", "Wowwwwww amazing!!!!!!"),
    "promised_earnings_are_promotion": (
        "promotion",
        "Earn $500 per day from home with our trading platform, guaranteed.",
    ),
    "money_talk_in_russian_is_promotion": (
        "promotion",
        "Пассивный доход каждый день, без вложений",
    ),
    "money_talk_in_chinese_is_promotion": ("promotion", "高价收卡，日结，详情私聊"),
    "follow_for_follow_in_turkish_is_like_bait": ("like_bait", "Takibe takip, beğeniye beğeni!"),
    "like_if_you_agree_is_like_bait": ("like_bait", "Like if you agree with me"),
}
# Each case: the reason code the text must not raise, and the text.
LOOK_ALIKES = {
    "a_single_mention_of_a_price_is_not_promotion": (
        "promotion",
        "A new chain costs about 30 euros, cheap next to a cassette.",
    ),
    "an_answer_about_fees_and_rewards_is_not_promotion": (
        "promotion",
        "Staking rewards are paid every epoch; the fee is about 0.17 ADA per transaction.",
    ),
    "an_acronym_or_two_is_not_shouting": (
        "shouting",
        "Shimano HG and SRAM PC chains both use the ISO standard.",
    ),
    "capitals_inside_code_are_not_shouting": (
        "shouting",
        "Run `SELECT * FROM TASKS WHERE STATUS IS NOT DISTINCT FROM 'DONE'`",
    ),
    "markdown_rules_are_not_repetition": ("repetition", "Steps\n-----\n1. Measure"),
    "looks_like_if_you_is_prose": (
        "like_bait",
        "It looks like if you apply the gate twice you get the identity back.",
    ),
    "a_topic_word_said_often_is_not_stuffing": (
        "keyword_stuffing",
        "A mixed state is a mixture of states; a pure state is not a mixed state, and the state "
        "space of mixed states is convex.",
    ),
    "crypto_words_in_an_answer_about_crypto_are_not_promotion": (
        "promotion",
        "Buy orders on the exchange settle in USDT; the bitcoin bridge is 100% collateralised.",
    ),
    "identifiers_repeated_in_code_are_not_stuffing": (
        "keyword_stuffing",
        "Use `backup.timer` with `ExecStart=/opt/backup/backup.sh` and check "
        "`journalctl -u backup` after the first backup run.",
    ),
}


@pytest.mark.parametrize("case", SIGNS)
def test_sign_raises_its_reason(case):
    code, text = SIGNS[case]
    assert code in promotion(text)


@pytest.mark.parametrize("case", LOOK_ALIKES)
def test_look_alike_does_not_raise_the_reason(case):
    code, text = LOOK_ALIKES[case]
    assert code not in promotion(text)


@pytest.mark.parametrize(
    "text",
    [
        "Buy cheap chains with 30% off, fast delivery worldwide!",
        "Congrats, you have been selected for a prize! Text GO to 80123 to claim it.",
        "Lovely thread! I got cheap leather boots at bootbarn.example, take a look today.",
    ],
    ids=["sales_talk", "prize_notice_with_a_premium_shortcode", "a_shop_and_a_call_to_go_see"],
)
def test_sales_talk_weighs_as_promotion(text):
    assert promotion(text)["promotion"].weight > 1


def test_a_cheap_trick_and_a_pointer_to_a_page_are_not_sales_talk():
    found = promotion("A cheap trick does it; check it out on page 3 of the paper.")
    assert "promotion" not in found


def test_repeating_a_keyword_is_stuffing():
    found = promotion(
        "Plumber near me plumber near me 24/7 emergency plumber near me cheap plumber best "
        "plumber near me blocked drain plumber."
    )
    assert 'Repeats "plumber"' in found["keyword_stuffing"].message


def test_a_number_repeated_in_a_matrix_is_not_stuffing():
    found = promotion(
        "The matrix rows are 22 22 0 0, 22 22 0 0, 0 0 22 22 and 0 0 22 22 once the gates "
        "are merged, which is 22 22 again."
    )
    assert "keyword_stuffing" not in found


def test_likes_returned_for_likes_in_turkish_is_like_bait():
    assert "like_bait" in promotion("20 beğeni anında dönüş, profilime bakın")


def test_a_price_cut_against_the_competition_is_a_sales_cue():
    found = promotion("Book cleaners from our company, 30% cheaper than the rest.")
    assert "promotion" in found

"""Spam in disguise: look-alike letters, leetspeak, invisible characters, other languages,
hidden at the end of a long body, or promoting without a working link."""

from __future__ import annotations

import time

import pytest

from forum.spamfilter.filter import is_chatter
from forum.spamfilter.folding import fold_confusables, fold_leetspeak
from forum.spamfilter.training.evaluate import adversarial_bodies

from .threads import ANSWER, reply


def held(spam_filter, text: str, **overrides) -> bool:
    return spam_filter.classify(reply(text, **overrides)).label != "ok"


def test_cyrillic_look_alikes_inside_latin_words_are_folded():
    assert fold_confusables("Sеnd mе а DМ") == "Send me a DM"


def test_russian_text_is_left_alone():
    assert fold_confusables("Цепь меняют по износу") == "Цепь меняют по износу"


def test_leetspeak_is_folded_but_quantities_are_not():
    assert fold_leetspeak("S3nd m3 a D.M t0day") == "Send me a DM today"
    assert fold_leetspeak("5g, 10th, 2000km and 3.12") == "5g, 10th, 2000km and 3.12"


def test_a_token_longer_than_thirty_characters_is_left_whole():
    # A hash or key is not a word in disguise, and its tail is not a word of its own.
    key = "a1" * 35
    assert fold_leetspeak(f"{key} t0") == f"{key} to"


@pytest.mark.parametrize(
    "text",
    [
        "Sеnd mе а DМ, I will еxplain",  # Cyrillic е, а, М
        "S3nd m3 a DM, 1 w1ll 3xpla1n",
        "Send\u200b me\u200d a D\u2060M",
        "\u202eSend me a DM\u202c",
        "Ｓｅｎｄ ｍｅ ａ ＤＭ",
        "Écris-moi en MP, je t'explique",
        "Escríbeme por privado y te explico",
        "Schreib mir eine PN, ich erkläre es",
        "Напишите мне в личку, всё объясню",
    ],
)
def test_disguised_or_translated_private_message_requests_are_held(spam_filter, text):
    assert held(spam_filter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Check out my channel for more rides!",
        "Subscribe to me and I'll sub back",
        "follow me on Instagram _chainlady_",
        "All the answers at bestchains . com",
        "All the answers at bestchains dot com",
        "Like if you agree!",
        "Send this to 10 friends or bad luck for 7 years",
        "Suscríbete a mi canal",
        "Abonnez-vous à ma chaîne",
        "Подписывайтесь на мой канал",
    ],
)
def test_self_promotion_without_a_link_and_like_bait_are_held(spam_filter, text):
    assert held(spam_filter, text)


@pytest.mark.parametrize("text", ["Merci beaucoup !", "¡Muchas gracias!", "Danke!", "Спасибо!"])
def test_thanks_in_other_languages_is_chatter(spam_filter, text):
    # Chatter is what the outcome reads (``outcome.decide``): folded from a member, held as
    # spinner text from no record, whatever the score.
    assert is_chatter(spam_filter.classify(reply(text)).reasons)


def test_spam_at_the_end_of_a_thirty_thousand_character_answer_is_read(spam_filter):
    body = (ANSWER + " ") * 110
    assert len(body) > 28_000
    text = body + " Cheap chains: whatsapp +44 7700 900123, write me on telegram @chainz77"
    verdict = spam_filter.classify(reply(text, kind="answer"))
    assert "contact_details" in {r.code for r in verdict.reasons}


def test_adversarial_bodies_get_a_verdict_quickly(spam_filter):
    bodies = adversarial_bodies(10)
    timings = []
    for body in bodies:
        started = time.perf_counter()
        verdict = spam_filter.classify(body)
        timings.append(time.perf_counter() - started)
        assert verdict.label != "ok"
        assert verdict.reasons
    # The target is 20 ms (see ``make evaluate``); this generous bound only catches blow-ups.
    assert max(timings) < 0.5

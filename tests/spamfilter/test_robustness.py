"""Hostile and degenerate input: classify() must return a Verdict, quickly, and never raise."""

from __future__ import annotations

import random
import time

import pytest

from forum.spamfilter import AuthorFacts, Reply, Verdict

from .threads import reply

# Generous: a loaded CI machine is slower than a laptop, but a regex blow-up takes minutes.
TIME_LIMIT_SECONDS = 1.0


def classify_in_time(spam_filter, reply_: Reply) -> Verdict:
    started = time.perf_counter()
    verdict = spam_filter.classify(reply_)
    assert time.perf_counter() - started < TIME_LIMIT_SECONDS
    assert isinstance(verdict, Verdict)
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.label in {"ok", "low_value", "spam"}
    return verdict


def test_empty_text_is_low_value(spam_filter):
    verdict = classify_in_time(spam_filter, reply(""))
    assert verdict.label == "low_value"
    assert "empty" in {r.code for r in verdict.reasons}


def test_whitespace_only_is_low_value(spam_filter):
    assert classify_in_time(spam_filter, reply(" \n\t\u00a0 ")).label == "low_value"


def test_one_megabyte_of_text_is_classified_in_bounded_time(spam_filter):
    words = ["chain", "wear", "cassette", "the", "and", "replace", "measure", "ride"]
    rng = random.Random(1)
    text = " ".join(rng.choice(words) for _ in range(200_000))[:1_000_000]
    classify_in_time(spam_filter, reply(text, kind="answer"))


def test_one_megabyte_thread_body_is_classified_in_bounded_time(spam_filter):
    classify_in_time(spam_filter, reply("Works on 12-speed too.", thread_body="chain " * 200_000))


def test_binary_garbage_is_classified(spam_filter):
    rng = random.Random(2)
    garbage = bytes(rng.randrange(256) for _ in range(5000)).decode("latin-1")
    classify_in_time(spam_filter, reply(garbage))


def test_control_characters_are_classified(spam_filter):
    classify_in_time(spam_filter, reply("".join(chr(c) for c in range(32)) * 50))


def test_invalid_surrogates_are_classified(spam_filter):
    classify_in_time(spam_filter, reply("chain \ud800\udfff\udc00 wear \ud83d"))


def test_mixed_scripts_are_classified(spam_filter):
    classify_in_time(spam_filter, reply("Цепь chain 链条 سلسلة チェーン wear износ 0.5%"))


def test_only_emoji_is_low_value(spam_filter):
    assert classify_in_time(spam_filter, reply("😍🔥👍🚲")).label == "low_value"


def test_only_a_url_is_hidden(spam_filter):
    assert classify_in_time(spam_filter, reply("https://example-deals.shop/x?ref=1")).label != "ok"


def test_script_injection_is_hidden(spam_filter):
    verdict = classify_in_time(spam_filter, reply("<script>document.location='//x'</script>"))
    assert verdict.label != "ok"


def test_javascript_markdown_link_is_hidden(spam_filter):
    verdict = classify_in_time(
        spam_filter, reply("[free chains](javascript:alert(document.cookie))")
    )
    assert verdict.label != "ok"


@pytest.mark.parametrize(
    "text",
    [
        "a." * 50_000,
        "@" * 100_000,
        "1 " * 100_000,
        "<a " * 50_000,
        "`" * 100_000,
        "x@" + "a-" * 50_000,
        "+" + "1 " * 50_000,
        "www." * 50_000,
        "we will " * 20_000,
        ":)" * 50_000,
    ],
)
def test_pathological_patterns_do_not_backtrack(spam_filter, text):
    classify_in_time(spam_filter, reply(text))


def test_non_string_context_fields_are_tolerated(spam_filter):
    broken = Reply(
        text="Thanks!",
        thread_title=None,  # type: ignore[arg-type]
        thread_body=123,  # type: ignore[arg-type]
        parent_text=b"bytes",  # type: ignore[arg-type]
        author=AuthorFacts(earlier_texts=(None, "Thanks!")),  # type: ignore[arg-type]
        duplicates_elsewhere=None,  # type: ignore[arg-type]
    )
    classify_in_time(spam_filter, broken)


def test_non_string_text_is_tolerated(spam_filter):
    classify_in_time(spam_filter, Reply(text=None))  # type: ignore[arg-type]


def test_author_none_means_nothing_is_known(spam_filter):
    verdict = classify_in_time(spam_filter, reply("PM me for details", author=None))
    assert verdict.label == "spam"

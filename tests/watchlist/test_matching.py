"""What a pattern may be; patterns match whole words, phrases word for word, and domains with
their subdomains, fast."""

import pytest
from django.core.exceptions import ValidationError

from forum.watchlist.matching import Watchlist, clean_pattern


@pytest.mark.parametrize(
    ("kind", "pattern", "text", "found"),
    [
        ("word", "c?sino", "Visit the CASINO now", "casino"),
        ("word", "casino", "casinos are not casino-like", None),
        (
            "phrase",
            "write to me in pm",
            "Please write to me in PM, we will talk",
            "write to me in pm",
        ),
        ("domain", "spam.example", "see https://www.spam.example/x", "www.spam.example"),
        ("domain", "spam.example", "see notspam.example", None),
    ],
)
def test_patterns_match_whole_words_and_domains(kind, pattern, text, found):
    match = Watchlist([(kind, pattern, "hold")]).check(text=text)
    assert (match.found if match else None) == found


def test_a_long_post_is_checked_quickly_against_many_globs():
    rows = [("word", f"*a*a*a*a*{n}", "hold") for n in range(50)]
    rows += [("phrase", f"a* *a* b{n}", "hold") for n in range(50)]
    text = " ".join(["a" * 40] * 700)
    import time

    started = time.perf_counter()
    assert Watchlist(rows).check(text=text) is None
    assert time.perf_counter() - started < 1.0


def test_clean_pattern_normalises_case_and_spaces():
    assert clean_pattern("phrase", "  Write   To ME ") == "write to me"
    with pytest.raises(ValidationError):
        clean_pattern("ip", "not-an-ip")

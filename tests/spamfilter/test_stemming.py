from __future__ import annotations

import pytest

from forum.spamfilter.stemming import stem

# Each case: a word and its stem (the word itself where there is nothing to strip).
STEMS = {
    "possessive_is_dropped": ("zhukov's", "zhukov"),
    "short_words_are_left_alone": ("gas", "gas"),
    "non_latin_words_pass_through": ("танки", "танки"),
}


def test_plural_and_singular_meet():
    assert stem("tanks") == stem("tank")


def test_verb_forms_meet():
    assert stem("purges") == stem("purged") == stem("purge")


@pytest.mark.parametrize("case", STEMS)
def test_word_reduces_to_its_stem(case):
    word, expected = STEMS[case]
    assert stem(word) == expected


def test_plural_of_a_name_does_not_collide_with_a_praise_word():
    assert stem("finns") != stem("fine")

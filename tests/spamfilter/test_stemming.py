from __future__ import annotations

from forum.spamfilter.stemming import stem


def test_plural_and_singular_meet():
    assert stem("tanks") == stem("tank")


def test_verb_forms_meet():
    assert stem("purges") == stem("purged") == stem("purge")


def test_possessive_is_dropped():
    assert stem("zhukov's") == "zhukov"


def test_short_words_are_left_alone():
    assert stem("gas") == "gas"


def test_non_latin_words_pass_through():
    assert stem("танки") == "танки"


def test_plural_of_a_name_does_not_collide_with_a_praise_word():
    assert stem("finns") != stem("fine")

from __future__ import annotations

from forum.spamfilter import DuplicateIndex, fingerprint_keys
from forum.spamfilter.document import Document
from forum.spamfilter.duplicates import duplicate_reasons

PROMO = (
    "I recommend to you to visit a site on which there are many articles on a theme "
    "interesting you, with honest reviews, current prices, detailed comparisons, user "
    "photos, delivery options and all the details you need before ordering today."
)
GOLDEN_KEYS = (
    "x:8a70c1ca0007b513",
    "m0:db7b08cf405c",
    "m1:929a30ca72a9",
    "m2:033632ca613e",
    "m3:61be197859d8",
    "m4:a1d6f30f32f1",
    "m5:5ef84fd14349",
)


def test_keys_are_short_strings():
    keys = fingerprint_keys(PROMO)
    assert keys
    assert all(isinstance(key, str) and len(key) <= 20 for key in keys)


def test_keys_never_change_between_runs_or_releases():
    # The site stores these keys: if this fails, stored keys must be recomputed (see module doc).
    text = "I recommend to you to visit a site on which there are many articles on a theme."
    assert fingerprint_keys(text) == GOLDEN_KEYS


def test_case_spacing_and_punctuation_do_not_change_the_exact_key():
    assert (
        fingerprint_keys("Great  answer, THANKS!")[0] == fingerprint_keys("great answer thanks")[0]
    )


def test_near_duplicate_shares_a_key():
    edited = PROMO.replace("honest", "real")
    assert set(fingerprint_keys(PROMO)) & set(fingerprint_keys(edited))


def test_almost_every_one_word_edit_still_shares_a_key():
    words = PROMO.split()
    variants = [" ".join([*words[:i], "zzz", *words[i + 1 :]]) for i in range(len(words))]
    keys = set(fingerprint_keys(PROMO))
    shared = sum(1 for variant in variants if keys & set(fingerprint_keys(variant)))
    assert shared / len(variants) >= 0.9


def test_unrelated_texts_share_no_key():
    other = (
        "Measure chain wear with a checker tool and replace the chain at half a percent, "
        "before the cassette and the chainrings start to wear as well."
    )
    assert not set(fingerprint_keys(PROMO)) & set(fingerprint_keys(other))


def test_empty_text_has_no_keys():
    assert fingerprint_keys("   ") == ()


def test_index_counts_other_threads_holding_a_copy():
    index = DuplicateIndex()
    index.add(PROMO, "thread-1")
    index.add(PROMO, "thread-2")
    assert index.count_elsewhere(PROMO, "thread-3") == 2


def test_index_does_not_count_the_replys_own_thread():
    index = DuplicateIndex()
    index.add(PROMO, "thread-1")
    assert index.count_elsewhere(PROMO, "thread-1") == 0


def test_duplicates_elsewhere_are_a_reason():
    (reason,) = duplicate_reasons(Document.of(PROMO), 2, ())
    assert reason.code == "duplicate"
    assert "2 other threads" in reason.message


def test_more_copies_weigh_more():
    (one,) = duplicate_reasons(Document.of(PROMO), 1, ())
    (five,) = duplicate_reasons(Document.of(PROMO), 5, ())
    assert five.weight > one.weight


def test_short_stock_phrases_repeated_across_threads_are_not_duplicates():
    assert duplicate_reasons(Document.of("Thanks!"), 10, ()) == ()


def test_repeating_ones_own_earlier_reply_is_self_repetition():
    (reason,) = duplicate_reasons(Document.of(PROMO), 0, (PROMO.upper(), "Something else."))
    assert reason.code == "self_repeat"


def test_different_earlier_replies_are_not_self_repetition():
    earlier = ("Replace the chain at 0.5% wear.", "Clean the drivetrain every few weeks.")
    assert duplicate_reasons(Document.of(PROMO), 0, earlier) == ()


def test_repeating_a_short_thank_you_is_not_self_repetition():
    earlier = ("Thanks, that fixed it for me!",)
    assert duplicate_reasons(Document.of("Thanks, that fixed it for me!"), 0, earlier) == ()


def test_spun_variants_share_template_keys_and_unrelated_replies_do_not():
    from forum.spamfilter import template_keys

    first = "Great post! I found cheap replica watches at watchdeals.example, take a look now."
    spun = "Nice thread! We found discount luxury watches at watchdeals.example, have a look today."
    unrelated = "The Soviet brigades crossed the Khalkha river at night with pontoon bridges."
    assert set(template_keys(first)) & set(template_keys(spun))
    assert not set(template_keys(first)) & set(template_keys(unrelated))
    assert template_keys("Thanks a lot!") == ()

from __future__ import annotations

from forum.spamfilter import DuplicateIndex, fingerprint_keys
from forum.spamfilter.document import Document
from forum.spamfilter.duplicates import duplicate_reasons

PROMO = (
    "I recommend to you to visit a site on which there are many articles on a theme "
    "interesting you, with reviews, prices and all the details you need today."
)


def test_keys_are_short_strings():
    keys = fingerprint_keys(PROMO)
    assert keys
    assert all(isinstance(key, str) and len(key) <= 20 for key in keys)


def test_keys_are_stable_across_processes():
    # Stored in a database table: they must never depend on hash() salting or on the run.
    assert fingerprint_keys("Replace the chain at half a percent of wear")[0] == (
        "x:"
        + __import__("hashlib")
        .blake2b(b"replace the chain at half a percent of wear", digest_size=8)
        .hexdigest()
    )


def test_case_spacing_and_punctuation_do_not_change_the_exact_key():
    assert (
        fingerprint_keys("Great  answer, THANKS!")[0] == fingerprint_keys("great answer thanks")[0]
    )


def test_near_duplicate_shares_a_key():
    edited = PROMO.replace("today", "right now").replace("many", "lots of")
    assert set(fingerprint_keys(PROMO)) & set(fingerprint_keys(edited))


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

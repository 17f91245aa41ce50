from __future__ import annotations

from forum.spamfilter import load_corpus
from forum.spamfilter.corpus import reply_from_row


def test_corpus_rows_have_the_documented_fields():
    row = load_corpus()[0]
    assert {"id", "split", "label", "category", "kind", "text", "thread_title"} <= row.keys()


def test_splits_partition_the_corpus():
    assert len(load_corpus("train")) + len(load_corpus("heldout")) == len(load_corpus())


def test_labels_are_the_three_verdicts():
    assert {row["label"] for row in load_corpus()} <= {"ok", "low_value", "spam"}


def test_row_without_author_becomes_unknown_author_facts():
    reply = reply_from_row({"text": "Thanks!", "author": None})
    assert reply.author.account_age_days is None
    assert reply.kind == "comment"

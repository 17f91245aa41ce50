"""Short substantive comments are not chatter, and no weak signal holds a reply alone."""

from __future__ import annotations

import pytest

from forum.spamfilter import AuthorFacts, Reason
from forum.spamfilter.filter import may_hold
from forum.spamfilter.outcome import decide

from .threads import reply

NEW = AuthorFacts(account_age_days=0, approved_posts=0)


@pytest.mark.parametrize(
    "text",
    [
        "So, no cassette then?",
        "Derailleur?",
        "How would you word it?",
        "It has been removed since.",
        "Which one?",
        "Why not both?",
    ],
)
def test_short_question_or_remark_is_not_held(spam_filter, text):
    assert spam_filter.classify(reply(text, author=NEW)).label == "ok"


def test_a_comment_is_compared_with_the_post_it_answers():
    from forum.spamfilter.document import Document
    from forum.spamfilter.relevance import relevance_reasons

    parent = "Tubeless tyres seal small punctures with latex sealant."
    (reason,) = relevance_reasons(
        Document.of("Does the sealant dry out in winter?"), "Chains", "Chain wear", parent
    )
    assert reason.code == "relevant"


def test_weak_signals_alone_cannot_hold():
    assert not may_hold((Reason("off_topic", "", 3.0),))
    assert not may_hold((Reason("model", "", 5.0),))
    assert not may_hold((Reason("new_account", "", 2.0), Reason("author_record", "", 2.0)))


def test_two_different_weak_signals_may_hold():
    assert may_hold((Reason("off_topic", "", 1.0), Reason("model", "", 1.0)))


def test_a_genre_signal_may_hold():
    assert may_hold((Reason("generic_praise", "", 1.0),))


MEMBER = AuthorFacts(account_age_days=900, approved_posts=300, rejected_posts=0)


def test_an_established_members_record_folds_chatter_a_newcomer_would_have_held(spam_filter):
    # The record acts through the outcome (``outcome.decide``): the fit on real replies gives
    # an author's age and posts no weight in the score itself.
    text = "Thanks, great!"
    member = decide(spam_filter.classify(reply(text, author=MEMBER)), MEMBER)
    newcomer = decide(spam_filter.classify(reply(text, author=NEW)), NEW)
    assert (member.outcome, newcomer.outcome) == ("fold", "hold")


def test_an_established_members_off_topic_remark_is_not_held(spam_filter):
    text = "I switched to tubular tyres years ago and never looked back."
    assert spam_filter.classify(reply(text, author=MEMBER)).label == "ok"


def test_rejected_posts_make_weak_evidence_count_more(spam_filter):
    text = "I switched to tubular tyres years ago."
    record = AuthorFacts(account_age_days=5, approved_posts=0, rejected_posts=6)
    assert (
        spam_filter.classify(reply(text, author=record)).score
        > spam_filter.classify(reply(text)).score
    )

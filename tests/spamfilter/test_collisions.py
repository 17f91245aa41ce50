"""A tested list of the word collisions that once held or passed replies by accident."""

from __future__ import annotations

import pytest

from forum.spamfilter.document import Document
from forum.spamfilter.links import link_reasons
from forum.spamfilter.praise import praise_reasons

from .threads import reply


def cue_words(text: str) -> str:
    reasons = praise_reasons(Document.of(text))
    return reasons[0].message if reasons else ""


def test_a_mention_of_nic_is_not_the_word_nice():
    assert "nic" not in Document.of("@nic it fails on 12-speed").words
    assert '"nic"' not in cue_words("@nic ok")


def test_total_is_not_totally():
    assert "total" in Document.of("Total negative score.").content


def test_well_as_a_noun_is_content():
    assert "well" in Document.of("The water in the well was salty.").content


def test_well_as_a_discourse_marker_is_not_content():
    assert "well" not in Document.of("Well, I am not sure.").content


def test_a_reddit_path_is_not_a_tracking_link():
    (reason,) = link_reasons(Document.of("See https://www.reddit.com/r/bicycling/comments/abc"))
    assert "tracking" not in reason.message


def test_camel_case_mentions_are_not_code():
    assert Document.of("@JohnSmith @MaryJane thanks").code_marks == 0


def test_camel_case_identifiers_are_still_code():
    assert Document.of("call getChainWear() first").code_marks >= 1


@pytest.mark.parametrize(
    "text", ["@JohnSmith thanks for the clarification", "+1 for the quote", "Nice edit."]
)
def test_a_mention_or_a_forum_word_is_not_specific_content(spam_filter, text):
    assert spam_filter.classify(reply(text)).label == "low_value"


def test_plural_of_a_name_does_not_become_a_praise_word():
    assert not cue_words("The Finns held the line.")

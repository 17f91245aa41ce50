from __future__ import annotations

import pytest

from forum.spamfilter.document import Document
from forum.spamfilter.praise import praise_reasons


def praise(text: str):
    return praise_reasons(Document.of(text))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("What a brilliant, excellent idea!", id="praise_only"),
        pytest.param("Quite right, I agree with you completely.", id="bare_agreement"),
        pytest.param("Nonsense, utter rubbish.", id="bare_disagreement"),
        pytest.param("Keep smiling :)", id="chit_chat_with_an_emoticon"),
        pytest.param("👍😍", id="emoji_only"),
        pytest.param("+1", id="plus_one"),
        # The labelling rule's examples of agreement that is chatter: an intensifier, an
        # emoticon, "!".
        pytest.param("Definitely true", id="agreement_with_an_intensifier"),
        pytest.param("Yes, indeed :-)", id="agreement_with_an_emoticon"),
        pytest.param("Yes, right!", id="agreement_with_an_exclamation_mark"),
    ],
)
def test_reply_made_only_of_chatter_is_generic(text):
    (reason,) = praise(text)
    assert reason.code == "generic_praise"
    assert reason.weight > 0


@pytest.mark.parametrize(
    "text",
    [
        # The labelling rule's own examples of a confirmation that stays ok: it answers someone.
        pytest.param("Yes, that's right.", id="calm_confirmation"),
        pytest.param("That is correct.", id="calm_confirmation_without_yes"),
        pytest.param(
            "The other answers are fantastic, but one more point: the Soviets massed 500 tanks "
            "against 135 Japanese ones and encircled them.",
            id="praise_followed_by_substance",
        ),
        pytest.param("Works on 3.12 too.", id="short_specific_comment_without_cues"),
        pytest.param("https://example.com/great-excellent-awesome", id="praise_words_in_a_link"),
    ],
)
def test_reply_that_says_something_is_not_generic(text):
    assert not praise(text)


def test_message_names_the_kind_and_the_words():
    (reason,) = praise("Thank you, I am pleased.")
    assert "thanks" in reason.message
    assert '"pleased"' in reason.message


def test_more_cues_weigh_more():
    (one,) = praise("Splendid.")
    (three,) = praise("Splendid, brilliant and excellent, thanks.")
    assert three.weight > one.weight


def test_topic_word_plus_chit_chat_is_mostly_generic():
    (reason,) = praise("German is so hard haha")
    assert reason.message.startswith("Mostly")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Thanks a lot, I will read it again tonight and report back", id="thanks"),
        pytest.param("Edited my answer to add the sources you were missing", id="edit_note"),
    ],
)
def test_a_short_thanks_or_edit_note_with_a_few_words_of_its_own_is_chatter(text):
    (reason,) = praise(text)
    assert reason.message.startswith("Mostly")


def test_a_short_thanks_that_asks_something_is_not_chatter():
    assert not praise("Thanks, would the same trick work for the older pontoon bridges?")

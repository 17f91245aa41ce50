from __future__ import annotations

from forum.spamfilter.document import Document
from forum.spamfilter.praise import praise_reasons


def praise(text: str):
    return praise_reasons(Document.of(text))


def test_reply_made_only_of_praise_is_generic():
    (reason,) = praise("What a brilliant, excellent idea!")
    assert reason.code == "generic_praise"
    assert reason.weight > 0


def test_message_names_the_kind_and_the_words():
    (reason,) = praise("Thank you, I am pleased.")
    assert "thanks" in reason.message
    assert '"pleased"' in reason.message


def test_bare_agreement_is_generic():
    assert praise("Quite right, I agree with you completely.")


def test_a_calm_confirmation_answers_someone_and_is_not_generic():
    # The labelling rule's own examples of a confirmation that stays ok.
    assert not praise("Yes, that's right.")
    assert not praise("That is correct.")


def test_enthusiastic_or_decorated_agreement_is_still_generic():
    # The rule's examples of agreement that is chatter: an intensifier, an emoticon, "!".
    assert praise("Definitely true")
    assert praise("Yes, indeed :-)")
    assert praise("Yes, right!")


def test_bare_disagreement_is_generic():
    assert praise("Nonsense, utter rubbish.")


def test_chit_chat_with_an_emoticon_is_generic():
    assert praise("Keep smiling :)")


def test_emoji_only_is_generic():
    assert praise("👍😍")


def test_plus_one_is_generic():
    assert praise("+1")


def test_more_cues_weigh_more():
    (one,) = praise("Splendid.")
    (three,) = praise("Splendid, brilliant and excellent, thanks.")
    assert three.weight > one.weight


def test_praise_followed_by_substance_is_not_generic():
    assert not praise(
        "The other answers are fantastic, but one more point: the Soviets massed 500 tanks "
        "against 135 Japanese ones and encircled them."
    )


def test_short_specific_comment_without_cues_is_not_generic():
    assert not praise("Works on 3.12 too.")


def test_topic_word_plus_chit_chat_is_mostly_generic():
    (reason,) = praise("German is so hard haha")
    assert reason.message.startswith("Mostly")


def test_praise_words_inside_a_link_do_not_count():
    assert not praise("https://example.com/great-excellent-awesome")

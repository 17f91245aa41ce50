"""Acknowledgements: short turn-taking that only answers someone back is noted (weighing
nothing), and anything that says something of its own is not."""

import pytest

from forum.spamfilter import Reply, SpamFilter
from forum.spamfilter.acknowledgement import acknowledgement_reasons
from forum.spamfilter.document import Document


def _acknowledges(text: str) -> bool:
    return bool(acknowledgement_reasons(Document.of(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Got it, will do.",
        "@marta noted, I'll keep that in mind.",
        "Ah, that makes sense now.",
        "Fair enough then.",
        "No worries at all",
        "Never mind then.",
    ],
)
def test_acknowledging_a_point_is_an_acknowledgement(text):
    assert _acknowledges(text)


@pytest.mark.parametrize(
    "text", ["@oskar oops, my bad.", "My apologies, I misread your comment.", "How embarrassing."]
)
def test_an_apology_is_an_acknowledgement(text):
    assert _acknowledges(text)


@pytest.mark.parametrize(
    "text",
    [
        "Congrats to you as well :)",
        "Congratulations Ilse! Welcome aboard, and thank you Piet for all your help last term.",
        "Great to have you back!",
    ],
)
def test_congratulations_or_a_welcome_made_only_of_courtesies_is_an_acknowledgement(text):
    assert _acknowledges(text)


@pytest.mark.parametrize(
    "text",
    [
        "@ana see my latest edit.",
        "@ana better now?",
        "Is that better?",
        "Rewrote the second paragraph.",
        "Addressed the open comments.",
        "Photo removed.",
        "I'll update the answer later tonight.",
    ],
)
def test_pointing_to_an_edit_is_an_acknowledgement(text):
    assert _acknowledges(text)


@pytest.mark.parametrize(
    "text", ["That fully answered my question.", "I was just about to ask the same thing."]
)
def test_saying_the_reply_served_is_an_acknowledgement(text):
    assert _acknowledges(text)


def test_a_verb_with_an_object_is_not_an_acknowledgement():
    assert not _acknowledges("I see the same failure on my bridge.")


def test_an_acknowledgement_that_names_a_number_is_not_one():
    assert not _acknowledges("Sorry, the pontoons arrived on 12 May.")


def test_an_acknowledgement_with_a_formula_is_not_one():
    assert not _acknowledges("Sorry, yes. It should be $P_k$ there.")


def test_an_acknowledgement_followed_by_a_question_is_not_one():
    assert not _acknowledges("Got it, but why did the engineers wait?")


def test_an_acknowledgement_with_more_than_a_few_words_of_its_own_is_not_one():
    assert not _acknowledges("Sorry, I rewrote the pontoon timetable with engineering details.")


def test_an_invitation_to_answer_is_not_a_welcome():
    assert not _acknowledges("You are welcome to post that as an answer of your own.")


def test_a_long_sentence_whose_every_clause_is_a_courtesy_is_an_acknowledgement():
    assert _acknowledges(
        "I only want to say that it is really good to have you back, and what a lovely answer."
    )


def test_a_long_sentence_with_a_clause_of_advice_is_not_only_courtesy():
    assert not _acknowledges(
        "Welcome! The answers here are good, but it would be wiser to post both parts as"
        " separate questions."
    )


def test_a_welcome_that_gives_advice_is_not_only_courtesy():
    assert not _acknowledges(
        "Welcome to the site! Please split the bridge and the river parts into two questions."
    )


def test_an_acknowledgement_weighs_nothing_in_the_score():
    spam_filter = SpamFilter()
    verdict = spam_filter.classify(Reply(text="@ana see my latest edit.", kind="comment"))
    [noted] = [r for r in verdict.reasons if r.code == "acknowledgement"]
    assert noted.weight == 0.0


def test_praise_and_an_acknowledgement_are_not_both_noted():
    verdict = SpamFilter().classify(Reply(text="Congrats, great answer!", kind="comment"))
    codes = [r.code for r in verdict.reasons]
    assert "generic_praise" in codes and "acknowledgement" not in codes

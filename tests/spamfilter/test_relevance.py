from __future__ import annotations

from forum.spamfilter.document import Document
from forum.spamfilter.relevance import relevance_reasons

from .threads import ANSWER, BODY, TITLE


def reasons_for(text: str, parent: str = ANSWER):
    return relevance_reasons(Document.of(text), TITLE, BODY, parent)


def codes(text: str, parent: str = ANSWER) -> list[str]:
    return [reason.code for reason in reasons_for(text, parent)]


def test_reply_sharing_thread_words_earns_credit():
    (reason,) = reasons_for("A worn chain stretches; the cassette teeth wear to match it.")
    assert reason.code == "relevant"
    assert reason.weight < 0


def test_credit_message_names_the_shared_words_as_written():
    (reason,) = reasons_for("The cassette usually survives two chains.")
    assert "cassette" in reason.message


def test_more_shared_words_earn_more_credit():
    (few,) = reasons_for("Check the cassette and the chainrings.")
    (many,) = reasons_for(
        "Measure chain wear with a checker: at 0.5% elongation replace the chain, or the "
        "cassette and chainrings wear too and the drivetrain skips."
    )
    assert many.weight < few.weight


def test_merely_naming_the_topic_earns_little_credit():
    (reason,) = reasons_for("Chains, eh.")
    assert -0.3 < reason.weight < 0


def test_short_reply_sharing_nothing_is_off_topic():
    (reason,) = reasons_for("Splendid, this is a superb phrase.")
    assert reason.code == "off_topic"
    assert reason.weight > 0


def test_off_topic_message_quotes_the_thread_title():
    (reason,) = reasons_for("Quite right, so it happens.")
    assert TITLE in reason.message


def test_reply_with_no_content_of_its_own_is_more_off_topic_than_one_with_some():
    (empty,) = reasons_for("Yes, exactly, so it goes.")
    (some,) = reasons_for("The winter solstice festival lanterns flicker gently.")
    assert empty.weight > some.weight


def test_short_reply_naming_a_version_is_not_judged_off_topic():
    assert codes("Works on 3.12 too.") == []


def test_short_reply_with_code_is_not_judged_off_topic():
    assert codes("Off by one: use <= n.") == []


def test_short_reply_naming_a_person_mid_sentence_is_not_judged_off_topic():
    assert codes("Source? The memoirs of Zhukov say otherwise.") == []


def test_long_reply_that_never_touches_the_thread_is_off_topic():
    essay = " ".join(["Our agency offers professional relocation packing and storage options."] * 8)
    assert codes(essay) == ["off_topic"]


def test_reply_in_another_script_is_not_judged():
    assert codes("Цепь нужно менять по износу, а не по пробегу.") == []


def test_same_language_reply_is_judged_in_that_language():
    reasons = relevance_reasons(
        Document.of("Die Kette verschleißt schneller bei Regen und Schmutz."),
        "Warum verschleißt meine Kette so schnell?",
        "Ich fahre 150 km pro Woche und die Kette ist nach 2000 km verschlissen.",
        "",
    )
    assert [r.code for r in reasons] == ["relevant"]


def test_thread_with_too_little_text_is_not_judged():
    assert relevance_reasons(Document.of("Remarkable phrase"), "Help?", "", "") == ()


def test_off_topic_message_reads_well_without_a_title():
    (reason,) = relevance_reasons(Document.of("Bravo, so it happens."), "", BODY, ANSWER)
    assert reason.message == ("Shares no content words with the thread and names nothing specific")

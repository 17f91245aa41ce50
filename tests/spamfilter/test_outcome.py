"""The outcome rule: hold only on evidence of abuse or spinner text from no record, hide on
strong evidence, fold a member's chatter and wording-only flags, judge text alone when no
author is known and say so."""

from forum.spamfilter import AuthorFacts, Reply, SpamFilter, Thresholds
from forum.spamfilter.outcome import TEXT_ALONE, TEXT_AND_AUTHOR, decide
from forum.spamfilter.records import Reason, Verdict

MEMBER = AuthorFacts(account_age_days=400, approved_posts=50, reputation=300)
NEWCOMER = AuthorFacts(account_age_days=0.1, approved_posts=0)
THREAD = {
    "thread_title": "Why did the river crossing fail in the spring offensive?",
    "thread_body": "The engineers had pontoons ready, yet the crossing stalled for two days.",
}


def _verdict(label, *reasons):
    return Verdict(label=label, score=0.9 if label != "ok" else 0.1, reasons=tuple(reasons))


GENERIC = Reason("generic_praise", "Made only of generic thanks", 2.0)
MODEL = Reason("model", "Text model", 1.5)
OFF_TOPIC = Reason("off_topic", "Shares no content words", 1.2)
CONTACT = Reason("private_contact", "Asks to continue in private", 3.0)
RELEVANT = Reason("relevant", "Shares 3 content words", -1.0)


def test_a_members_flagged_chatter_is_folded_not_held():
    assert decide(_verdict("low_value", GENERIC, MODEL), MEMBER).outcome == "fold"


def test_the_text_model_and_genericness_alone_never_hold_a_member():
    assert decide(_verdict("low_value", OFF_TOPIC, MODEL), MEMBER).outcome == "fold"


def test_a_flagged_question_from_a_member_without_abuse_is_published_not_folded():
    decision = decide(_verdict("low_value", MODEL), MEMBER, may_fold=False)
    assert decision.outcome == "publish"


def test_a_private_contact_request_holds_even_a_member():
    decision = decide(_verdict("low_value", CONTACT, GENERIC), MEMBER)
    assert (decision.outcome, decision.reasons[0].code) == ("hold", "private_contact")


def test_a_clear_contact_request_holds_even_when_the_score_is_not_flagged():
    decision = decide(_verdict("ok", CONTACT, RELEVANT), MEMBER, may_fold=False)
    assert (decision.outcome, decision.reasons[0].code) == ("hold", "private_contact")


def test_a_faint_near_copy_needs_a_flagged_score_to_hold():
    faint = Reason("duplicate", "Close to a reply posted under another thread", 0.7)
    assert decide(_verdict("ok", faint, RELEVANT), MEMBER).outcome == "publish"


def test_strong_evidence_of_abuse_hides():
    assert decide(_verdict("spam", CONTACT, MODEL), NEWCOMER).outcome == "hide"


def test_generic_off_thread_text_from_an_account_with_no_record_is_held_as_spinner_text():
    decision = decide(_verdict("low_value", OFF_TOPIC, MODEL), NEWCOMER)
    assert decision.outcome == "hold"
    assert "spinner" in decision.why


def test_mere_chatter_from_an_account_with_no_record_is_held_even_unflagged():
    assert decide(_verdict("ok", GENERIC), NEWCOMER).outcome == "hold"


def test_chatter_from_a_new_account_with_a_published_post_is_folded_not_held():
    first_steps = AuthorFacts(account_age_days=2, approved_posts=1)
    assert decide(_verdict("low_value", GENERIC, OFF_TOPIC), first_steps).outcome == "fold"


def test_a_newcomers_reply_tied_to_the_thread_is_at_most_folded():
    assert decide(_verdict("low_value", MODEL, RELEVANT), NEWCOMER).outcome == "fold"


def test_an_unflagged_reply_is_published_whoever_wrote_it():
    for author in (MEMBER, NEWCOMER, None):
        assert decide(_verdict("ok", RELEVANT), author).outcome == "publish"


def test_without_author_facts_the_reply_is_judged_on_its_text_alone_and_says_so():
    for author in (None, AuthorFacts()):
        decision = decide(_verdict("low_value", MODEL), author)
        assert (decision.outcome, decision.judged_on) == ("hold", TEXT_ALONE)
    assert decide(_verdict("ok"), MEMBER).judged_on == TEXT_AND_AUTHOR


def test_a_members_thanks_is_folded_by_the_real_filter():
    verdict = SpamFilter(thresholds=Thresholds(0.5, 0.8)).classify(
        Reply(text="Thanks a lot!", author=MEMBER, **THREAD)
    )
    assert decide(verdict, MEMBER).outcome == "fold"


def test_a_members_one_line_disagreement_on_the_thread_is_published():
    verdict = SpamFilter(thresholds=Thresholds(0.5, 0.8)).classify(
        Reply(text="I doubt the pontoons were the problem.", author=MEMBER, **THREAD)
    )
    assert decide(verdict, MEMBER).outcome == "publish"


ACKNOWLEDGEMENT = Reason("acknowledgement", "Only acknowledges someone (edit pointer)", 0.0)


def test_a_members_acknowledgement_is_folded():
    decision = decide(_verdict("ok", ACKNOWLEDGEMENT), MEMBER)
    assert (decision.outcome, decision.chatter) == ("fold", True)


def test_an_acknowledgement_from_a_new_account_with_a_published_post_is_folded():
    first_steps = AuthorFacts(account_age_days=2, approved_posts=1)
    assert decide(_verdict("ok", ACKNOWLEDGEMENT), first_steps).outcome == "fold"


def test_an_acknowledgement_from_an_account_with_no_record_is_published_not_held():
    assert decide(_verdict("ok", ACKNOWLEDGEMENT), NEWCOMER).outcome == "publish"


def test_an_acknowledgement_judged_on_its_text_alone_is_published_not_held():
    assert decide(_verdict("ok", ACKNOWLEDGEMENT), None).outcome == "publish"


def test_an_acknowledgement_in_a_question_is_published_not_folded():
    assert decide(_verdict("ok", ACKNOWLEDGEMENT), MEMBER, may_fold=False).outcome == "publish"


def test_a_members_reply_to_someone_that_only_points_to_an_edit_is_folded_by_the_real_filter():
    verdict = SpamFilter(thresholds=Thresholds(0.5, 0.8)).classify(
        Reply(text="@marek see my edit, better now?", author=MEMBER, **THREAD)
    )
    assert decide(verdict, MEMBER).outcome == "fold"

"""What becomes of a screened reply: the one rule from a verdict and its author to an outcome.

The filter's score says how unusual a reply is; it does not say what was wrong with it. The
outcome does, and each outcome stands on its own evidence:

* **hide**: strong evidence of abuse (the verdict is ``spam``: a high score *and* a sign of
  abuse, see ``filter.SPAM_CODES``);
* **hold** for a moderator: evidence of abuse (contact or private-message requests, promotion,
  advertising-shaped links, copies across threads, like-bait, a bad record, ...) on its own
  when it is clear (``CLEAR_ABUSE_WEIGHT``), behind a flagged score when weaker; or
  **spinner text**: generic or off-thread text, flagged or mere chatter, from an account with
  no record (new, nothing approved), with nothing tying it to the thread. (Watched patterns
  and spam campaigns need the database and are checked by ``forum/moderation`` after this.)
* **fold** (visible, collapsed behind one line): harmless chatter (thanks, +1, agreement,
  praise) and replies flagged on genericness or the text model alone, when the author has
  a record or posts already approved, or the reply is tied to the thread: those never hold
  a member; and replies that only acknowledge someone ("Got it", "My bad", "@ana see my
  edit", ``acknowledgement``), from an author with a record or posts already approved only:
  an acknowledgement is never a reason to hold, so from anyone else it is published;
* **publish**: the rest.

**Text alone.** When nothing is known about the author (``author`` is ``None`` or every fact is
unknown: the JSONL command line, imported authors, sources such as text messages), the reply is
judged on its text alone, as from an account with no record: nothing vouches for it, so
chatter and flagged text that nothing ties to a thread are held like spinner text, and abuse
holds or hides as for anyone. ``Decision.judged_on`` says which of the two was done.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from .author import has_record
from .filter import MIN_HOLD_WEIGHT, SPAM_CODES, is_acknowledgement, is_chatter, is_plain_links
from .records import LABEL_OK, LABEL_SPAM, AuthorFacts, Reason, RecordRule, Verdict

PUBLISH = "publish"
FOLD = "fold"
HOLD = "hold"
HIDE = "hide"
OUTCOMES = (PUBLISH, FOLD, HOLD, HIDE)

TEXT_AND_AUTHOR = "text and author"
TEXT_ALONE = "text alone"

# Genericness: the reply could sit under any thread.
DEFAULT_RULE = RecordRule()
# The score at which the fitted bias puts the operating point (``weights``).
OPERATING_POINT = 0.5

# Evidence of abuse this heavy holds without a flagged score (contact requests, contact
# details, promotion, advertising-shaped links, like-bait weigh 2.7-7 when they fire; copies of
# canned moderator comments 0.6-1.2).
CLEAR_ABUSE_WEIGHT = 2.5

GENERIC_CODES = frozenset({"generic_praise", "off_topic"})


@dataclass(frozen=True)
class Decision:
    outcome: str  # one of OUTCOMES
    reasons: tuple[Reason, ...]  # the verdict's reasons that decided it (strongest first)
    judged_on: str  # TEXT_AND_AUTHOR or TEXT_ALONE
    chatter: bool  # reads as thanks, +1, praise, or folds as an acknowledgement
    why: str  # one line for moderators and the command line: which rule decided


def knows_author(author: AuthorFacts | None) -> bool:
    """True when at least one fact about the author is known."""
    if not isinstance(author, AuthorFacts):
        return False
    return any(
        getattr(author, f.name) not in (None, ())
        for f in fields(author)
        if f.name != "earlier_texts"
    )


def approved_any(author: AuthorFacts | None) -> bool:
    """True when the author has at least one earlier post published or approved."""
    posts = getattr(author, "approved_posts", None)
    return isinstance(posts, (int, float)) and not isinstance(posts, bool) and posts > 0


def abuse_reasons(reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
    """The reasons that are evidence of abuse, with weight enough to justify a hold."""
    return tuple(
        r
        for r in reasons
        if r.code in SPAM_CODES and r.weight >= MIN_HOLD_WEIGHT and not is_plain_links(r)
    )


def decide(
    verdict: Verdict,
    author: AuthorFacts | None,
    rule: RecordRule = DEFAULT_RULE,
    *,
    may_fold: bool = True,
) -> Decision:
    """The outcome for ``verdict`` on a reply by ``author``.

    ``may_fold`` is false for questions: a question is never chatter, so it is never folded.
    """
    reasons = verdict.reasons
    judged_on = TEXT_AND_AUTHOR if knows_author(author) else TEXT_ALONE
    record = judged_on == TEXT_AND_AUTHOR and has_record(author, rule)
    chatter = may_fold and is_chatter(reasons)
    flagged = verdict.label != LABEL_OK
    abuse = abuse_reasons(reasons)

    if verdict.label == LABEL_SPAM and abuse:
        return Decision(HIDE, abuse, judged_on, chatter, "strong evidence of abuse")
    clear = tuple(r for r in abuse if r.weight >= CLEAR_ABUSE_WEIGHT)
    if clear or (flagged and abuse):
        # Clear evidence of abuse holds on its own weight: a contact request or an advertising
        # link is what a moderator should see, whatever the text model makes of the wording
        # around it (a long, on-topic question can end by asking readers to continue in
        # private). Weaker evidence (a near-copy of a moderator's canned comment, one faint
        # cue) holds only behind a flagged score.
        return Decision(HOLD, abuse, judged_on, chatter, "evidence of abuse")
    tied = any(r.code == "relevant" for r in reasons)
    generic = tuple(r for r in reasons if r.code in GENERIC_CODES and r.weight > 0)
    # Over the operating point on wording alone, even where no second signal agreed to flag
    # it: enough to fold a member's reply; with genericness, to hold spinner text.
    wording = flagged or verdict.score >= OPERATING_POINT
    # Spinner text comes from an account with no record: new, nothing approved. An account
    # with posts already published is known to the thread's readers, even before it has the
    # full record (``has_record``), so its chatter folds like a member's.
    unvouched = not record and not approved_any(author)
    if unvouched and not tied and (chatter or flagged or (generic and wording)):
        # Spinner text: generic or off-thread, flagged or mere chatter, and nothing known of
        # the author vouches for it.
        who = "an unknown author" if judged_on == TEXT_ALONE else "an account with no record"
        shown = generic or tuple(r for r in reasons if r.weight > 0)[:2]
        return Decision(HOLD, shown, judged_on, chatter, f"spinner text from {who}")
    if may_fold and (chatter or wording):
        pushing = tuple(r for r in reasons if r.weight > 0)[:3]
        why = "chatter" if chatter else "generic wording or the text model alone"
        return Decision(FOLD, pushing, judged_on, chatter, why)
    # Acknowledgements weigh nothing in the score, so they reach this point however the
    # author stands; only a member with a record or approved posts has them folded.
    if may_fold and not unvouched and is_acknowledgement(reasons):
        noted = tuple(r for r in reasons if r.code == "acknowledgement")
        return Decision(FOLD, noted, judged_on, True, "acknowledgement")
    return Decision(PUBLISH, (), judged_on, chatter, "")

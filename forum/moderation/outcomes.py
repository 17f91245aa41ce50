"""What becomes of a post the spam check screened: the one place a verdict, the author's
record and the campaign check turn into an outcome.

The filter labels text (`ok`, `low_value`, `spam`); the forum decides what readers see:

- **publish**: visible;
- **fold**: visible, collapsed with the other thanks and +1 under its post into one line
  readers open without JavaScript (`Post.is_chatter`);
- **hold**: waits for a moderator, shown only to its author and moderators;
- **hide**: hidden as spam.

Which of the four a screened post gets is one pure rule in the filter's package
(`forum.spamfilter.outcome.decide`, also what the evaluation report measures): hold only on
evidence of abuse or on spinner text from an account with no record, hide on strong evidence,
fold chatter and replies flagged on wording alone from members with a record. The forum adds
what needs its database: a post copying a spam campaign is held whatever its wording (watched
patterns are checked by the intake after this).

It also words what a post's author and the audit log are told. A verdict here is the filter's
`Verdict` and `Decision`, read by their fields only: `spam.py` stays the one module that imports
the filter.
"""

from enum import StrEnum

from forum.posts.models import Status


class Outcome(StrEnum):
    PUBLISH = "publish"
    FOLD = "fold"
    HOLD = "hold"
    HIDE = "hide"

    @property
    def status(self) -> str:
        """The post status that carries the outcome (a fold is a visible chatter post)."""
        return _STATUS[self]

    @property
    def is_visible(self) -> bool:
        return self.status == Status.VISIBLE


_STATUS = {
    Outcome.PUBLISH: Status.VISIBLE,
    Outcome.FOLD: Status.VISIBLE,
    Outcome.HOLD: Status.HELD,
    Outcome.HIDE: Status.SPAM,
}


def decide_outcome(decision, *, joins_campaign: bool = False) -> Outcome:
    """The outcome for a screened post.

    `decision` is the filter's outcome rule applied to the verdict and the author's record
    (`forum.spamfilter.outcome.decide`, which `spam.py`, the adapter, calls); `joins_campaign`
    says the post copies posts moderators removed as spam, which holds it whatever its wording.
    """
    outcome = Outcome(decision.outcome)
    if joins_campaign and outcome.is_visible:
        outcome = Outcome.HOLD
    return outcome


def describe(verdict, held: bool = False) -> str:
    """A one-line reason for the audit log, for moderators: score and the filter's reasons.

    `held`: the post was held although the score alone did not flag it (spinner text or chatter
    from an account with no record)."""
    if verdict.label == "ok" and not held:
        return ""
    messages = "; ".join(reason.message for reason in verdict.reasons[:3])
    return f"Spam filter ({verdict.score:.2f}): {messages}"[:300]


# What an author is told, by reason code. Model scores, word lists and account statistics are
# left out on purpose: they mean nothing to an honest member and help a spammer tune.
MEMBER_WORDS = {
    "generic_praise": "it reads like thanks or praise that would fit under any question",
    "off_topic": "it does not seem to be about this question",
    "private_contact": "it asks readers to continue in private",
    "contact_details": "it contains contact details",
    "links": "its links look like advertising",
    "markup_injection": "it contains markup that is not allowed",
    "promotion": "it reads like advertising",
    "self_promotion": "it reads like advertising",
    "like_bait": "it asks readers for likes or to pass it on",
    "shouting": "it is written in capitals",
    "repetition": "it repeats itself",
    "keyword_stuffing": "it repeats itself",
    "duplicate": "the same text was posted in other threads",
    "self_repeat": "it repeats your earlier posts",
    "new_account_burst": "many posts came from your account in a short time",
    "empty": "it has no words",
}


def describe_for_author(verdict, held: bool = False) -> str:
    """Why the post waits or is hidden, in words for its author (stored as its status reason)
    that say which of the two happened. `held` as for `describe`."""
    if verdict.label == "ok" and not held:
        return ""
    found = [
        MEMBER_WORDS[r.code] for r in verdict.reasons if r.weight > 0 and r.code in MEMBER_WORDS
    ]
    why = "; ".join(dict.fromkeys(found)) or "our automatic check was unsure about it"
    did = "took it for spam" if verdict.label == "spam" else "held it"
    return f"Our spam check {did} because {why}."[:300]

"""The frozen records that go into and come out of the filter.

They are plain dataclasses so that the Django adapter (or a script, or a test) can build them
from anything without importing the framework.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LABEL_OK = "ok"
LABEL_LOW_VALUE = "low_value"
LABEL_SPAM = "spam"


@dataclass(frozen=True)
class AuthorFacts:
    """What the site knows about the author; ``None`` means "unknown" and counts as neutral."""

    account_age_days: float | None = None
    approved_posts: int | None = None  # earlier posts now visible (published or approved)
    rejected_posts: int | None = None  # earlier posts moderators removed as spam or low value
    posts_last_hour: int | None = None
    threads_last_hour: int | None = None  # distinct threads replied to in the last hour
    earlier_texts: tuple[str, ...] = ()  # the author's recent earlier replies (self-repetition)
    reputation: int | None = None  # the site's reputation score, when it keeps one


@dataclass(frozen=True)
class Reply:
    """One answer or comment, with the thread it was posted in."""

    text: str
    kind: str = "comment"  # "answer" | "comment"
    thread_title: str = ""
    thread_body: str = ""
    parent_text: str = ""
    author: AuthorFacts = field(default_factory=AuthorFacts)
    # Other threads already holding a near-duplicate (the caller counts them: fingerprint_keys).
    duplicates_elsewhere: int = 0


@dataclass(frozen=True)
class Reason:
    """One signal that fired: a stable code, a sentence for moderators and its logit contribution.

    A positive weight pushes towards spam, a negative one is credit (e.g. relevance to the thread).
    """

    code: str
    message: str
    weight: float


@dataclass(frozen=True)
class Verdict:
    label: str  # "ok" | "low_value" | "spam"
    score: float  # in [0, 1]
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {
            "verdict": self.label,
            "score": round(self.score, 3),
            "reasons": [
                {"code": r.code, "message": r.message, "weight": round(r.weight, 3)}
                for r in self.reasons
            ],
        }


@dataclass(frozen=True)
class RecordRule:
    """What makes an author "a member with a record" (``author.has_record``): an account at
    least ``min_account_days`` old with at least ``min_reputation`` reputation or
    ``min_approved_posts`` published posts. The caller reads the numbers from its settings."""

    min_account_days: float = 30
    min_reputation: int = 10
    min_approved_posts: int = 3


@dataclass(frozen=True)
class Thresholds:
    """Score cut-offs: at or above ``low_value`` a reply is hidden, at or above ``spam`` it is spam.

    "spam" additionally needs a sign of abuse among the reasons (see ``filter.SPAM_CODES``);
    a reply that is merely empty chatter stops at "low_value" however high it scores.
    """

    low_value: float = 0.5
    spam: float = 0.85

"""The only bridge between the forum and `forum.spamfilter`: builds the filter's input from a
post and the database, keeps the statistical model in step with moderator decisions."""

import threading
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.core.models import PostStatus
from forum.spamfilter import (
    AuthorFacts,
    Reply,
    SpamFilter,
    Thresholds,
    Verdict,
    fingerprint_keys,
    train_default_model,
)

from .models import Fingerprint, TrainingExample
from .posts import REPLY_MODELS

EARLIER_TEXTS = 5
SYNC_OVERLAP = 100


class _ModelState:
    """The process's filter, built once from the shipped corpus, then updated incrementally
    with moderator decisions so every app server converges on the same model."""

    def __init__(self):
        self.lock = threading.Lock()
        self.filter: SpamFilter | None = None
        self.model = None
        self.learned: dict[int, tuple[str, bool]] = {}
        self.synced_at = None

    def get(self) -> SpamFilter:
        with self.lock:
            if self.filter is None:
                thresholds = Thresholds(**settings.SPAM_FILTER_THRESHOLDS)
                self.model = train_default_model()
                self.filter = SpamFilter(model=self.model, thresholds=thresholds)
            self._sync()
            return self.filter

    def _sync(self) -> None:
        model = self.model
        now = timezone.now()
        # Look a little below the newest id learned: concurrent transactions can commit ids
        # out of order, and `learned` keeps any example from being learned twice.
        since = max(self.learned, default=0) - SYNC_OVERLAP
        for pk, text, is_spam in TrainingExample.objects.filter(
            pk__gt=since, revoked_at__isnull=True
        ).values_list("pk", "text", "is_spam"):
            if pk in self.learned:
                continue
            model.learn(text, is_spam)
            self.learned[pk] = (text, is_spam)
        if self.synced_at is not None and self.learned:
            # A minute of overlap absorbs clock skew between app servers; `learned` makes
            # forgetting idempotent.
            revoked = TrainingExample.objects.filter(
                revoked_at__gte=self.synced_at - timedelta(minutes=1)
            ).values_list("pk", flat=True)
            for pk in revoked:
                if pk in self.learned:
                    text, is_spam = self.learned.pop(pk)
                    model.forget(text, is_spam)
        self.synced_at = now

    def reset(self) -> None:
        with self.lock:
            self.filter = None
            self.learned.clear()
            self.synced_at = None


_state = _ModelState()
get_filter = _state.get
reset_filter = _state.reset


def author_facts(user, *, at) -> AuthorFacts:
    """What the author had done before `at`; unknown (None) for imported authors."""
    age = (at - user.date_joined).total_seconds() / 86400
    if age < 0:
        # Imported authors join after their posts were written: their history is unknown.
        return AuthorFacts()
    hour_ago = at - timedelta(hours=1)
    approved = sum(
        model.objects.filter(author=user, status=PostStatus.VISIBLE, created_at__lt=at).count()
        for model in REPLY_MODELS.values()
    )
    recent = [
        (question_id, body)
        for model in REPLY_MODELS.values()
        for question_id, body in model.objects.filter(
            author=user, created_at__gte=hour_ago, created_at__lt=at
        ).values_list("question_id", "body")
    ]
    earlier = [
        body
        for model in REPLY_MODELS.values()
        for body in model.objects.filter(author=user, created_at__lt=at)
        .order_by("-created_at")
        .values_list("body", flat=True)[:EARLIER_TEXTS]
    ]
    return AuthorFacts(
        account_age_days=age,
        approved_posts=approved,
        posts_last_hour=len(recent),
        threads_last_hour=len({question_id for question_id, _ in recent}),
        earlier_texts=tuple(earlier),
    )


def count_duplicates_elsewhere(text: str, question_id: int) -> int:
    """How many other threads already hold a reply sharing a near-duplicate key with `text`."""
    keys = fingerprint_keys(text)
    if not keys:
        return 0
    return (
        Fingerprint.objects.filter(key__in=keys)
        .exclude(question_id=question_id)
        .values("question_id")
        .distinct()
        .count()
    )


def record_fingerprints(reply) -> None:
    Fingerprint.objects.bulk_create(
        Fingerprint(key=key, question_id=reply.question_id, created_at=reply.created_at)
        for key in fingerprint_keys(reply.body)
    )


def build_reply(reply) -> Reply:
    """The filter's view of a stored or about-to-be-stored answer or comment."""
    question = reply.question
    parent = reply.answer if isinstance(reply, Comment) and reply.answer_id else question
    return Reply(
        text=reply.body,
        kind="answer" if isinstance(reply, Answer) else "comment",
        thread_title=question.title,
        thread_body=question.body,
        parent_text=parent.body if isinstance(reply, Comment) else "",
        author=author_facts(reply.author, at=reply.created_at),
        duplicates_elsewhere=count_duplicates_elsewhere(reply.body, reply.question_id),
    )


def screen(reply) -> Verdict:
    return get_filter().classify(build_reply(reply))


STATUS_FOR_VERDICT = {
    "ok": PostStatus.VISIBLE,
    "low_value": PostStatus.HELD,
    "spam": PostStatus.SPAM,
}


def describe(verdict: Verdict) -> str:
    """A one-line reason for the post's status, for authors and moderators."""
    if verdict.label == "ok":
        return ""
    messages = "; ".join(reason.message for reason in verdict.reasons[:3])
    return f"Spam filter ({verdict.score:.2f}): {messages}"[:300]

from django.conf import settings
from django.db import models
from django.utils import timezone

from forum.posts.models import Post, Status


class Flag(models.Model):
    """A member's report that a post needs a moderator's eyes."""

    class Reason(models.TextChoices):
        SPAM = "spam"  # labelled "Spam" from its name
        RUDE = "rude", "Rude or abusive"
        NOT_AN_ANSWER = "not_an_answer", "Not an answer"
        NO_LONGER_NEEDED = "no_longer_needed", "No longer needed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="flags")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # What the flag counts towards holding the post: the flagger's weight when it was raised
    # (forum/accounts/reputation.py), kept so later changes to their record do not rewrite it.
    weight = models.FloatField(default=0)
    # Set when a moderator acts on the post; resolved flags stay as a record.
    resolved_at = models.DateTimeField(null=True, blank=True)
    # True when the moderator acted on the post, False when they left it as it was (declined).
    helpful = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="one_flag_per_member_per_post")
        ]
        indexes = [models.Index(fields=["post", "resolved_at"], name="flag_open")]

    def __str__(self):
        return f"{self.get_reason_display()} flag on post {self.post_id}"


class AuditLogEntry(models.Model):
    """One moderation decision, by a moderator or automatic (actor empty). Append-only."""

    class Action(models.TextChoices):
        # Labels are spelled out where the name alone would not say it ("Approved" would).
        FILTERED = "filtered", "Held by the spam filter"
        FLAG_HELD = "flag_held", "Held after flags"
        APPROVED = "approved"
        REJECTED = "rejected", "Rejected as spam"
        HIDDEN = "hidden"
        RESTORED = "restored"
        FLAGS_DISMISSED = "flags_dismissed", "Flags dismissed"
        SUSPENDED = "suspended"
        UNSUSPENDED = "unsuspended", "Author reinstated"
        RESCANNED = "rescanned"
        APPEALED = "appealed", "Appealed by the author"
        APPEAL_DENIED = "appeal_denied", "Appeal denied"
        UNDONE = "undone", "Decision undone"
        CLOSED = "closed"
        REOPENED = "reopened"
        LOCKED = "locked"
        UNLOCKED = "unlocked"
        REDACTED = "redacted", "Revision redacted"
        UNREDACTED = "unredacted", "Revision redaction lifted"
        WARNED = "warned"
        WATCHED = "watched", "Held by a watched pattern"
        BLOCKED = "blocked", "Refused by a watched pattern"
        WATCH_ADDED = "watch_added", "Watched pattern added"
        WATCH_REMOVED = "watch_removed", "Watched pattern removed"
        VOTE_DISCOUNTED = "vote_discounted", "Vote earns no reputation (linked accounts)"
        LOGINS_UNLOCKED = "logins_unlocked", "Log-in limits lifted"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    # The version of the post the decision was made on.
    post_revision = models.PositiveIntegerField(null=True, blank=True)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status_before = models.CharField(max_length=10, choices=Status.choices, blank=True)
    status_after = models.CharField(max_length=10, choices=Status.choices, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "audit log entries"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The moderation log is append-only.")

    @property
    def changed_status(self) -> bool:
        return self.status_before != self.status_after

    def who(self) -> str:
        """Who decided, in words: a moderator's name, or what acted automatically."""
        if self.actor_id is not None:
            return str(self.actor)
        if self.action in (self.Action.WATCHED, self.Action.BLOCKED):
            return "a watched pattern"
        if self.action == self.Action.VOTE_DISCOUNTED:
            return "the voting-ring check"
        return "member flags" if self.action == self.Action.FLAG_HELD else "the spam filter"

    def summary(self) -> str:
        """What happened, as a sentence a moderator reads at a glance."""
        after = dict(Status.choices).get(self.status_after, "").lower()
        automatic = (self.Action.FILTERED, self.Action.RESCANNED, self.Action.FLAG_HELD)
        if self.action in (*automatic, self.Action.WATCHED):
            return f"{self.who().capitalize()} set it to “{after}”"
        if self.changed_status:
            before = dict(Status.choices).get(self.status_before, "new").lower()
            return f"{self.get_action_display()}: “{before}” → “{after}”"
        return self.get_action_display()

    @classmethod
    def note(cls, post: Post, *, actor, action: str, reason: str) -> "AuditLogEntry":
        """Record (and save) a decision on `post` that leaves its status as it is."""
        entry = cls.about(
            post, actor=actor, action=action, before=post.status, after=post.status, reason=reason
        )
        entry.save()
        return entry

    @classmethod
    def about(
        cls, post: Post, *, actor, action: str, before: str, after: str, reason: str, at=None
    ):
        """An unsaved entry recording a decision on `post` (at `at`, or now)."""
        return cls(
            actor=actor,
            action=action,
            post=post,
            post_revision=post.revision,
            member_id=post.author_id,
            status_before=before,
            status_after=after,
            reason=reason,
            created_at=at or timezone.now(),
        )


# The entries that change whether a member is suspended (an undo's has no post).
SUSPENSION_CHANGES = (
    AuditLogEntry.Action.SUSPENDED,
    AuditLogEntry.Action.UNSUSPENDED,
    AuditLogEntry.Action.UNDONE,
)


class TrainingExample(models.Model):
    """A moderator's verdict on a text, taught to the spam filter's statistical model."""

    text = models.TextField()
    is_spam = models.BooleanField()
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the moderator's decision is reversed; the model then forgets the example.
    revoked_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self):
        return f"{'spam' if self.is_spam else 'ham'}: {self.text[:40]}"


class Fingerprint(models.Model):
    """Near-duplicate keys of a post, so template spam repeated across threads is recognised."""

    key = models.CharField(max_length=40)
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="+")
    # The question the post belongs to (itself for a question).
    thread = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            # A post's keys are looked up outside its own thread (`spam.find_echoes`): by key,
            # then the thread ids below and above its own, so a thread flooded with copies
            # of one text costs nothing to skip.
            models.Index(fields=["key", "thread"], name="fingerprint_by_key"),
        ]

    def __str__(self):
        return self.key


class Appeal(models.Model):
    """An author's request that a moderator look again at their held or hidden post.

    One per post: the author says why once, a moderator decides, the author is told.
    """

    post = models.OneToOneField(Post, on_delete=models.PROTECT, related_name="+")
    message = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted = models.BooleanField(null=True)

    def __str__(self):
        return f"Appeal on post {self.post_id}"


class SpamModelSnapshot(models.Model):
    """The filter's statistical model with every moderator decision standing at `taken_at`,
    so a new worker loads it instead of re-learning every decision ever made.

    Written by `manage.py save_spam_model`; workers then learn only the decisions after it.
    """

    state = models.JSONField()  # TextModel.to_dict()
    through = models.BigIntegerField()  # the highest TrainingExample id it includes
    # Ids just below `through` it includes: later workers re-check that window, as ids can
    # commit out of order.
    tail = models.JSONField(default=list)
    # Ids revoked shortly before `taken_at` and so not in it: a worker that sees them revoked
    # must not forget them again.
    revoked = models.JSONField(default=list)
    taken_at = models.DateTimeField()

    def __str__(self):
        return f"Spam model through decision {self.through} ({self.taken_at:%Y-%m-%d %H:%M})"


class Job(models.Model):
    """Work on many posts done in the background, a batch at a time: a decision on a whole
    campaign or a large bulk action, or a rescan after the filter changed. The row is the
    job's progress, which the moderator's page shows, and its work list.

    Each batch commits together with `done`, so a batch is never done twice, even when its
    task is delivered again (a worker killed mid-batch, a job sent again after a broker
    outage).
    """

    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", "Campaign"
        BULK = "bulk", "Bulk action"
        RESCAN = "rescan", "Rescan after a filter change"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Stopped"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The queue action ("reject", "approve", …) a campaign or bulk job carries out, and why.
    action = models.CharField(max_length=10, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The campaign (its id) the job acts on, so the campaigns page shows its progress.
    campaign_id = models.BigIntegerField(null=True, blank=True)
    # What to work on: [post id, version seen or null], in order; a rescan's filter version.
    targets = models.JSONField(default=list)
    key = models.CharField(max_length=64, blank=True)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)  # targets handled, batch by batch
    changed = models.PositiveIntegerField(default=0)  # of which changed status
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # When it was last sent to the workers: a job queued long after it was sent is sent again.
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "created_at"], name="job_state")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}: {self.done}/{self.total} {self.state}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

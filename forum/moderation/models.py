from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from forum.core.models import PostStatus


class Flag(models.Model):
    """A member's report that a post needs a moderator's eyes."""

    class Reason(models.TextChoices):
        SPAM = "spam", "Spam"
        RUDE = "rude", "Rude or abusive"
        NOT_AN_ANSWER = "not_an_answer", "Not an answer"
        NO_LONGER_NEEDED = "no_longer_needed", "No longer needed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    post = GenericForeignKey("content_type", "object_id")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator acts on the post; resolved flags stay as a record.
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_flag_per_member_per_post"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "resolved_at"])]

    def __str__(self):
        return f"{self.get_reason_display()} flag on {self.content_type.model} {self.object_id}"


class AuditLogEntry(models.Model):
    """One moderation decision, by a moderator or by the spam filter (actor empty). Append-only."""

    class Action(models.TextChoices):
        FILTERED = "filtered", "Held by the spam filter"
        FLAG_HELD = "flag_held", "Held after flags"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected as spam"
        HIDDEN = "hidden", "Hidden"
        RESTORED = "restored", "Restored"
        FLAGS_DISMISSED = "flags_dismissed", "Flags dismissed"
        SUSPENDED = "suspended", "Author suspended"
        UNSUSPENDED = "unsuspended", "Author reinstated"
        RESCANNED = "rescanned", "Rescanned"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    post = GenericForeignKey("content_type", "object_id")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status_before = models.CharField(max_length=10, choices=PostStatus.choices, blank=True)
    status_after = models.CharField(max_length=10, choices=PostStatus.choices, blank=True)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        permissions = [("moderate_posts", "Can moderate posts and suspend members")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The moderation log is append-only.")


class TrainingExample(models.Model):
    """A moderator's verdict on a text, taught to the spam filter's statistical model."""

    text = models.TextField()
    is_spam = models.BooleanField()
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the moderator's decision is reversed; the model then forgets the example.
    revoked_at = models.DateTimeField(null=True, blank=True, db_index=True)

    def __str__(self):
        return f"{'spam' if self.is_spam else 'ham'}: {self.text[:40]}"


class Fingerprint(models.Model):
    """Near-duplicate keys of a reply, so template spam repeated across threads is recognised."""

    key = models.CharField(max_length=40, db_index=True)
    question_id = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.key

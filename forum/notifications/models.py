from django.conf import settings
from django.db import models
from django.utils import timezone

from forum.posts.models import Post


class Notification(models.Model):
    """Something a member should know: a reply, a mention, an accept, a moderator's word.

    Written in the same transaction as its cause, so it exists exactly when the cause does.
    """

    class Kind(models.TextChoices):
        ANSWER = "answer", "New answer to your question"
        COMMENT = "comment", "New comment on your post"
        MENTION = "mention", "You were mentioned"
        ACCEPTED = "accepted", "Your answer was accepted"
        MODERATION = "moderation", "A moderator decided on your post"
        WARNING = "warning", "A private warning from a moderator"
        SUSPENSION = "suspension", "Your account was suspended"
        FAILED_LOGINS = "failed_logins", "Failed log-ins on your account"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    message = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            # A post announces itself once per reader, however often it is hidden and restored.
            models.UniqueConstraint(
                fields=["recipient", "post", "kind"],
                condition=~models.Q(kind="moderation"),
                name="one_notice_per_post_and_kind",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.recipient_id}"

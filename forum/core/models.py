"""Pieces every kind of post shares: moderation status, Markdown body, edit history."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from forum.moderation.permissions import can_moderate

from .markdown import render_markdown


class PostStatus(models.TextChoices):
    VISIBLE = "visible", "Visible"
    HELD = "held", "Held for review"
    SPAM = "spam", "Hidden as spam"
    HIDDEN = "hidden", "Hidden by a moderator"


class PostQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=PostStatus.VISIBLE)

    def visible_to(self, user):
        """Posts this user may read: visible ones, their own held ones, all for moderators."""
        if can_moderate(user):
            return self
        if user.is_authenticated:
            return self.filter(
                models.Q(status=PostStatus.VISIBLE) | models.Q(status=PostStatus.HELD, author=user)
            )
        return self.visible()


class Post(models.Model):
    """Abstract base of questions, answers and comments.

    Nothing is ever deleted: moderation changes `status`, readers see only visible posts.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="%(class)ss"
    )
    body = models.TextField()
    body_html = models.TextField(editable=False)
    status = models.CharField(
        max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE, db_index=True
    )
    status_reason = models.CharField(max_length=300, blank=True)
    # The spam filter's last opinion, kept so moderators see why and rescans can compare.
    spam_score = models.FloatField(null=True, blank=True)
    spam_reasons = models.JSONField(default=list, blank=True)
    # Set when a moderator decided the status; automatic rescans never override a human.
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_visible(self) -> bool:
        return self.status == PostStatus.VISIBLE

    def set_body(self, body: str) -> None:
        self.body = body
        self.body_html = render_markdown(body)


class Revision(models.Model):
    """One earlier version of an edited post, kept so edits can be reviewed and undone."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    post = GenericForeignKey("content_type", "object_id")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        ordering = ["-created_at"]

    def __str__(self):
        return f"Revision of {self.content_type.model} {self.object_id}, {self.created_at:%Y-%m-%d}"

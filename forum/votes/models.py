from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from forum.posts.models import Post


class Vote(models.Model):
    """One member's up or down vote on one post."""

    class Value(models.IntegerChoices):
        UP = 1, "Up"
        DOWN = -1, "Down"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="votes")
    value = models.SmallIntegerField(choices=Value.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # Where it was cast from (as the sign-up records them), to tell accounts that vote for
    # each other from one place (forum/votes/rings.py).
    address = models.GenericIPAddressField(null=True, blank=True)
    browser = models.CharField(max_length=64, blank=True)
    # False when the vote moves the score but earns its author no reputation: cast between
    # linked accounts, or found to be part of a voting ring later (and then taken back).
    earns = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="one_vote_per_member_per_post"),
            models.CheckConstraint(condition=Q(value__in=[1, -1]), name="vote_is_up_or_down"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.get_value_display()} on {self.post_id}"

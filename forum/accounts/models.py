from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse


class User(AbstractUser):
    """A member. Imported authors are ordinary rows with unusable passwords."""

    # Suspension is a moderator decision that can be undone; is_active stays for Django's own use.
    suspended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("moderate", "Can moderate posts and suspend members")]

    def __str__(self):
        return self.username

    def get_absolute_url(self):
        return reverse("questions:profile", args=[self.username])

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

from django.conf import settings
from django.db import models
from django.utils import timezone


class WatchedPattern(models.Model):
    """A word, phrase, domain, e-mail domain or network address moderators watch for, and
    what happens to a post that has it (matching.py).

    Patterns are literal or globs (`*` any run of characters, `?` one character), never
    regular expressions: a moderator cannot write one that takes seconds to match.
    """

    class Kind(models.TextChoices):
        WORD = "word"
        PHRASE = "phrase"
        DOMAIN = "domain", "Link domain"
        EMAIL_DOMAIN = "email_domain", "Author's e-mail domain"
        IP = "ip", "Author's network address"

    class Action(models.TextChoices):
        HOLD = "hold", "Hold for review"
        HIDE = "hide", "Hide as spam"
        BLOCK = "block", "Refuse the post"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    pattern = models.CharField(max_length=100)
    action = models.CharField(max_length=10, choices=Action.choices)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The table moderation created before the watch list was an app of its own, kept so
        # existing databases move without copying rows (migrations/0001_initial.py).
        db_table = "moderation_watchedpattern"
        ordering = ["kind", "pattern"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "pattern"], name="one_watch_per_pattern")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} “{self.pattern}” ({self.get_action_display().lower()})"

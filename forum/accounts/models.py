from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.lookups import Exact, In
from django.utils import timezone

from forum.core.loading import LoadedFromRows

from .names import skeleton

DISPLAY_NAME_MAX_LENGTH = 40
ABOUT_MAX_LENGTH = 2000


class UserQuerySet(models.QuerySet):
    def update(self, **fields):
        """Update in SQL, and have the cached copies of the members changed read anew
        (forum/accounts/usercache.py): a suspension or a reputation change shows at once."""
        from . import usercache

        ids = self._ids_named()
        if ids is None:
            ids = list(self.values_list("pk", flat=True))
        count = super().update(**fields)
        usercache.forget(ids)
        return count

    def _ids_named(self) -> list | None:
        """The ids when the rows are chosen by id alone (`filter(pk=...)`, `pk__in=[...]`),
        as every update of members does; None when only a query can tell."""
        where = self.query.where
        if where.negated or len(where.children) != 1:
            return None
        lookup = where.children[0]
        if getattr(getattr(lookup, "lhs", None), "target", None) != self.model._meta.pk:
            return None
        if isinstance(lookup, Exact) and isinstance(lookup.rhs, int):
            return [lookup.rhs]
        if isinstance(lookup, In) and isinstance(lookup.rhs, list | tuple | set | frozenset):
            return list(lookup.rhs)
        return None


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(LoadedFromRows, AbstractUser):
    """A member. Imported authors are ordinary rows with unusable passwords."""

    objects = UserManager()

    # Suspension is a moderator decision that can be undone; is_active stays for Django's own use.
    suspended_at = models.DateTimeField(null=True, blank=True)
    # Empty for an indefinite suspension. A suspension that has run out lifts itself when
    # read (`is_suspended`), so nothing has to run at that moment. Only `suspended_at` says a
    # suspension is in force: a lift keeps the end and reason, so undoing it restores them.
    suspended_until = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.CharField(max_length=300, blank=True)
    # Earned from votes and accepted answers (forum/accounts/reputation.py); changed only in
    # SQL by the services that cause it, so concurrent votes cannot lose an update.
    reputation = models.IntegerField(default=1)
    # The record that weighs a member's flags: flags a moderator acted on, and flags declined.
    helpful_flags = models.PositiveIntegerField(default=0)
    declined_flags = models.PositiveIntegerField(default=0)
    # Optional; pages show it instead of the username (forum/accounts/forms.py says what it
    # may hold). The username stays the member's address and the name on their posts.
    display_name = models.CharField(max_length=DISPLAY_NAME_MAX_LENGTH, blank=True)
    # Markdown the member writes about themselves, and its sanitised HTML, rendered once on
    # save (forum/accounts/services.py), like a post's.
    about = models.TextField(max_length=ABOUT_MAX_LENGTH, blank=True)
    about_html = models.TextField(blank=True, editable=False)
    # Where the account was made from, for telling apart members who vote for each other
    # (forum/votes/rings.py): the network address, and the browser's long-lived first-party
    # cookie id (forum/core/limits.py `client_browser`). Empty for imported members and
    # accounts made before they were recorded.
    signup_address = models.GenericIPAddressField(null=True, blank=True)
    signup_browser = models.CharField(max_length=64, blank=True)
    # Wrong passwords tried on this username since the member last logged in; told to them
    # in their inbox at their next log-in, then zeroed (forum/accounts/lockout.py).
    failed_logins = models.PositiveIntegerField(default=0, editable=False)
    # The username's confusable skeleton (forum/accounts/names.py): one per member, so no
    # name can be taken that looks like another's. Set on save; empty only for rows that
    # already looked like an earlier member's when this column came (migration 0006).
    username_skeleton = models.CharField(
        max_length=600, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        permissions = [("moderate", "Can moderate posts and suspend members")]
        # The members list, highest reputation first.
        indexes = [models.Index(fields=["-reputation", "id"], name="member_by_reputation")]

    def __str__(self):
        return self.username

    # get_absolute_url: settings.ABSOLUTE_URL_OVERRIDES (the app serving profiles).

    def save(self, *args, **kwargs):
        self.username_skeleton = skeleton(self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "username" in update_fields:
            kwargs["update_fields"] = {*update_fields, "username_skeleton"}
        super().save(*args, **kwargs)

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @property
    def is_suspended(self) -> bool:
        if self.suspended_at is None:
            return False
        return self.suspended_until is None or self.suspended_until > timezone.now()


class KnownAddress(models.Model):
    """An address a member has logged in from: log-ins from it are not slowed down when their
    username is being tried from elsewhere (forum/accounts/lockout.py)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    address = models.GenericIPAddressField()
    last_login_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "address"], name="one_row_per_known_address")
        ]

    def __str__(self):
        return f"{self.user_id} from {self.address}"


class UsedSignupToken(models.Model):
    """A sign-up form's served-at token that was sent: each is good once (forms.py)."""

    signature = models.CharField(max_length=100, unique=True)
    used_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.signature


class ApiToken(models.Model):
    """A personal API token a member made on their tokens page (forum/accounts/tokens.py).

    Only a digest of the secret is kept: a copy of the database lets nobody act as the
    member. The secret is shown once, when it is made. Revoking keeps the row (a member can
    see what was revoked and when) and stops it at once.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60)
    # The secret's first characters, shown in the list so a member can tell tokens apart.
    prefix = models.CharField(max_length=12)
    # SHA-256 of the whole secret, hex: the secret is 32 random bytes, so a fast hash is
    # enough (nothing to guess) and a look-up costs one indexed query.
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

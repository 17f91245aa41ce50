"""Personal API tokens: made, listed, revoked, and checked when a request presents one.

A secret reads `forum_<43 url-safe characters>`; the prefix makes a leaked one easy to spot
in logs and code. Only its SHA-256 digest is stored (models.ApiToken).
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import ApiToken, User

PREFIX = "forum_"
# A member with more live tokens than this has lost track of them; revoke some first.
MAX_ACTIVE = 10
# How stale `last_used_at` may get: refreshed at most this often, so a busy script does not
# write to the database on every request.
USED_EVERY = timedelta(minutes=5)


class TokenRefused(Exception):
    """No token was made; the message is for the member."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def create_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user` and its secret, which is not kept anywhere: show it once."""
    User.objects.select_for_update(no_key=True).filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE:
        raise TokenRefused(
            f"You already have {MAX_ACTIVE} active tokens. Revoke one you no longer use first."
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[: len(PREFIX) + 4], digest=digest(secret)
    )
    return token, secret


def list_tokens(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def revoke_token(*, user: User, token_id: int) -> bool:
    """Revoke one of `user`'s own tokens; False when it is not theirs or already revoked."""
    return bool(
        ApiToken.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def user_for_secret(secret: str) -> User | None:
    """The active member a secret belongs to, or None (unknown, revoked, or a member who may
    not log in any more)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

"""Who is a moderator, and who may post at all. Every app's permissions build on these."""

MODERATE_PERMISSION = "accounts.moderate"
MODERATORS_GROUP = "Moderators"


def can_moderate(user) -> bool:
    """Superusers always; others through the Moderators group's permission."""
    # has_perm caches per user object, so templates may call this freely.
    return bool(user.is_authenticated and user.is_active and user.has_perm(MODERATE_PERMISSION))


def can_post(user) -> bool:
    return bool(user.is_authenticated and user.is_active and not user.is_suspended)

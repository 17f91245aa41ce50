"""Who is a moderator, and who may post at all. Every app's permissions build on these."""

MODERATE_PERMISSION = "accounts.moderate"
MODERATORS_GROUP = "Moderators"


def is_moderator(user) -> bool:
    """Superusers, and members of the Moderators group: the office, suspended or not."""
    # has_perm caches per user object, so templates may call this freely.
    return bool(user.is_authenticated and user.is_active and user.has_perm(MODERATE_PERMISSION))


def can_moderate(user) -> bool:
    """Moderators while they are not suspended: a suspended moderator has no powers at all."""
    return is_moderator(user) and not user.is_suspended


def can_post(user) -> bool:
    return bool(user.is_authenticated and user.is_active and not user.is_suspended)


def can_edit_profile(user) -> bool:
    """Members edit their own profile while they may post: a suspended spammer's about
    text would be one more place to advertise."""
    return can_post(user)

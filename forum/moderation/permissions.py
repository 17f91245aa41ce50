"""Who may moderate. Superusers always may; others through the Moderators group's permission."""

MODERATE_PERMISSION = "moderation.moderate_posts"
MODERATORS_GROUP = "Moderators"


def can_moderate(user) -> bool:
    # has_perm caches per user object, so templates may call this freely.
    return bool(user.is_authenticated and user.is_active and user.has_perm(MODERATE_PERMISSION))


def can_flag_post(user, post) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and not user.is_suspended
        and post.author_id != user.pk
        and post.is_visible
    )

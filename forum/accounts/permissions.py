"""Who is a moderator, and who may post at all. Every app's permissions build on these."""

from django.db.models import Q

MODERATE_PERMISSION = "accounts.moderate"
MODERATORS_GROUP = "Moderators"


def is_moderator(user) -> bool:
    """Superusers, and members of the Moderators group (or holders of the permission itself):
    the office, suspended or not.

    What `user.has_perm(MODERATE_PERMISSION)` answers with ModelBackend, the one backend that
    grants permissions here (settings AUTHENTICATION_BACKENDS), but in one query where it
    reads every permission of the member and of their groups in two, or in none when the
    member came from the cache with their permissions; kept on the user object for the
    request, so pages may ask freely."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    known = getattr(user, "_forum_is_moderator", None)
    if known is None and hasattr(user, "_perm_cache"):
        # ModelBackend's set of every permission, which the cached member carries
        # (forum/accounts/usercache.py): no query at all.
        known = user._forum_is_moderator = MODERATE_PERMISSION in user._perm_cache
    if known is None:
        from django.contrib.auth.models import Permission  # posts.models imports this module

        app_label, codename = MODERATE_PERMISSION.split(".")
        known = (
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            .filter(Q(user=user) | Q(group__user=user))
            .exists()
        )
        user._forum_is_moderator = known
    return known


def can_moderate(user) -> bool:
    """Moderators while they are not suspended: a suspended moderator has no powers at all."""
    return is_moderator(user) and not user.is_suspended


def can_post(user) -> bool:
    return bool(user.is_authenticated and user.is_active and not user.is_suspended)


def can_edit_profile(user) -> bool:
    """Members edit their own profile while they may post: a suspended spammer's about
    text would be one more place to advertise."""
    return can_post(user)

from forum.accounts.permissions import can_moderate

from . import last_action


def moderation(request):
    """Whether to show moderator controls, and the moderator's last action they may undo."""
    # Error pages for requests refused before AuthenticationMiddleware ran (a Host not in
    # ALLOWED_HOSTS) have no request.user.
    user = getattr(request, "user", None)
    is_moderator = user is not None and can_moderate(user)
    session = getattr(request, "session", None)
    undo = last_action.pending(session, user) if is_moderator and session is not None else None
    return {"is_moderator": is_moderator, "moderation_undo": undo}

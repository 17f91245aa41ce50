from forum.accounts.permissions import can_moderate

from .views import UNDO_KEY


def moderation(request):
    """Whether to show moderator controls, and the moderator's last action they may undo."""
    is_moderator = can_moderate(request.user)
    undo = request.session.get(UNDO_KEY, []) if is_moderator else []
    return {"is_moderator": is_moderator, "moderation_undo": undo}

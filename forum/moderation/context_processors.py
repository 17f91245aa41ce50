from forum.accounts.permissions import can_moderate


def moderation(request):
    return {"is_moderator": can_moderate(request.user)}

from forum.accounts.permissions import can_moderate


def moderation(request):
    # Error pages for requests refused before AuthenticationMiddleware ran (a Host not in
    # ALLOWED_HOSTS) have no request.user.
    user = getattr(request, "user", None)
    return {"is_moderator": user is not None and can_moderate(user)}

from .selectors import count_unread


def inbox(request):
    """The unread count for the navigation bar; read lazily, so pages that never show the
    navigation bar pay nothing."""
    user = getattr(request, "user", None)  # absent on pages for refused hosts
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: count_unread(user)}

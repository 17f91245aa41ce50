from .selectors import count_unread


def inbox(request):
    """The unread count for the navigation bar; read lazily, so pages that never show the
    navigation bar pay nothing."""
    if not request.user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: count_unread(request.user)}

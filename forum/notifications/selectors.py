from .models import Notification


def list_notifications(user):
    """The user's notifications, newest first, with what the inbox shows joined in."""
    return Notification.objects.filter(recipient=user).select_related(
        "actor", "post", "post__thread"
    )


def count_unread(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

from django.db.models import Prefetch

from forum.posts.models import Post

from .models import Notification


def list_notifications(user):
    """The user's notifications, newest first. Each names its post only while the user may
    still read it: a post hidden since is not shown, title and link alike."""
    readable = Post.objects.visible_to(user).select_related("thread")
    return (
        Notification.objects.filter(recipient=user)
        .select_related("actor")
        .prefetch_related(Prefetch("post", queryset=readable))
    )


def count_unread(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

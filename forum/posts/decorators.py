"""View decorators shared by every app that acts on a post."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from .selectors import get_post_for


def with_post(*, permission: Callable, denied: str, kind: str | None = None):
    """Load the post named by the URL's `post_id` through the visibility rule (404 when it is
    hidden or absent, or not of `kind`), refuse with 403 and `denied` unless
    `permission(user, post)`, and pass the post to the view in place of its id."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, post_id, *args, **kwargs):
            post = get_post_for(request.user, post_id, kind=kind)
            if not permission(request.user, post):
                raise PermissionDenied(denied)
            return view(request, post, *args, **kwargs)

        return wrapper

    return decorator

"""View decorators shared by every app that acts on a post."""

from collections.abc import Callable
from functools import cached_property, wraps

from django.core.exceptions import PermissionDenied

from .models import Post
from .selectors import PostRef, get_post_for


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


class NamedPost:
    """The post a URL names, read only when first needed: `post` applies `with_post`'s checks
    (404 unless the member may read it, 403 unless `permission`); `ref` names it to a write
    that reads it itself, with its lock and the same rule (the intake, for a new reply)."""

    def __init__(self, request, post_id: int, *, kind, permission: Callable, denied: str):
        self.ref = PostRef(post_id, kind)
        self._request, self._permission, self._denied = request, permission, denied

    @cached_property
    def post(self) -> Post:
        post = get_post_for(self._request.user, self.ref.pk, kind=self.ref.kind)
        if not self._permission(self._request.user, post):
            raise PermissionDenied(self._denied)
        return post


def naming_post(*, permission: Callable, denied: str, kind: str | None = None):
    """`with_post` for a view whose write reads the post itself (posting a reply): the view
    gets a `NamedPost`, read only where the page shows it, so a reply sent and saved costs
    one read of the post it answers, the write's own, locked."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, post_id, *args, **kwargs):
            named = NamedPost(request, post_id, kind=kind, permission=permission, denied=denied)
            return view(request, named, *args, **kwargs)

        return wrapper

    return decorator

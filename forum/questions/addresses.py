"""Where posts, tags and members live on the site.

The questions app serves the thread page, tag pages and profiles, so it answers
`get_absolute_url` for `posts.Post`, `posts.Tag` and `accounts.User`: settings'
ABSOLUTE_URL_OVERRIDES (Django's hook for a project deciding its models' URLs) points them
here, and neither posts nor accounts names a URL of an app above it (tests/test_layering.py).
"""

from django.utils.text import slugify

from forum.core.reversing import fast_reverse

# A slug equal to an action's path segment would be routed to the action instead.
RESERVED_SLUGS = {"answer", "edit"}


def slug_of(question) -> str:
    """The readable part of a thread's address, from its title."""
    slug = slugify(question.title)[:80]
    return slug if slug and slug not in RESERVED_SLUGS else f"question-{question.pk}"


def post_url(post) -> str:
    """A thread's first post lives at the thread page; every other post at its anchor there."""
    if post.rules.starts_thread:
        return fast_reverse("questions:detail", post.pk, slug_of(post))
    return f"{post_url(post.thread)}#{post.anchor}"


def tag_url(tag) -> str:
    return fast_reverse("questions:tag", tag.name)


def member_url(user) -> str:
    return fast_reverse("questions:profile", user.username)

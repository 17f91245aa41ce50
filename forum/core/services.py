"""Writes shared by every kind of post."""

from django.contrib.contenttypes.models import ContentType

from .models import Revision


def record_revision(*, post, editor, title: str = "") -> Revision:
    """Keep the post's current text before an edit replaces it. Call inside the edit's
    transaction."""
    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(post),
        object_id=post.pk,
        editor=editor,
        title=title,
        body=post.body,
    )

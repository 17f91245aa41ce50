"""Writes shared by every kind of post."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

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


def apply_edit(*, post, editor, body: str) -> None:
    """Replace a reply's body, keeping the old one as a revision. Call inside a transaction."""
    record_revision(post=post, editor=editor)
    post.set_body(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])

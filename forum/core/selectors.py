"""Reads shared by every kind of post."""

from django.contrib.contenttypes.models import ContentType

from .models import Revision


def list_revisions(post) -> list[Revision]:
    """Earlier versions of a post, newest first, with their editors."""
    return list(
        Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(post), object_id=post.pk
        ).select_related("editor")
    )

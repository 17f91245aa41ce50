"""Reads for the question list, tag pages, search and profiles, all through `visible_to`."""

from django.db.models import Q, QuerySet
from django.http import Http404

from forum.posts.models import Post, Tag

SORTS = {
    "newest": ("Newest", ("-created_at", "-pk")),
    "active": ("Active", ("-last_activity_at", "-pk")),
    "votes": ("Most votes", ("-score", "-created_at", "-pk")),
    "unanswered": ("Unanswered", ("-created_at", "-pk")),
}
DEFAULT_SORT = "active"


def list_questions(*, viewer, sort: str = DEFAULT_SORT, tag: Tag | None = None) -> QuerySet:
    """Questions for a list page, with what the summary row shows already joined."""
    if sort not in SORTS:
        sort = DEFAULT_SORT
    questions = Post.objects.questions().visible_to(viewer)
    if sort == "unanswered":
        questions = questions.filter(answer_count=0)
    if tag is not None:
        questions = questions.filter(tags=tag)
    return questions.select_related("author").prefetch_related("tags").order_by(*SORTS[sort][1])


def search_questions(*, viewer, query: str) -> QuerySet:
    """Questions whose title or body contains every word of the query."""
    questions = Post.objects.questions().visible_to(viewer)
    for word in query.split()[:10]:
        questions = questions.filter(Q(title__icontains=word) | Q(body__icontains=word))
    return questions.select_related("author").prefetch_related("tags").order_by("-score", "-pk")


def get_tag_for(viewer, name: str) -> Tag:
    """The tag if `viewer` may read at least one question carrying it, else 404."""
    questions = Post.objects.questions().visible_to(viewer)
    try:
        return Tag.objects.filter(questions__in=questions).distinct().get(name=name)
    except Tag.DoesNotExist:
        raise Http404("No such tag.") from None


def list_posts_by(member, *, viewer, kind: str) -> QuerySet:
    """A member's questions or answers that `viewer` may read, newest first."""
    return (
        Post.objects.visible_to(viewer)
        .filter(author=member, kind=kind)
        .select_related("author", "thread")
        .order_by("-created_at", "-pk")
    )

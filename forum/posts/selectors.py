"""Reads of posts, every one through `PostQuerySet.visible_to`."""

from dataclasses import dataclass

from django.http import Http404

from forum.accounts.permissions import can_moderate

from .models import Kind, Post, Revision


def get_post_for(viewer, post_id: int, *, kind: str | None = None) -> Post:
    """The post if `viewer` may read it (and it is of `kind`, when given), else 404.

    Hidden and absent posts answer alike, so a URL never tells whether something was removed.
    """
    posts = Post.objects.visible_to(viewer).select_related("author", "thread", "parent")
    if kind is not None:
        posts = posts.filter(kind=kind)
    try:
        return posts.get(pk=post_id)
    except Post.DoesNotExist:
        raise Http404("No such post.") from None


@dataclass
class Thread:
    """Everything the thread page shows of its posts, fetched in a fixed number of queries."""

    question: Post
    comments: list[Post]  # under the question
    answers: list[Post]  # accepted first, then by score; each with `.thread_comments`


def get_thread(viewer, question: Post) -> Thread:
    """The answers and comments of `question` that `viewer` may read, in page order."""
    answers: list[Post] = []
    comments_by_parent: dict[int, list[Post]] = {}
    for reply in (
        Post.objects.visible_to(viewer)
        .filter(thread=question)
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        # URLs and permission checks read reply.thread: share the question we have.
        reply.thread = question
        if reply.kind == Kind.ANSWER:
            answers.append(reply)
        else:
            comments_by_parent.setdefault(reply.parent_id, []).append(reply)
    answers.sort(key=lambda answer: (answer.pk != question.accepted_answer_id, -answer.score))
    for answer in answers:
        answer.thread_comments = comments_by_parent.get(answer.pk, [])
    return Thread(
        question=question, comments=comments_by_parent.get(question.pk, []), answers=answers
    )


def list_revisions(post: Post, *, viewer=None) -> list[Revision]:
    """Earlier versions of a post the caller may read, newest first, with their editors.

    A redacted version's text is blanked unless `viewer` moderates, so no template can show it.
    """
    revisions = list(post.revisions.select_related("editor"))
    if viewer is None or not can_moderate(viewer):
        for revision in revisions:
            if revision.redacted_at is not None:
                revision.title = revision.body = revision.tag_names = ""
    return revisions

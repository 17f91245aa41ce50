"""Posts, tags and members as the API shows them: plain dicts matching schemas.py, built
from rows the selectors read (no further queries, except where noted)."""

from forum.posts.models import Post, Status

STATUS_LABELS = {
    Status.VISIBLE: "Published",
    Status.HELD: "Held for a moderator's review",
    Status.SPAM: "Hidden as spam",
    Status.HIDDEN: "Hidden by a moderator",
}


def author(user) -> dict:
    return {"username": user.username, "name": user.public_name, "url": user.get_absolute_url()}


def status(post: Post) -> dict:
    """What the author of a held or hidden post reads under it on the page, in the same words."""
    return {
        "status": post.status,
        "status_label": STATUS_LABELS.get(post.status, post.status),
        "status_reason": "" if post.is_visible else post.status_reason,
    }


def summary(question: Post) -> dict:
    return {
        "id": question.pk,
        "title": question.title,
        "score": question.score,
        "answer_count": question.answer_count,
        "accepted_answer_id": question.accepted_answer_id,
        "tags": [tag.name for tag in question.tags.all()],
        "author": author(question.author),
        "created_at": question.created_at,
        "last_activity_at": question.last_activity_at,
        "closed": question.is_closed,
        "duplicate_of_id": question.duplicate_of_id,
        "url": question.get_absolute_url(),
        **status(question),
    }


def question(question: Post) -> dict:
    """A thread's question in full (one query for its tags)."""
    return {
        **summary(question),
        "body_html": question.body_html,
        "edited_at": question.edited_at,
        "revision": question.revision,
        "locked": question.is_locked,
        "close_reason": question.close_reason,
    }


def reply(post: Post) -> dict:
    return {
        "id": post.pk,
        "kind": post.kind,
        "parent_id": post.parent_id,
        "question_id": post.thread_id,
        "author": author(post.author),
        "body_html": post.body_html,
        "score": post.score,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "revision": post.revision,
        "folded": bool(post.is_chatter and post.rules.folds_as_chatter),
        "url": post.get_absolute_url(),
        **status(post),
    }


def comments_of(post: Post) -> list[dict]:
    """The comments a thread page lists under `post` (get_thread's reading of them)."""
    return [reply(comment) for comment in (*post.shown_comments, *post.chatter_comments)]


def answer(post: Post, *, accepted_id: int | None) -> dict:
    return {
        **reply(post),
        "folded": bool(post.is_chatter and post.pk != accepted_id),
        "accepted": post.pk == accepted_id,
        "comments": comments_of(post),
        "more_comments": post.folded_comments,
    }


def post(post: Post) -> dict:
    """Any post with its Markdown source (one query for a question's tags)."""
    starts = post.rules.starts_thread
    return {
        "id": post.pk,
        "kind": post.kind,
        "title": post.title if starts else post.thread.title,
        "body": post.body,
        "body_html": post.body_html,
        "tags": [tag.name for tag in post.tags.all()] if starts else [],
        "author": author(post.author),
        "parent_id": post.parent_id,
        "question_id": post.thread_id or post.pk,
        "score": post.score,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "revision": post.revision,
        "url": post.get_absolute_url(),
        **status(post),
    }

"""Writes: asking and editing questions. Both go through the moderation intake."""

from forum.moderation.intake import revise_post, submit_post
from forum.posts.models import Kind, Post


def ask_question(*, author, title: str, body: str, tag_names: list[str], ip: str = "") -> Post:
    """Ask a question; the intake screens it like any other post."""
    return submit_post(
        author=author, kind=Kind.QUESTION, title=title, body=body, tag_names=tag_names, ip=ip
    )


def edit_question(
    *,
    editor,
    question: Post,
    title: str,
    body: str,
    tag_names: list[str],
    seen_revision: int | None = None,
) -> Post:
    """Change a question's title, body and tags, keeping the previous version."""
    return revise_post(
        editor=editor,
        post=question,
        title=title,
        body=body,
        tag_names=tag_names,
        seen_revision=seen_revision,
    )

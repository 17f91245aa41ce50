"""Import a scraped thread through the same intake members use, so imported posts are
screened by the spam filter exactly like new ones."""

from datetime import datetime, timedelta

from django.db import transaction

from forum.accounts.services import get_or_create_imported_member
from forum.moderation.intake import submit_post
from forum.posts.models import Kind, Post

from .scraped import ScrapedThread

# Scraped pages carry no dates: posts are spaced out from `started_at` in page order.
SPACING = timedelta(hours=1)


@transaction.atomic
def import_thread(
    thread: ScrapedThread,
    *,
    author_prefix: str,
    tag_names: list[str],
    started_at: datetime,
    imported_at: datetime,
) -> Post:
    """Submit the question, then every answer and comment, as dated posts.

    Imported authors join at `imported_at`, after their posts were written, so the filter
    treats their history as unknown rather than as brand-new accounts.
    """
    moment = iter(started_at + SPACING * step for step in range(1_000_000))

    def member(username: str):
        return get_or_create_imported_member(username, joined_at=imported_at)

    question = submit_post(
        author=member(f"{author_prefix}-asker"),
        kind=Kind.QUESTION,
        title=thread.title,
        body=thread.question,
        tag_names=tag_names,
        created_at=next(moment),
    )
    for number, body in enumerate(thread.answers, start=1):
        submit_post(
            author=member(f"{author_prefix}-answerer-{number}"),
            kind=Kind.ANSWER,
            parent=question,
            body=body,
            created_at=next(moment),
        )
    for scraped in thread.comments:
        submit_post(
            author=member(scraped.author),
            kind=Kind.COMMENT,
            parent=question,
            body=scraped.body,
            created_at=next(moment),
        )
    return question

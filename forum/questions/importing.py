"""Import a scraped thread through the same entry points members use, so imported replies
are screened by the spam filter exactly like new ones."""

from datetime import datetime, timedelta

from django.db import transaction

from forum.accounts.services import get_or_create_imported_member
from forum.answers.models import Answer
from forum.comments.models import Comment
from forum.moderation.services import submit_reply

from .models import Question
from .scraped import ScrapedThread
from .services import set_tags

# Scraped pages carry no dates: posts are spaced out from `started_at` in page order.
SPACING = timedelta(hours=1)


@transaction.atomic
def import_thread(
    thread: ScrapedThread, *, author_prefix: str, tag_names: list[str], started_at: datetime
) -> Question:
    """Create the question, then submit every answer and comment as a new reply."""
    moment = iter(started_at + SPACING * step for step in range(1_000_000))
    asker = get_or_create_imported_member(f"{author_prefix}-asker")
    created = next(moment)
    question = Question(
        author=asker, title=thread.title, created_at=created, last_activity_at=created
    )
    question.set_body(thread.question)
    question.save()
    set_tags(question, tag_names)
    for number, body in enumerate(thread.answers, start=1):
        author = get_or_create_imported_member(f"{author_prefix}-answerer-{number}")
        answer = Answer(author=author, question=question, created_at=next(moment))
        answer.set_body(body)
        submit_reply(answer)
    for scraped in thread.comments:
        author = get_or_create_imported_member(scraped.author)
        comment = Comment(author=author, question=question, created_at=next(moment))
        comment.set_body(scraped.body)
        submit_reply(comment)
    return question

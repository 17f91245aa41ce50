"""Moderation writes, including the single entry point every new answer and comment passes."""

from django.db import transaction

from forum.core.models import PostStatus


class ReplyRefused(Exception):
    """The reply was not accepted at all (e.g. a rate limit); the message is for the member."""


@transaction.atomic
def submit_reply(reply):
    """Decide a new answer's or comment's initial status, save it, and write out the consequences.

    Every new reply goes through here, so what readers see is decided in one place.
    """
    from forum.answers.models import Answer
    from forum.questions.services import record_activity

    reply.status = PostStatus.VISIBLE
    reply.save()
    if reply.is_visible or isinstance(reply, Answer):
        record_activity(reply.question)
    return reply

"""Permission checks for the thread page's templates, so templates never decide rules:
`{% if user|can_vote:post %}`."""

from django import template
from django.conf import settings

from forum.accounts.reputation import shown_reputation
from forum.answers.permissions import can_accept_answer, can_answer_question
from forum.comments.permissions import can_comment_on
from forum.core.reversing import fast_reverse
from forum.moderation.permissions import (
    can_appeal_post,
    can_close_question,
    can_flag_post,
    lacks_flag_privilege,
)
from forum.posts.permissions import can_edit_post
from forum.questions.fragments import slot
from forum.votes.permissions import can_vote_down, can_vote_on, lacks_vote_down_privilege

register = template.Library()

register.filter("can_edit", can_edit_post)
register.filter("can_vote", can_vote_on)
register.filter("can_vote_down", can_vote_down)
register.filter("can_comment", can_comment_on)
register.filter("can_flag", can_flag_post)
register.filter("can_accept", can_accept_answer)
register.filter("can_appeal", can_appeal_post)
register.filter("can_answer", can_answer_question)
register.filter("can_close", can_close_question)
# Where a control is missing only for want of reputation, the page says why instead.
register.filter("lacks_vote_down", lacks_vote_down_privilege)
register.filter("lacks_flag", lacks_flag_privilege)
# Footers show reputation rounded, so most changes leave cached thread pages as they are.
register.filter("shown_reputation", shown_reputation)


# Where a viewer's control goes in a shared post fragment (forum/questions/fragments.py).
register.simple_tag(slot, name="slot")


@register.simple_tag
def fast_url(viewname: str, *args) -> str:
    """`{% url %}` for the links and forms repeated on every post of a thread."""
    return fast_reverse(viewname, *args)


@register.simple_tag
def vote_of(votes: dict, post_id: int) -> int:
    """The viewer's vote on a post in this thread: 1, -1 or 0."""
    return votes.get(post_id, 0)


@register.simple_tag
def appeal_of(appealed: dict | None, post_id: int):
    """The viewer's appeal on their own post in this thread, or None."""
    return appealed.get(post_id) if appealed else None


@register.simple_tag
def reputation_needed(privilege: str) -> int:
    """The reputation a privilege (a key of FORUM_PRIVILEGES) takes."""
    return settings.FORUM_PRIVILEGES[privilege]


@register.simple_tag
def flag_days_needed() -> int:
    """How many days old an account must be to flag (FORUM_FLAG_MIN_ACCOUNT_DAYS)."""
    return settings.FORUM_FLAG_MIN_ACCOUNT_DAYS

"""Permission checks for the thread page's templates, so templates never decide rules."""

from django import template

from forum.answers.permissions import can_accept_answer
from forum.comments.permissions import can_comment_on
from forum.moderation.permissions import can_flag_post
from forum.posts.permissions import can_edit_post
from forum.votes.permissions import can_vote_on

register = template.Library()


@register.filter
def can_edit(user, post) -> bool:
    return can_edit_post(user, post)


@register.filter
def can_vote(user, post) -> bool:
    return can_vote_on(user, post)


@register.filter
def can_comment(user, post) -> bool:
    return can_comment_on(user, post)


@register.filter
def can_flag(user, post) -> bool:
    return can_flag_post(user, post)


@register.filter
def can_accept(user, answer) -> bool:
    return can_accept_answer(user, answer)


@register.simple_tag
def vote_of(votes: dict, post_id: int) -> int:
    """The viewer's vote on a post in this thread: 1, -1 or 0."""
    return votes.get(post_id, 0)

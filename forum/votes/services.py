"""Writes: casting and retracting votes, with the post's score kept in step in SQL."""

from django.db import IntegrityError, transaction

from forum.accounts.models import User
from forum.accounts.reputation import change_reputation
from forum.posts import writes
from forum.posts.models import Post

from .models import Vote
from .permissions import can_vote_on


class VoteRefused(Exception):
    """The vote would repeat or undo nothing; the message says why, for the member."""


def _event(post: Post, value: int) -> str | None:
    if value == 1:
        return post.rules.upvote_event
    return "downvoted" if value == -1 else None


def _move_reputation(post: Post, *, old: int, new: int) -> None:
    """Take back what the old vote earned the author and give what the new one earns."""
    if (event := _event(post, old)) is not None:
        change_reputation(post.author_id, event, times=-1)
    if (event := _event(post, new)) is not None:
        change_reputation(post.author_id, event)


def cast_vote(*, user, post: Post, value: int | None) -> int:
    """Set the member's vote on the post to up (1), down (-1) or none (None); return the new score.

    Repeating the vote one already has is refused rather than toggled, so a double click cannot
    silently undo it.
    """
    try:
        with transaction.atomic():
            # The post's row is locked (the score's UPDATE would lock it anyway) and the rule
            # checked again on it and on the voter as committed: a vote cannot land on a
            # post hidden, or from an account suspended, after the view checked.
            locked = writes.lock(post.pk)
            if locked.thread_id:
                locked.thread = Post.objects.only("pk", "locked_at").get(pk=locked.thread_id)
            voter = User.objects.get(pk=user.pk)
            if value is not None and not can_vote_on(voter, locked):
                raise VoteRefused(
                    "Your vote was not recorded: the post was hidden or its thread locked, or "
                    "your account suspended, a moment ago."
                )
            existing = Vote.objects.select_for_update().filter(user=user, post=post).first()
            old = existing.value if existing else 0
            new = value or 0
            if old == new:
                raise VoteRefused(
                    "You have not voted on this post."
                    if new == 0
                    else "You have already voted this way."
                )
            if existing and new == 0:
                existing.delete()
            elif existing:
                existing.value = new
                existing.save(update_fields=["value"])
            else:
                Vote.objects.create(user=user, post=post, value=new)
            writes.add_to_score(post, new - old)
            _move_reputation(post, old=old, new=new)
    except IntegrityError:
        # A concurrent request from the same member created the vote first.
        raise VoteRefused("You have already voted on this post.") from None
    post.refresh_from_db(fields=["score"])
    return post.score

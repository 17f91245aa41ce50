"""Writes: casting and retracting votes, with the post's score kept in step in SQL."""

from django.db import IntegrityError, transaction

from forum.accounts.models import User
from forum.core.limits import stored_address
from forum.posts import writes
from forum.posts.models import Post

from . import rings
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
        writes.change_author_reputation(post.author_id, event, times=-1)
    if (event := _event(post, new)) is not None:
        writes.change_author_reputation(post.author_id, event)


def cast_vote(*, user, post: Post, value: int | None, address: str = "", browser: str = "") -> int:
    """Set the member's vote on the post to up (1), down (-1) or none (None); return the new score.

    Repeating the vote one already has is refused rather than toggled, so a double click cannot
    silently undo it. `address` and `browser` (its cookie id) say where it came from: an
    up-vote between linked accounts moves the score but earns no reputation
    (forum/votes/rings.py), and once committed the votes between them are reviewed again.
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
            old_earned = existing.earns if existing else False
            new = value or 0
            if old == new:
                raise VoteRefused(
                    "You have not voted on this post."
                    if new == 0
                    else "You have already voted this way."
                )
            vote, withheld = existing, None
            if existing and new == 0:
                existing.delete()
            else:
                if vote is None:
                    vote = Vote(
                        user=user,
                        post=post,
                        address=stored_address(address),
                        browser=browser[:64],
                    )
                vote.value = new
                withheld = rings.judge_vote(vote, author=locked.author)
                vote.earns = withheld is None
                if existing:
                    vote.save(update_fields=["value", "earns"])
                else:
                    vote.save(force_insert=True)
            writes.add_to_score(post, new - old)
            _move_reputation(post, old=old if old_earned else 0, new=new if withheld is None else 0)
            if withheld is not None:
                rings.vote_discounted.send(Vote, vote=vote, reason=withheld, taken_back=False)
            # Votes cast together cannot see each other: look again once this one is in.
            author_id = locked.author_id
            transaction.on_commit(lambda: rings.review_member(user.pk, other_id=author_id))
    except IntegrityError:
        # A concurrent request from the same member created the vote first.
        raise VoteRefused("You have already voted on this post.") from None
    post.refresh_from_db(fields=["score"])
    return post.score

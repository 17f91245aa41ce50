"""Advice before posting: what would become of a post sent as it is, told to its author at
the preview so they can change it first.

It asks what the intake asks (the spam check through `spam.screen`, with the author's real
record and the real thread, and the watch list) and says no more than the author would be
told after posting: the outcome, and for a held or hidden post the note they would read under
it. Scores, reason codes and word lists stay out, as they do after posting.

Nothing is written: the post is never saved, and none of what the intake records after a
screening happens here (fingerprints, which would make the author's next real post look like
a copy; the audit log; notifications; the shadow-threshold log). Nothing counts against the
author's hourly post limit either, since that counts saved posts.
"""

import copy
from dataclasses import dataclass

from django.utils import timezone

from forum.accounts.models import User
from forum.accounts.permissions import can_moderate
from forum.posts.models import Post, Status
from forum.watchlist.matching import Match, stricter
from forum.watchlist.selectors import get_watchlist

from . import spam
from .outcomes import Outcome


@dataclass(frozen=True)
class Advice:
    """What would become of the post, when it is anything but plain publishing."""

    outcome: str  # "fold", "hold", "hide", or "refuse" (a watched pattern refuses it)
    note: str = ""  # the note its author would read under a held or hidden post


# A refused post is not named by pattern here: the preview leaves no trace in the audit log,
# so naming it would let anyone test the list freely. Sending the post names it (and logs it).
REFUSED = "it contains a word, link or address that is not allowed here"


def advise_post(
    *,
    author: User,
    kind: str,
    body: str,
    parent: Post | None = None,
    title: str = "",
    ip: str = "",
) -> Advice | None:
    """What `submit_post` would do with this new post now, or None when it would simply be
    published (or is a moderator's, which is never screened)."""
    if can_moderate(author):
        return None
    post = Post(
        kind=kind,
        author=author,
        parent=parent,
        thread=None if parent is None else (parent.thread or parent),
        title=title,
        body=body,
    )
    post.created_at = timezone.now()
    watched = get_watchlist().check(text=spam.screened_text(post), email=author.email, ip=ip)
    if watched is not None and watched.status is None:
        return Advice("refuse", REFUSED)
    return _advice(post, spam.screen(post), watched)


def advise_edit(*, editor: User, post: Post, body: str, title: str | None = None) -> Advice | None:
    """What `revise_post` would do with this edit now, or None when nothing would change for
    readers (a moderator's edit, a post already out of view, a held post that stays held)."""
    if can_moderate(editor) or post.status not in (Status.VISIBLE, Status.HELD):
        return None
    # A copy, screened as the edit would be: the new text in the post's place.
    draft = copy.copy(post)
    draft.body = body
    if title is not None and post.rules.starts_thread:
        draft.title = title
    watched = get_watchlist().check(text=spam.screened_text(draft), email=post.author.email)
    if watched is not None and watched.status is None:
        return Advice("refuse", REFUSED)
    advice = _advice(draft, spam.screen(draft), watched)
    # An edit never brings a held post back, and a held one that stays held changes nothing.
    if post.status == Status.HELD and (advice is None or advice.outcome != "hide"):
        return None
    return advice


def _advice(post: Post, screening: spam.Screening, watched: Match | None) -> Advice | None:
    """The intake's decision for a screened post, and the note it would store with it."""
    status, note = screening.status, screening.note
    if stricter(status, watched) != status:
        status, note = watched.status, watched.member_note()
    if status == Status.HELD:
        return Advice("hold", note)
    if status == Status.SPAM:
        return Advice("hide", note)
    if screening.outcome == Outcome.FOLD and post.rules.folds_as_chatter:
        return Advice("fold")
    return None

"""The one way in: every new post and every edit, of any kind, passes through here.

Asking, answering and commenting call `submit_post`; editing anything calls `revise_post`.
Both lock what they read, apply the rate limits and the watch list, ask the spam filter and
write out what follows (fingerprints, notifications, audit log) in one transaction. The rows
are written by `forum/posts/writes.py`, which keeps the counters and readers' cached pages;
this is the policy above it, kept in moderation because it needs the filter adapter, the
watch list and notifications, which `posts` sits below.
"""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from forum.accounts.models import User
from forum.accounts.permissions import can_moderate, can_post
from forum.accounts.reputation import markup_allowed
from forum.core.markdown import render_markdown
from forum.notifications.services import notify_new_post
from forum.posts import writes
from forum.posts.models import (
    Post,
    PostBlocked,
    PostEditedSince,
    PostNoLongerAllowed,
    PostRefused,
    Status,
)
from forum.posts.permissions import can_edit_post
from forum.posts.selectors import PostRef, lock_post_for
from forum.watchlist.matching import Match, stricter
from forum.watchlist.selectors import get_watchlist

from . import spam
from .decisions import change_status
from .models import AuditLogEntry

Action = AuditLogEntry.Action
__all__ = [
    "PostBlocked",
    "PostEditedSince",
    "PostNoLongerAllowed",
    "PostRefused",
    "revise_post",
    "submit_post",
]


def _check_rate(author: User, facts: spam.AuthorFacts, *, now: datetime) -> None:
    """Refuse the post if the author is over the hourly limit for accounts of their age.

    `facts` must have been read with the author's row locked, so two requests cannot both
    see the last free slot. Imported authors (history unknown) are not limited.
    """
    if facts.posts_last_hour is None:
        return
    is_new = (now - author.date_joined).days < settings.FORUM_NEW_ACCOUNT_DAYS
    limit = settings.FORUM_NEW_ACCOUNT_POSTS_PER_HOUR if is_new else settings.FORUM_POSTS_PER_HOUR
    if facts.posts_last_hour >= limit:
        raise PostRefused(
            f"You have posted {facts.posts_last_hour} times in the last hour, the limit for "
            f"{'new ' if is_new else ''}accounts. Please wait a while before posting again."
        )


def submit_post(
    *,
    author: User,
    kind: str,
    body: str,
    parent: Post | PostRef | None = None,
    title: str = "",
    tag_names: list[str] = (),
    created_at: datetime | None = None,
    ip: str = "",
    allowed: Callable[[User, Post], bool] | None = None,
) -> Post:
    """Screen a new question, answer or comment, save it with the status the filter decides
    and write out the consequences.

    `parent` is None for a question, the question for an answer, and the question or answer
    a comment is under. `created_at` is for imports of dated posts; `ip` is the address the
    post came from, when the caller knows it (checked against the watchlist, not stored).
    Raises PostRefused (nothing saved) when the author may not post or is over the rate
    limit, and PostBlocked when a watched pattern refuses the text.

    `allowed(author, parent)` is the caller's rule for replying under `parent` (answering,
    commenting); it is checked here with the parent's row locked, read through the
    visibility rule, so a reply cannot land under a post a moderator hid, or in a thread
    they locked, after the view checked. With `allowed`, `parent` may be a `PostRef` the
    view has not read: this read is then the only one (PostNoLongerAllowed when the author
    may not read it or reply under it).
    """
    post = Post(kind=kind, author=author, title=title)
    if isinstance(parent, Post):
        post.parent, post.thread = parent, parent.thread or parent
    elif parent is not None:
        post.parent_id, post.thread_id = parent.pk, parent.thread_id  # the thread, if known
    post.set_body(body)  # rendered before any row is locked
    trusted = can_moderate(author)
    # Moderators' own posts are not checked, as they are never held by the filter either.
    watched = None if trusted else _check_watchlist(post, email=author.email, ip=ip)
    with transaction.atomic():
        # One post at a time per author: the rate limit counts every post committed before.
        locked_author = User.objects.select_for_update(no_key=True).get(pk=author.pk)
        if not can_post(locked_author):
            raise PostNoLongerAllowed("Your account is suspended, so you cannot post.")
        # Taken after the author's lock, so their posts committed while we waited count as
        # earlier: no other post of theirs can commit until this one does.
        facts_at = created_at or timezone.now()
        echoes = facts = None
        if parent is not None and allowed is not None:
            # The author's facts and the near-duplicate counts are read with the parent's
            # row, a statement after the author's lock: an earlier post of theirs is counted.
            also = {**spam.echo_counts(post), **spam.author_columns(locked_author, at=facts_at)}
            locked_parent = _recheck_parent(
                locked_author, parent, allowed, viewer=author, also=also
            )
            post.parent, post.thread = locked_parent, locked_parent.thread or locked_parent
            echoes = spam.Echoes.read_from(locked_parent)
            facts = spam.author_facts_from(locked_parent, locked_author, at=facts_at)
        else:
            facts = spam.author_facts(locked_author, at=facts_at)
        # Taken after the parent's lock too: the thread's latest activity never goes back.
        now = created_at or timezone.now()
        post.created_at = post.last_activity_at = now
        if not trusted:
            _check_rate(locked_author, facts, now=now)
        screening = spam.screen(post, author=facts, echoes=echoes)
        spam.keep_verdict(post, screening.verdict, folded=screening.folds)
        spam.log_shadow_verdict(post, screening)
        # Moderators' own posts are scored for the record but never held.
        post.status = Status.VISIBLE if trusted else screening.status
        post.status_reason = "" if trusted else screening.note
        logged = (Action.FILTERED, screening.log_reason)
        if stricter(post.status, watched) != post.status:
            post.status, post.status_reason = watched.status, watched.member_note()
            logged = (Action.WATCHED, watched.log_reason())
        writes.insert(post, tag_names=tag_names)
        spam.record_fingerprints(post)
        if post.is_visible:
            notify_new_post(post)
        else:
            AuditLogEntry.about(
                post,
                actor=None,
                action=logged[0],
                before="",
                after=post.status,
                reason=logged[1],
                at=now,
            ).save()
    return post


def _recheck_parent(
    author: User,
    parent: Post | PostRef,
    allowed: Callable[[User, Post], bool],
    *,
    viewer: User,
    also: dict,
) -> Post:
    """Lock the parent, read through the visibility rule for `viewer` (the author as the
    request knows them, their permissions already read) with its thread (as committed), and
    apply `allowed` to the locked `author`; return the locked row, carrying the annotations
    `also` asks for. The insert updates the thread row anyway, so the lock costs no extra
    waiting."""
    ref = PostRef.to(parent) if isinstance(parent, Post) else parent
    locked = lock_post_for(viewer, ref, also=also)
    if locked is None or not allowed(author, locked):
        raise PostNoLongerAllowed(
            "This can no longer be answered or commented on: it was hidden, closed or locked "
            "while you were writing. Nothing was saved; your text is below."
        )
    return locked


def _check_watchlist(post: Post, *, email: str, ip: str = "") -> Match | None:
    """The watched pattern the post matches, if any; a refusing one is logged and raised as
    PostBlocked before any row is locked, so nothing else of the post is saved."""
    watched = get_watchlist().check(text=spam.screened_text(post), email=email, ip=ip)
    if watched is not None and watched.status is None:
        # Nothing else of a refused post is saved: the log keeps who and which pattern.
        AuditLogEntry.objects.create(
            action=Action.BLOCKED, member=post.author, reason=watched.log_reason()
        )
        raise PostBlocked(watched.member_message())
    return watched


def revise_post(
    *,
    editor: User,
    post: Post,
    body: str,
    title: str | None = None,
    tag_names: list[str] | None = None,
    seen_revision: int | None = None,
) -> Post:
    """Edit any post: keep the replaced version as a revision, save only what changed, and
    screen the new text again unless a moderator wrote it. With `seen_revision`, the edit is
    refused (PostEditedSince, nothing saved) when the post is no longer at that revision.

    An edit can take a visible post out of view (or a held one into spam), never bring one
    back: that is a moderator's decision, made on the version they saw. Raises PostBlocked
    (nothing saved) when a watched pattern refuses the new text. Returns the saved post.
    """
    # Before any row is locked. A moderator's edit may keep links the author has not earned.
    writer = editor if can_moderate(editor) else post.author
    body_html = render_markdown(body, **markup_allowed(writer))
    watched = None
    if not can_moderate(editor):
        draft = Post(kind=post.kind, author=post.author, title=post.title, body=body)
        if title is not None:
            draft.title = title
        watched = _check_watchlist(draft, email=post.author.email)
    now = timezone.now()
    with transaction.atomic():
        locked = writes.lock(post.pk)
        # Thread and parent are only read, for screening and the redirect.
        locked.thread, locked.parent = post.thread, post.parent
        _recheck_edit(editor, locked)
        if seen_revision is not None and locked.revision != seen_revision:
            raise PostEditedSince(
                f"This {locked.rules.noun} was edited since revision {seen_revision} (it is "
                f"at revision {locked.revision}); read it again and redo your edit."
            )
        titled = locked.rules.starts_thread  # a thread's title and tags are its first post's
        old_tags = " ".join(tag.name for tag in locked.tags.all()) if titled else ""
        writes.keep_revision(locked, editor=editor, tag_names=old_tags, at=now)
        changes = {
            "body": body,
            "body_html": body_html,
            "revision": locked.revision + 1,
            "edited_at": now,
        }
        if titled and title is not None:
            changes["title"] = title
        screening = None
        if not can_moderate(editor) and locked.status in (Status.VISIBLE, Status.HELD):
            # Screened as it will read: the new text in the post's place.
            for name, value in changes.items():
                setattr(locked, name, value)
            screening = spam.screen(locked)
            spam.keep_verdict(locked, screening.verdict, folded=screening.folds)
            changes.update(
                spam_score=locked.spam_score,
                spam_reasons=locked.spam_reasons,
                is_chatter=locked.is_chatter,
            )
        writes.update(locked, **changes)
        if titled and tag_names is not None:
            writes.set_tags(locked, tag_names)
        spam.record_fingerprints(locked)
        if screening is not None:
            _hold_if_needed(locked, screening, watched)
        if locked.is_visible:
            writes.touch_thread(locked, at=now)
    return locked


def _recheck_edit(editor: User, locked: Post) -> None:
    """The view checked `can_edit_post` before the lock; a moderator's hide or the author's
    suspension may have committed since. Checked again on the locked row and the editor as
    now committed: a hide or a suspension that hides posts takes this row's lock, so it
    either waits for this edit (and decides on the edited text) or comes first and refuses it."""
    current = User.objects.get(pk=editor.pk)
    if locked.thread_id is not None:
        locked.thread = Post.objects.only("pk", "locked_at").get(pk=locked.thread_id)
    if can_edit_post(current, locked):
        return
    if not can_post(current):
        why = "your account is suspended"
    elif locked.status not in (Status.VISIBLE, Status.HELD):
        why = "a moderator took the post out of view while you were editing"
    else:
        why = "the thread was locked while you were editing"
    raise PostNoLongerAllowed(f"Your edit was not saved: {why}. Your text is below.")


def _hold_if_needed(post: Post, screening: spam.Screening, watched: Match | None = None) -> None:
    """After an edit: a visible post the screening (or a watched pattern) now doubts is held
    (or hidden as spam); a held post stays held unless it now reads as spam."""
    status, action, reason, note = (
        screening.status,
        Action.FILTERED,
        screening.log_reason,
        screening.note,
    )
    if stricter(status, watched) != status:
        status, action = watched.status, Action.WATCHED
        reason, note = watched.log_reason(), watched.member_note()
    if status == Status.VISIBLE or (post.status == Status.HELD and status == Status.HELD):
        return
    change_status(
        post,
        actor=None,
        action=action,
        status=status,
        reason=f"After an edit: {reason}"[:300],
        note=note,
    )

"""The thread page's posts, rendered once and shared by every page and every viewer.

Rendering a thread in the template language was most of what a cache miss or a member's page
cost. Each post's HTML (the question's body, tags, footer and comments; each answer's) is now
a fragment kept in the shared cache, and a page fetches all of its fragments in one
`get_many`, rendering only the missing ones.

Fragments hold nothing that depends on the viewer: they are rendered without the request, so
no template in them can reach `user`, the CSRF token or the session. Where the viewer's
controls go (voting, accepting, editing, flagging, moderating, replying, a status note),
the fragment holds a slot: an HTML comment naming the control and the post, with a secret in
it no post text can forge. `fill` replaces every slot of the finished page with that viewer's
HTML (forum/questions/controls.py) in one pass.

A fragment is stored with the site's and the thread's versions (forum/core/pagecache.py) and
used only under those same versions, which every write the fragment shows moves already:
edits, statuses, votes, comments, acceptance, a footer's rounded reputation
(`writes.change_author_reputation`), renames and suspensions. A page reads the versions
(kept in the process: forum/core/tracked.py) and its fragments: this process's copies of
them (forum/core/copies.py), then the shared cache for the rest in one round trip. When one
is missing or stale, it reads the versions first, then its rows again, and stores what it
renders under those versions (questions/views.py).
Its key names which comments the fragment shows: those depend on the viewer (a held comment
shows only to its author and moderators) and on the page's `?comments=`. Relative times
("5 minutes ago") are kept for FORUM_FRAGMENT_CACHE_SECONDS (by default as long as a cached
page keeps them: FORUM_PAGE_CACHE_SECONDS).
"""

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from forum.core import pagecache
from forum.core.copies import copies

QUESTION_TEMPLATE = "questions/_question_post.html"
ANSWER_TEMPLATE = "questions/_answer.html"


def _secret() -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"forum.questions.fragments.slot", hashlib.sha256).hexdigest()[:20]


_SECRET = None
_SLOT = None


def _slot_pattern() -> re.Pattern:
    global _SECRET, _SLOT
    if _SLOT is None:
        _SECRET = _secret()
        _SLOT = re.compile(rf"<!--slot {_SECRET} ([a-z]+):(\d+)-->")
    return _SLOT


def slot(name: str, post_id: int) -> SafeString:
    """`{% slot "vote" post.pk %}`: where the viewer's control for this post goes."""
    _slot_pattern()
    return mark_safe(f"<!--slot {_SECRET} {name}:{int(post_id)}-->")


def versions(question_id: int) -> str:
    """The versions fragments of this thread are stored under. Read before the rows."""
    return pagecache.thread_versions(question_id)


def _key(post, kind: str) -> str:
    shown = ",".join(str(comment.pk) for comment in post.shown_comments)
    chatter = ",".join(str(comment.pk) for comment in post.chatter_comments)
    shape = f"{shown}|{chatter}|{post.folded_comments}"
    digest = hashlib.sha1(shape.encode(), usedforsecurity=False).hexdigest()[:16]
    # "post", not the "fragment" of entries without their time of rendering: never read now.
    return f"thread:post:{kind}:{post.pk}:{digest}"


def _entry(versions: str, html: str) -> tuple[str, str, float]:
    """What is stored: the versions, the HTML, and until when (copies expire with it)."""
    return versions, html, time.time() + settings.FORUM_FRAGMENT_CACHE_SECONDS


def _keep_copies(entries: dict) -> None:
    for key, entry in entries.items():
        copies.put(key, entry, size=len(entry[1]), expires_at=entry[2])


def _read(keys: list[str]) -> dict:
    """The stored entries of these keys: this process's copies, then the shared cache's (one
    round trip, for those it has no copy of), which it then keeps copies of."""
    found = {key: entry for key in keys if (entry := copies.get(key)) is not None}
    missing = [key for key in keys if key not in found]
    if missing:
        shared = cache.get_many(missing)
        _keep_copies(shared)
        found.update(shared)
    return found


def _posts(question, answers) -> list[tuple]:
    return [(question, "q", QUESTION_TEMPLATE), *((a, "a", ANSWER_TEMPLATE) for a in answers)]


def shared() -> bool:
    """Whether fragments are kept in the shared cache (FORUM_FRAGMENT_CACHE_SECONDS)."""
    return settings.FORUM_FRAGMENT_CACHE_SECONDS > 0


def attach_current(question, answers) -> bool:
    """Give the question and each answer its `.fragment` if every one is cached under the
    thread's current versions, read with them in one round trip; else attach nothing and
    answer False: the caller then reads the versions before the rows, and `attach`es.

    A fragment is used only when stored under the versions the thread has now, so it shows
    every write committed before this read; rows read a moment earlier only fill the slots."""
    if not shared():
        return False
    versions = pagecache.current_thread_versions(question.pk)
    if versions is None:
        return False
    posts = _posts(question, answers)
    keys = [_key(post, kind) for post, kind, _ in posts]
    found = _read(keys)
    stored = [found.get(key) for key in keys]
    if any(entry is None or entry[0] != versions for entry in stored):
        return False
    for (post, _, _), (_, html, _) in zip(posts, stored, strict=True):
        post.fragment = mark_safe(html)
    return True


def attach(question, answers, *, versions: str) -> int:
    """Give the question and each answer its `.fragment` (safe HTML with slots): from the
    cache if stored under `versions` (read before the rows), or rendered now and stored
    under them. Returns how many were rendered."""
    posts = _posts(question, answers)
    keys = [_key(post, kind) for post, kind, _ in posts]
    timeout = settings.FORUM_FRAGMENT_CACHE_SECONDS
    found = _read(keys) if timeout > 0 else {}
    missing = {}
    for (post, _, template), key in zip(posts, keys, strict=True):
        entry = found.get(key)
        if entry is not None and entry[0] == versions:
            html = entry[1]
        else:
            # No request: the context processors (user, CSRF, inbox) stay out of fragments.
            html = get_template(template).render(
                {"question": question, "answer": post, "post": post}
            )
            missing[key] = _entry(versions, html)
        post.fragment = mark_safe(html)
    if missing and timeout > 0:
        cache.set_many(missing, timeout=timeout)
        _keep_copies(missing)
    return len(missing)


def fill(html: str, parts: dict[tuple[str, int], str]) -> str:
    """`html` with every slot replaced by the viewer's part for it (empty when none)."""
    return _slot_pattern().sub(lambda m: parts.get((m[1], int(m[2])), ""), html)

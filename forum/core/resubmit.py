"""Sending a form twice saves it once: a double click, a reload of the page a POST answered, or
the back button and the same form sent again.

Every posting form carries a hidden `form_token` (`{% resubmit_field %}`): a random nonce
signed with the site's key, new at each render. The first request that sends a token claims it
in the shared cache, atomically (`cache.add`); when the save succeeds the claim records the
address of what was saved and a digest of what was sent. A later request with the same token
(by the same account, to the same address) is answered with that address and "already posted"
instead of a second post, even when the rate limits would refuse a new one (`rate_limited`
does not count it). A request that arrives while the first is still saving waits for it
a few seconds. If the first fails (a form error, a refusal) its claim is dropped, so the text
can be sent again. A token sent back with *different* text is not swallowed: the form comes
back with that text and a link to what the form posted before.

The claim is exact on Redis (and the in-process cache tests use); Django's file cache checks
then writes, so two workers on one machine receiving the two clicks within the same instant
could in principle both save, as its rate-limit counts can miss a request (see settings).

Only forms rendered for members carry a token, and the page cache stores only anonymous pages,
which have no posting forms, so no two readers ever share one (sign-up's form is never cached).
"""

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.shortcuts import redirect

FIELD = "form_token"
_SALT = "forum.resubmit"
_PENDING = "pending"
# How long a claim waits for its save (then it lapses, so a crashed request blocks nothing).
PENDING_SECONDS = 60
# How long a request that finds the first one still saving waits for it.
WAIT_SECONDS = 8.0
_POLL_SECONDS = 0.05
# Fields that say nothing about what was written.
_NOT_CONTENT = frozenset({FIELD, "csrfmiddlewaretoken", "preview", "started", "website"})

ALREADY_POSTED = "This was already posted; here it is."
ALREADY_SAVED = "These edits were already saved; here is the post."
IN_FLIGHT = (
    "This form is already being sent from another click or tab. Wait a moment and look at "
    "the thread before sending it again; your text is kept below."
)


def issue_token() -> str:
    """A new token for one rendering of a form."""
    return signing.Signer(salt=_SALT).sign(secrets.token_urlsafe(16))


def _nonce(request) -> str | None:
    raw = request.POST.get(FIELD, "")
    if not raw or len(raw) > 200:
        return None
    try:
        return signing.Signer(salt=_SALT).unsign(raw)
    except signing.BadSignature:
        return None  # a damaged or forged token only loses the protection, never the post


def _key(request) -> str | None:
    nonce = _nonce(request)
    if nonce is None:
        return None
    who = request.user.pk if request.user.is_authenticated else "anonymous"
    where = hashlib.blake2b(request.path.encode(), digest_size=8).hexdigest()
    return f"forum.resubmit:{who}:{where}:{nonce}"


def _digest(request) -> str:
    """What was written, as a short digest: the same text sent twice has the same one."""
    content = sorted(
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_CONTENT
        for value in values
    )
    return hashlib.blake2b(repr(content).encode(), digest_size=16).hexdigest()


def earlier(request) -> str:
    """The address of what this very form, with this very text, already saved; else ""."""
    if request.method != "POST" or "preview" in request.POST:
        return ""
    key = _key(request)
    found = cache.get(key) if key else None
    if isinstance(found, dict) and found["digest"] == _digest(request):
        return found["address"]
    return ""


@dataclass(frozen=True)
class Sent:
    """What became of one sending of a form: exactly one of the fields is set."""

    saved: object = None  # what `save` returned: this request saved it
    previous: str = ""  # the address of what an earlier sending of the same text saved
    changed_since: str = ""  # ... of the same form, with other text: nothing was saved
    in_flight: bool = False  # an earlier sending is still saving: nothing was saved


def save_once(request, save: Callable[[], object], *, address: Callable[[object], str]) -> Sent:
    """Call `save()` unless this form's token was sent before; `address(saved)` is where the
    saved thing lives. Whatever `save` raises propagates, and the text may be sent again."""
    key = _key(request)
    if key is None:
        return Sent(saved=save())
    digest = _digest(request)
    deadline = time.monotonic() + WAIT_SECONDS
    while not cache.add(key, _PENDING, PENDING_SECONDS):
        found = cache.get(key)
        if isinstance(found, dict):
            if found["digest"] == digest:
                return Sent(previous=found["address"])
            return Sent(changed_since=found["address"])
        if time.monotonic() >= deadline:
            return Sent(in_flight=True)
        time.sleep(_POLL_SECONDS)  # the first sending is saving; it ends one way or another
    try:
        saved = save()
    except BaseException:
        cache.delete(key)
        raise
    record = {"address": address(saved), "digest": digest}
    cache.set(key, record, settings.FORUM_RESUBMIT_SECONDS)
    return Sent(saved=saved)


def already_sent(request, address: str, *, edited: bool = False):
    """The answer to a form sent again: back to what it saved, saying so."""
    messages.info(request, ALREADY_SAVED if edited else ALREADY_POSTED)
    return redirect(address)


def refusal_message(sent: Sent) -> str:
    """The form error for a sending that saved nothing because of an earlier one."""
    if sent.in_flight:
        return IN_FLIGHT
    return (
        f"This form was already sent once, with other text (saved at {sent.changed_since}). "
        "Nothing new was saved; your text is kept below: send it again to save it as well."
    )

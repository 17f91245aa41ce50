"""The text a member typed survives a lost log-in: a session that ended while they wrote, or a
form whose CSRF check failed (forum/core/views.py).

A posting view is wrapped in `member_required` instead of `login_required`. A member who was
logged out while typing gets, instead of a redirect that drops the POST, a page that says so,
shows their text, and offers "Log in again to post": the text is kept in the (new, anonymous)
session, which a log-in carries over, and the link's `next` opens it in a form that posts to
where it was going. Only the fields that hold writing are kept or shown (never a password).
"""

import secrets
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse

# The fields of the ask, answer, comment and edit forms that hold what a member wrote.
TEXT_FIELDS = {"title": "Title", "body": "Text", "tags": "Tags"}
MAX_FIELD = 40_000  # more than any form accepts; what a page shows back is bounded
SESSION_KEY = "forum.drafts"
KEPT_DRAFTS = 3


def typed_text(request) -> dict[str, str]:
    """The writing fields of a posted form that hold something, by name; {} when the body
    cannot be read (too big, malformed): a page about a failure must not fail itself."""
    if request.method != "POST":
        return {}
    try:
        data = request.POST
    except (BadRequest, SuspiciousOperation, MultiPartParserError, OSError):
        return {}
    found = {}
    for name in TEXT_FIELDS:
        value = data.get(name, "")
        if isinstance(value, str) and value.strip():
            found[name] = value[:MAX_FIELD].replace("\x00", "")
    return found


def shown(fields: dict[str, str]) -> list[tuple[str, str, str]]:
    """(name, label, text) of each kept field, in the order of the forms, for templates."""
    return [(name, TEXT_FIELDS[name], fields[name]) for name in TEXT_FIELDS if name in fields]


def keep_draft(request, fields: dict[str, str]) -> str:
    """Keep `fields`, bound for `request.path`, in the session; return the draft's id."""
    drafts = dict(request.session.get(SESSION_KEY, {}))
    draft_id = secrets.token_urlsafe(12)
    drafts[draft_id] = {"action": request.path, "fields": fields}
    # The oldest go first (dicts keep insertion order).
    request.session[SESSION_KEY] = dict(list(drafts.items())[-KEPT_DRAFTS:])
    return draft_id


def get_draft(request, draft_id: str) -> dict | None:
    """The draft kept under `draft_id` in this session, or None."""
    draft = request.session.get(SESSION_KEY, {}).get(draft_id)
    return draft if isinstance(draft, dict) else None


def forget_draft(request, draft_id: str) -> None:
    drafts = dict(request.session.get(SESSION_KEY, {}))
    if drafts.pop(draft_id, None) is not None:
        request.session[SESSION_KEY] = drafts


def member_required(view):
    """`login_required` for views that take writing: a logged-out POST that carries text is
    answered with a page that keeps it (403), anything else is sent to log in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        fields = typed_text(request)
        if not fields:
            return redirect_to_login(request.get_full_path())
        resume = reverse("core:resume_draft", args=[keep_draft(request, fields)])
        context = {"fields": shown(fields), "resume": resume}
        return render(request, "core/logged_out.html", context, status=403)

    return wrapper

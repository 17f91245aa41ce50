"""Pages about a form that could not be sent (they say what happened in words and give back
the text that was typed), the favicon, and the health check for load balancers."""

import secrets

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE, REASON_NO_REFERER
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme

from .drafts import get_draft, shown, typed_text
from .links import page_url

# Where a form that fails for want of cookies is about logging in, not posting.
_ACCOUNT_PAGES = ("login", "signup")


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: why the form was refused (cookies blocked, or a page that expired
    because the member logged in or out since it was opened), and the text it carried,
    shown read-only to copy. Nothing was done."""
    logging_in = request.path in {page_url(role) for role in _ACCOUNT_PAGES}
    context = {
        "no_cookie": reason == REASON_NO_CSRF_COOKIE,
        "no_referer": reason == REASON_NO_REFERER,
        "logging_in": logging_in,
        "fields": [] if logging_in else shown(typed_text(request)),
        "back": _back(request),
    }
    return render(request, "403_csrf.html", context, status=403)


def _back(request) -> str:
    """The page the form was on, when the browser says and it is ours; else ""."""
    referer = request.META.get("HTTP_REFERER", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if safe else ""


@login_required
def resume_draft(request, draft_id: str):
    """The text kept when its writer was logged out, in a form that sends it where it was
    going, for them to check and send."""
    draft = get_draft(request, draft_id)
    if draft is None:
        message = (
            "That text is no longer kept here: drafts are kept until you log out, and only in "
            "the browser that wrote them."
        )
        return render(request, "core/refused.html", {"message": message}, status=404)
    context = {"action": draft["action"], "fields": shown(draft["fields"])}
    return render(request, "core/resume_draft.html", context)


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever a page links; send them to the icon.

    Temporary (302): the icon's static name changes with its content on every deploy.
    """
    return redirect(static("forum/img/favicon.svg"))


def healthz(request):
    """For load balancers: 200 while this server can answer, naming each part's state and
    nothing else (no versions, hosts or errors).

    Without its database a server cannot answer: 503, and the balancer takes it out. Without
    the cache it still answers every page (forum/core/resilient_cache.py), so that is 200 with
    the cache named as failing ("degraded"): a shared Redis going down must not make every
    server fail its check at once and take the whole site out."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    body = {name: "ok" if fine else "failing" for name, fine in checks.items()}
    if not checks["database"]:
        status, code = "failing", 503
    elif not checks["cache"]:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    response = JsonResponse({"status": status, **body}, status=code)
    response["Cache-Control"] = "no-store"
    return response


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_answers() -> bool:
    key = f"healthz:{secrets.token_hex(8)}"
    try:
        cache.set(key, 1, timeout=5)
        return cache.get(key) == 1
    except Exception:  # any backend's connection error: the cache is what failed
        return False

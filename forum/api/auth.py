"""Who is asking: a personal API token (`Authorization: Bearer <token>`), else the session of
a logged-in member (same-site scripts; unsafe methods then need the CSRF token, as a form
does), else, for reads only, an anonymous reader.

A token that is presented but unknown or revoked is refused with a 401, never read as
anonymous: a script with a dead token should hear so, not quietly see less.
"""

from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import CsrfViewMiddleware
from ninja.security import APIKeyCookie, HttpBearer

from forum.accounts.tokens import user_for_secret

from .errors import ApiError


def _act_as(request, user):
    # Services, permissions and the rate limits read request.user, as on the pages.
    request.user = user
    return user


class Token(HttpBearer):
    """A member's personal API token."""

    def __call__(self, request):
        value = request.headers.get("Authorization")
        if value is None:
            return None
        scheme, _, secret = value.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise ApiError(
                401, "Send a personal API token as 'Authorization: Bearer <token>'.",
                code="unauthenticated",
            )  # fmt: skip
        return self.authenticate(request, secret.strip())

    def authenticate(self, request, token):
        user = user_for_secret(token)
        if user is None:
            raise ApiError(
                401,
                "This token is unknown or was revoked. Make a new one on your API tokens page.",
                code="bad_token",
            )
        return _act_as(request, user)


class _CsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check (token, and Origin/Referer over HTTPS), answering with the
    reason it refuses instead of the forms' failure page."""

    def _reject(self, request, reason):
        return reason


def _csrf_refusal(request) -> str | None:
    """Why Django's CSRF check refuses this request, or None when it passes."""
    checker = _CsrfCheck(lambda request: None)
    request.csrf_processing_done = False
    checker.process_request(request)
    return checker.process_view(request, lambda request: None, (), {})


class Session(APIKeyCookie):
    """A logged-in member's session cookie; unsafe methods need the CSRF token too (the
    `X-CSRFToken` header with the `csrftoken` cookie's value), so another site cannot make a
    member's browser write."""

    param_name = "sessionid"

    def _get_key(self, request):
        # The CSRF check is made below, for members only: a request with no session is a
        # 401, not a CSRF failure. (`csrf` stays on so the reference page sends the token.)
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS") and _csrf_refusal(request):
            raise ApiError(
                403,
                "A request made with your session needs the CSRF token: send the csrftoken "
                "cookie's value in an X-CSRFToken header (or use an API token).",
                code="csrf_failed",
            )
        return user


def anonymous(request):
    """Reads need no account: an anonymous reader sees what a logged-out visitor sees."""
    return _act_as(request, AnonymousUser())


MEMBER = [Token(), Session()]
ANYONE = [*MEMBER, anonymous]

"""The API object: its routers, its error shape, its schema and reference page."""

import logging
from functools import wraps

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, re_path
from ninja import NinjaAPI, Swagger

from . import errors, reads, writes  # noqa: F401 (reads and writes fill the router)
from .routes import router

logger = logging.getLogger(__name__)

DESCRIPTION = """\
The forum's questions, answers, comments, tags and members, and a member's writes.

**Authentication.** Reads need none. Writes need a personal API token (make one on your
*API tokens* page, under your profile's settings) sent as `Authorization: Bearer <token>`;
same-site scripts may use the session of a logged-in member instead, with the `csrftoken`
cookie's value in an `X-CSRFToken` header on every write.

**Rules.** The API can do what a member can do on the pages, and nothing more: the same
permissions, rate limits (`429` with `Retry-After`), spam screening and audit. A post you may
not read answers `404`, whether it is hidden or was never there.

**Errors** always read `{"error": {"code": ..., "message": ..., "fields": {...}}}`.
"""

api = NinjaAPI(
    title="Forum API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", router)
errors.install(api)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(
        request,
        errors.body("too_large", "The request body is too large."),
        status=413,
    )


@api.exception_handler(SuspiciousOperation)
def suspicious(request, exc):
    return api.create_response(
        request, errors.body("invalid", "The request could not be read."), status=400
    )


@api.exception_handler(Exception)
def unexpected(request, exc):
    # A bug: logged with its traceback, answered in the error shape (still a 500).
    logger.exception("API error on %s %s", request.method, request.path)
    return api.create_response(
        request,
        errors.body("server_error", "Something went wrong on our side; nothing was saved."),
        status=500,
    )


def _shaped(view):
    """django-ninja answers a method a path does not take with a bare text 405: give it the
    error shape (and keep its Allow header)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            shaped = JsonResponse(
                errors.body("method_not_allowed", f"{request.method} is not allowed here."),
                status=405,
            )
            shaped["Allow"] = response["Allow"]
            return shaped
        return response

    return wrapper


def _unknown(request, rest=""):
    return JsonResponse(errors.body("not_found", "Not found."), status=404)


def _root(request):
    """/api/ itself: where the schema and the reference page are."""
    return JsonResponse({"schema": "/api/openapi.json", "docs": "/api/docs"})


def urls() -> list:
    """The API's URL patterns under /api/, and a JSON 404 for any other address there."""
    # django-ninja's own root view is an HTML 404 outside DEBUG; ours says where things are.
    patterns = [pattern for pattern in api.urls[0] if pattern.name != "api-root"]
    for pattern in patterns:
        pattern.callback = _shaped(pattern.callback)
    return [path("", _root, name="api-root"), *patterns, re_path(r"^(?P<rest>.*)$", _unknown)]

"""Every error the API answers has one shape:

    {"error": {"code": "not_found", "message": "No such post.", "fields": {}}}

`code` is stable and meant for programs; `message` is for people (the same words the pages
use); `fields` maps a request field to its problems on a 400.
"""

from django.http import Http404
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

CODES = {
    400: "invalid",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "rate_limited",
}


class ApiError(Exception):
    """An answer other than success: raised anywhere below an endpoint, rendered in the
    error shape by `install`."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
        retry_after: int | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or CODES.get(status, "error")
        self.fields = fields or {}
        self.retry_after = retry_after


def body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _field_name(location: list) -> str:
    """`["body", "payload", "tags", 0]` → "tags.0": the field as the client sent it."""
    parts = [str(part) for part in location]
    if parts[:1] in (["body"], ["query"], ["path"]) and len(parts) > 1:
        parts = parts[1:]
        if parts[:1] == ["payload"] and len(parts) > 1:
            parts = parts[1:]
    return ".".join(parts) or "request"


def _validation_fields(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        message = error.get("msg", "Invalid value.")
        if error.get("type") == "extra_forbidden":
            message = "Unknown field."
        fields.setdefault(_field_name(list(error.get("loc", []))), []).append(message)
    return fields


def install(api) -> None:
    """Answer every failure in the error shape, never with an HTML page or a traceback."""

    def respond(request, status, code, message, fields=None, retry_after=None):
        response = api.create_response(request, body(code, message, fields), status=status)
        if retry_after is not None:
            response["Retry-After"] = str(retry_after)
        return response

    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, exc.fields, exc.retry_after)

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc: NinjaValidationError):
        fields = _validation_fields(exc.errors)
        return respond(request, 400, "invalid", "The request is not valid; see fields.", fields)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = respond(
            request,
            401,
            "unauthenticated",
            "Log in, or send a personal API token as 'Authorization: Bearer <token>'.",
        )
        response["WWW-Authenticate"] = 'Bearer realm="forum"'
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        status = exc.status_code
        return respond(request, status, CODES.get(status, "error"), str(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        # Hidden and absent answer alike: the message never says which.
        return respond(request, 404, "not_found", "Not found.")

"""The question list's cursors: the edge row's sort values (forum/core/pagination.py), signed
with the site's key together with the list they belong to.

A cursor is opaque to clients. One that was altered, cut short or taken from another list
is refused with a 400 rather than quietly giving some other page.
"""

from django.core import signing

from .errors import ApiError

_SALT = "forum.api.cursor"


def make(position: str, *, sort: str, tag: str | None) -> str:
    return signing.dumps([sort, tag or "", position], salt=_SALT, compress=False)


def read(cursor: str | None, *, sort: str, tag: str | None) -> str | None:
    """The position a cursor names, or None for the first page; 400 when it is not one of
    ours for this very list."""
    if not cursor:
        return None
    try:
        found = signing.loads(cursor, salt=_SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        found = None
    if (
        not isinstance(found, list)
        or len(found) != 3
        or found[:2] != [sort, tag or ""]
        or not isinstance(found[2], str)
    ):
        raise ApiError(
            400,
            "This cursor is not valid for this list: start again without one.",
            code="bad_cursor",
            fields={"cursor": ["Not a cursor this list gave out."]},
        )
    return found[2]

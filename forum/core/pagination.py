"""Pagination. `paginate` counts (fine for short lists such as the audit log); `window` never
counts, so a list costs the same at ten posts and at a million; `keyset_window` never skips
rows either: past the first few pages it starts where the previous page ended."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import F
from django.db.models.fields.tuple_lookups import TupleGreaterThan, TupleLessThan
from django.http import Http404

# Pages up to this one are found by OFFSET (a short index walk); later ones by cursor.
NUMBERED_PAGES = 10
# A cursor is a row's sort values: integers, and datetimes as microseconds since 1970.
CURSOR = r"-?[0-9]{1,20}(?:\.-?[0-9]{1,20}){0,3}"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def paginate(object_list, page_number: str | None, per_page: int) -> Page:
    """Page-number pagination that turns a bad ?page= into the nearest real page."""
    return Paginator(object_list, per_page).get_page(page_number)


@dataclass
class Window:
    """One page of a list whose length is never counted; quacks like Django's `Page` for
    the pagination partial."""

    object_list: list
    number: int
    has_next: bool
    # Cursors for the links: set, the next (previous) page starts after (ends before) them.
    next_after: str | None = None
    previous_before: str | None = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(value: str | None, *, max_pages: int) -> int:
    """The requested page: malformed values mean the first page, pages past `max_pages` are
    404 (deep OFFSETs are what made lists slow; nobody reads page 5,000 of a list)."""
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    if number > max_pages:
        raise Http404(f"Lists stop at page {max_pages}; narrow them with a tag or a search.")
    return max(number, 1)


def page_of(rows_query, number: int, per_page: int) -> Window:
    """Page `number` of `rows_query` (ordered), in one query: one extra row says whether a
    next page exists."""
    start = (number - 1) * per_page
    rows = list(rows_query[start : start + per_page + 1])
    return Window(rows[:per_page], number, has_next=len(rows) > per_page)


def window(ids_query, number: int, per_page: int, *, load) -> Window:
    """Page `number` of `ids_query` (a queryset of primary keys, in list order), its rows
    read apart: `load(ids)` returns the rows to show."""
    ids = page_of(ids_query, number, per_page)
    rows = {row.pk: row for row in load(list(ids))} if len(ids) else {}
    return Window([rows[pk] for pk in ids if pk in rows], number, ids.has_next)


def _encode(value) -> str:
    if isinstance(value, datetime):
        return str((value - _EPOCH) // _MICROSECOND)
    return str(int(value))


def _parse(text: str | None, fields: list) -> tuple | None:
    """The sort values in a cursor, or None when it is absent or malformed."""
    if not text or not re.fullmatch(CURSOR, text) or text.count(".") != len(fields) - 1:
        return None
    values = []
    for part, field in zip(text.split("."), fields, strict=True):
        number = int(part)
        if not -(2**63) < number < 2**63:  # beyond any BIGINT column
            return None
        try:
            values.append(_EPOCH + number * _MICROSECOND if field == "datetime" else number)
        except OverflowError:
            return None
    return tuple(values)


def keyset_window(
    keys,
    *,
    number: int,
    per_page: int,
    after: str | None,
    before: str | None,
    load,
    cursors_from: int = NUMBERED_PAGES,
) -> Window:
    """Page `number` of `keys`, a `values_list` of the sort fields ending in the primary key,
    ordered by them (all descending), with cursors in its links from page `NUMBERED_PAGES` on.

    With `after` (`before`), a cursor from a link, the page starts right after (ends right
    before) that row: an index range scan that costs the same at page 11 and page 11,000. A
    malformed cursor gives page `number` by OFFSET instead. `load(ids)` returns the rows.
    `cursors_from` is the first page whose next link is a cursor (1 for the API, which pages
    by cursor only).
    """
    names = [name.lstrip("-") for name in keys.query.order_by]
    meta = keys.model._meta
    fields = [
        "datetime" if name != "pk" and meta.get_field(name).get_internal_type() == "DateTimeField"
        else "integer"
        for name in names
    ]  # fmt: skip
    columns = [F(name) for name in names]
    after_values = _parse(after, fields)
    before_values = _parse(before, fields) if after_values is None else None
    if after_values is not None:
        # The leading bound lets an index without row comparisons (SQLite) start mid-way.
        keys = keys.filter(**{f"{names[0]}__lte": after_values[0]})
        found = list(keys.filter(TupleLessThan(columns, after_values))[: per_page + 1])
        has_next, found = len(found) > per_page, found[:per_page]
        number = max(number, 2)
    elif before_values is not None:
        keys = keys.filter(**{f"{names[0]}__gte": before_values[0]}).reverse()
        found = list(keys.filter(TupleGreaterThan(columns, before_values))[: per_page + 1])
        if len(found) <= per_page:
            number = 1  # nothing before this page: it is the first
        found, has_next = found[:per_page][::-1], True
    else:
        start = (number - 1) * per_page
        found = list(keys[start : start + per_page + 1])
        has_next, found = len(found) > per_page, found[:per_page]
    ids = [key[-1] for key in found]
    rows = {row.pk: row for row in load(ids)} if ids else {}
    page = Window([rows[pk] for pk in ids if pk in rows], number, has_next)
    if found and has_next and number >= cursors_from:
        page.next_after = ".".join(_encode(value) for value in found[-1])
    if found and number > NUMBERED_PAGES + 1:
        page.previous_before = ".".join(_encode(value) for value in found[0])
    return page

"""Pagination. `paginate` counts (fine for short lists such as the audit log); `window` never
counts, so a list costs the same at ten posts and at a million."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import Http404


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


def window(ids_query, number: int, per_page: int, *, load) -> Window:
    """Page `number` of `ids_query` (a queryset of primary keys, in list order), fetching one
    extra id to learn whether a next page exists; `load(ids)` returns the rows to show."""
    start = (number - 1) * per_page
    ids = list(ids_query[start : start + per_page + 1])
    has_next = len(ids) > per_page
    ids = ids[:per_page]
    rows = {row.pk: row for row in load(ids)} if ids else {}
    return Window([rows[pk] for pk in ids if pk in rows], number, has_next)

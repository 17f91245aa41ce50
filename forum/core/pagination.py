"""Page-number pagination that turns a bad ?page= into the nearest real page instead of a 404."""

from django.core.paginator import Page, Paginator


def paginate(object_list, page_number: str | None, per_page: int) -> Page:
    return Paginator(object_list, per_page).get_page(page_number)

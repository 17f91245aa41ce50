"""`{% page_url "markdown_help" %}`: a link to a page of an app above this template's app, by
role (forum/core/links.py); `{% fast_url "questions:list" %}`, `{% url %}` made cheap."""

from django import template
from django.core.exceptions import DisallowedHost

from forum.core.links import page_url as _page_url
from forum.core.reversing import fast_reverse

register = template.Library()


@register.simple_tag
def page_url(role: str, *args) -> str:
    return _page_url(role, *args)


@register.simple_tag
def fast_url(viewname: str, *args) -> str:
    """`{% url %}` at a tenth of its cost (forum/core/reversing.py), for the layout's links,
    which every page prints: ids and fixed names only."""
    return fast_reverse(viewname, *args)


@register.simple_tag(takes_context=True)
def canonical_url(context, path: str = "") -> str:
    """The page's one address for search engines: `path` (this request's by default) on this
    site, keeping only a list's page number: sort orders, cursors and unfolded comments show
    the same posts again."""
    request = context["request"]
    try:
        url = request.build_absolute_uri(path or request.path)
    except DisallowedHost:  # the 400 page for a host not ours: name no host at all
        return path or request.path
    page = request.GET.get("page", "")
    if not path and page.isdigit() and page.isascii() and int(page) > 1:
        url += f"?page={int(page)}"
    return url

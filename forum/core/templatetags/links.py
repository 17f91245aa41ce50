"""`{% page_url "markdown_help" %}`: a link to a page of an app above this template's app, by
role (forum/core/links.py)."""

from django import template

from forum.core.links import page_url as _page_url

register = template.Library()


@register.simple_tag
def page_url(role: str, *args) -> str:
    return _page_url(role, *args)

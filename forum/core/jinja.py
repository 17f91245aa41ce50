"""The Jinja2 side of the templates (issue 20, speed): the site layout and the thread page.

The thread page is the most requested page; the Django template language (DTL) spent more
time rendering it than Jinja2 does, which compiles each template to Python once. Jinja2
templates live in templates/jinja2/ and are found by the second engine of settings
TEMPLATES; every other page stays DTL and reaches the layout through templates/base.html
(forum/core/templatetags/jinja.py).

This module builds that engine: `Jinja2` is Django's backend, except that a view's context
wins over the context processors (as in DTL, where the thread view's unread count and
masked CSRF token are read once for the page); `environment()` gives templates the helpers
DTL pages get from template tags, by the same names where they can. Apps above core add
their own helpers in a jinja.py of theirs that builds on this one (settings TEMPLATES names
the topmost).
"""

import jinja2
from django.template import defaulttags
from django.template.backends import jinja2 as django_jinja2
from django.template.defaultfilters import pluralize, urlencode
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from forum.core.links import page_url
from forum.core.reversing import fast_reverse
from forum.core.templatetags import links
from forum.core.templatetags.dates import when
from forum.core.templatetags.resubmit import resubmit_field


@jinja2.pass_context
def csrf_input(context) -> str:
    """`{% csrf_token %}`: the hidden field, with the token of the page's context."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":  # what DTL's tag prints nothing for
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


@jinja2.pass_context
def canonical_url(context, path: str = "") -> str:
    """`{% canonical_url %}` (forum/core/templatetags/links.py)."""
    return links.canonical_url(context, path)


@jinja2.pass_context
def querystring(context, **changes) -> str:
    """`{% querystring %}`: this request's query string with `changes` (None drops one)."""
    # A missing attribute is what DTL passes as an empty string; Undefined would be iterated.
    changes = {
        key: "" if isinstance(value, jinja2.Undefined) else value for key, value in changes.items()
    }
    return defaulttags.querystring(None, context["request"].GET, **changes)


def resolve(value):
    """What DTL prints for `value`: callables called. For partials shared by objects that
    differ there (Django's `Page.has_next()` and the pagination `Window.has_next`)."""
    return value() if callable(value) else value


def environment(**options) -> jinja2.Environment:
    # A missing variable or attribute prints nothing and tests false, as in DTL, instead of
    # raising (error pages have no `user`, most pages no `query`).
    options["undefined"] = jinja2.ChainableUndefined
    env = jinja2.Environment(**options)
    env.globals.update(
        static=static,
        url=lambda name, *args: reverse(name, args=args),
        fast_url=fast_reverse,
        page_url=page_url,
        csrf_input=csrf_input,
        canonical_url=canonical_url,
        querystring=querystring,
        resubmit_field=resubmit_field,
        resolve=resolve,
    )
    env.filters.update(when=when, pluralize=pluralize, urlencode=urlencode)
    return env


class Template(django_jinja2.Template):
    def render(self, context=None, request=None):
        if request is None:
            return super().render(context)
        # DTL's order: what the processors give, then the view's context over it.
        merged = {"request": request, "csrf_token": django_jinja2.csrf_token_lazy(request)}
        for processor in self.backend.template_context_processors:
            merged.update(processor(request))
        merged.update(context or {})
        return super().render(merged)


class Jinja2(django_jinja2.Jinja2):
    def from_string(self, template_code):
        return Template(super().from_string(template_code).template, self)

    def get_template(self, template_name):
        return Template(super().get_template(template_name).template, self)

"""Markdown to sanitised HTML, done once when a post is saved, never per request.

Three things a hostile author could otherwise do through Markdown are bounded here:
- make rendering slow (`check_render_cost` refuses shapes that would cost a worker more than
  ~50 ms: the parser's work grows with brackets, table cells, entities and emphasis runs);
- load images from a host of their own, which would tell them every reader's address (only
  this forum's own images are shown; others become links);
- publish live links before their account earned it (`links=False` renders them as text).
"""

import re
from html import escape
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from markdown_it import MarkdownIt

# Raw HTML in the source is escaped by the parser (html=False); nh3 then removes anything a
# parser bug or a crafted link could still smuggle through (event handlers, javascript: URLs).
_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}

# Microseconds of parsing each construct costs at worst, measured on this project's 2-core
# machines with markdown-it-py 3 (tests/core/test_markdown_bounds.py times the shapes).
_COSTS_US = {
    "char": 0.2,
    "bracket": 36.0,  # "[" and "![": link labels are re-scanned for nested ones
    "pipe": 10.0,  # table cells
    "ampersand": 4.0,  # entity candidates
    "angle": 2.0,  # autolink candidates
    "emphasis": 12.0,  # each run of * or _ is a delimiter the inline parser balances
}
_EMPHASIS_RUN = re.compile(r"[*_~]+")
RENDER_BUDGET_MS = 50


class MarkdownTooComplex(ValueError):
    """The text would take too long to render; the message is for its author."""


def estimate_render_ms(source: str) -> float:
    """A worst-case estimate of how long rendering `source` takes, in milliseconds."""
    us = (
        len(source) * _COSTS_US["char"]
        + source.count("[") * _COSTS_US["bracket"]
        + source.count("|") * _COSTS_US["pipe"]
        + source.count("&") * _COSTS_US["ampersand"]
        + source.count("<") * _COSTS_US["angle"]
        + len(_EMPHASIS_RUN.findall(source)) * _COSTS_US["emphasis"]
    )
    return us / 1000


def check_render_cost(source: str) -> None:
    """Raise MarkdownTooComplex when `source` would cost more than the render budget."""
    if estimate_render_ms(source) > RENDER_BUDGET_MS:
        raise MarkdownTooComplex(
            "This text has too many links, brackets, table cells or emphasis marks to "
            "display quickly; please simplify its formatting."
        )


def _is_own_image(src: str) -> bool:
    """A path on this forum ("/static/…"), or a host listed in FORUM_IMAGE_HOSTS."""
    parts = urlsplit(src)
    if not parts.scheme and not parts.netloc:
        return src.startswith("/") and not src.startswith("//")
    return parts.scheme == "https" and parts.hostname in settings.FORUM_IMAGE_HOSTS


def _render_image(self, tokens, idx, options, env):
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    if env.get("images") and _is_own_image(src):
        return self.image(tokens, idx, options, env)
    # Someone else's image would reveal each reader's address to its host: show a link.
    label = escape(alt or src)
    if env.get("links"):
        return f'<a href="{escape(src)}">{label}</a>'
    return f"{label} ({escape(src)})" if alt else label


def _render_link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    env.setdefault("hrefs", []).append(token.attrGet("href") or "")
    if env.get("links"):
        return self.renderToken(tokens, idx, options, env)
    return ""


def _render_link_close(self, tokens, idx, options, env):
    href = env["hrefs"].pop() if env.get("hrefs") else ""
    if env.get("links"):
        return self.renderToken(tokens, idx, options, env)
    # As text: the reader can still copy the address, but search engines and careless clicks
    # get nothing from an account that has not earned links yet.
    autolink = tokens[idx].markup == "autolink"
    return "" if autolink or not href else f" ({escape(href)})"


_parser.add_render_rule("image", _render_image)
_parser.add_render_rule("link_open", _render_link_open)
_parser.add_render_rule("link_close", _render_link_close)


def render_markdown(source: str, *, links: bool = True, images: bool = True) -> str:
    """Return safe HTML for user-written Markdown.

    `links=False` publishes links as text; `images=False` shows images as links (or text).
    Images from other hosts are always shown as links. Call `check_render_cost` on input
    first; forms do (forum/core/forms.py).
    """
    html = _parser.render(source, {"links": links, "images": images})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener noreferrer",
    )

"""Pages of apps above are linked by role (forum/core/links.py): every role a template or
module names is wired in settings.FORUM_PAGES, and each wired URL exists."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from forum.core.links import page_url

ROOT = Path(__file__).resolve().parents[2]
ROLE_IN_TEMPLATE = re.compile(r"""\{%\s*page_url\s+["']([\w-]+)["']""")
ROLE_IN_CODE = re.compile(r"""page_url\(\s*["']([\w-]+)["']""")


def _roles_named() -> set[str]:
    roles = set()
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # DTL's tag, and Jinja2's call (templates/jinja2/), written as in code.
        roles.update(ROLE_IN_TEMPLATE.findall(text), ROLE_IN_CODE.findall(text))
    for path in (ROOT / "forum").rglob("*.py"):
        roles.update(ROLE_IN_CODE.findall(path.read_text(encoding="utf-8")))
    return roles


def test_every_role_named_is_wired():
    named = _roles_named()
    assert {"signup", "markdown_help", "redact_revision"} <= named  # the reader reads
    assert named <= set(settings.FORUM_PAGES), "add the role to FORUM_PAGES"


@pytest.mark.parametrize("role", sorted(settings.FORUM_PAGES))
def test_a_role_links_to_the_page_wired_for_it(role):
    name = settings.FORUM_PAGES[role]
    args = [7] if "revision" in role else []
    assert page_url(role, *args) == reverse(name, args=args)

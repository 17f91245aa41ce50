"""Every form the templates render is submitted by a person in some journey.

A form is done when a person can use it in a browser, not when its view accepts a POST. The
templates are read for every <form>; each is named by where it sends (method and URL name).
The journeys record each form they submit (tests/journeys/person.py), and this test, run after
them, fails on any form no journey submitted.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.journeys.person import SUBMITTED

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
FORM = re.compile(r"<form\b[^>]*>", re.S)
ACTION = re.compile(r'action="([^"]*)"')
# DTL's tags and Jinja2's calls (templates/jinja2/): {% url 'a:b' %}, {{ url('a:b') }}.
URL_NAME = re.compile(r"""(?:\{%\s*(?:url|fast_url)\s+|\b(?:url|fast_url)\(\s*)['"]([\w:-]+)['"]""")
# A page named by role (forum/core/links.py): settings.FORUM_PAGES gives its URL name.
PAGE_ROLE = re.compile(r"""(?:\{%\s*page_url\s+|\bpage_url\(\s*)['"]([\w-]+)['"]""")
METHOD = re.compile(r"""method="(\w+)\"""")
# A form whose address is only known at run time names itself: data-form="…".
NAMED = re.compile(r'data-form="([\w-]+)"')

# Forms that send to the page that shows them: the URL names of the pages that render each.
SELF_POSTING = {
    "questions/ask.html": ["questions:ask"],
    "posts/edit.html": ["questions:edit", "answers:edit", "comments:edit"],
    "comments/create.html": ["comments:create"],
    "accounts/form_page.html": [
        "accounts:signup",
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_change",
    ],
    "accounts/password_reset_confirm.html": ["accounts:password_reset_confirm"],
    "accounts/settings.html": ["accounts:settings"],
    "accounts/tokens.html": ["accounts:api_tokens"],
    "moderation/watchlist.html": ["moderation:watchlist"],
    "moderation/dry_run.html": ["moderation:dry_run"],
    "questions/search.html": ["questions:search"],
    "questions/tags.html": ["questions:tags"],
}


def forms_in_templates() -> set[tuple[str, str]]:
    found = set()
    for template in sorted(TEMPLATES.rglob("*.html")):
        name = template.relative_to(TEMPLATES).as_posix()
        for tag in FORM.findall(template.read_text()):
            method = (METHOD.search(tag) or re.match("()", "")).group(1).lower() or "get"
            if named := NAMED.search(tag):
                found.add((method, f"form:{named.group(1)}"))
                continue
            action = ACTION.search(tag)
            names = URL_NAME.findall(action.group(1)) if action else []
            roles = PAGE_ROLE.findall(action.group(1)) if action else []
            names += [settings.FORUM_PAGES[role] for role in roles]
            if names:
                found.update((method, url_name) for url_name in names)
                continue
            assert name in SELF_POSTING, f"{name}: a form with no action; add it to SELF_POSTING"
            found.update((method, url_name) for url_name in SELF_POSTING[name])
    return found


def test_the_template_reader_finds_forms():
    forms = forms_in_templates()
    assert ("post", "moderation:act") in forms
    assert ("get", "questions:search") in forms
    assert ("post", "answers:create") in forms  # in a Jinja2 template


@pytest.mark.after_journeys
def test_every_form_is_driven_by_a_journey():
    if not SUBMITTED:
        pytest.fail("no journey ran in this session: run tests/journeys as a whole")
    missing = sorted(forms_in_templates() - SUBMITTED)
    assert not missing, "forms no journey submits: " + ", ".join(
        f"{method.upper()} {name}" for method, name in missing
    )

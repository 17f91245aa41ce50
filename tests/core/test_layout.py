"""The frame around every page: navigation usable on a phone without JavaScript, and post
bodies no wider than a comfortable line."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parents[2] / "static" / "forum" / "css" / "forum.css"


def _nav(page: str) -> str:
    return page[page.index("<nav") : page.index("</nav>")]


def test_the_navigation_is_never_hidden_behind_a_script_driven_toggle(client):
    nav = _nav(client.get("/").text)
    assert "collapse" not in nav and "data-bs-toggle" not in nav


def test_a_reader_finds_every_link_and_the_search_box_in_the_navigation(client):
    nav = _nav(client.get("/").text)
    for text, url in [
        ("Questions", reverse("questions:list")),
        ("Tags", reverse("questions:tags")),
        ("Users", reverse("questions:users")),
        ("Ask", reverse("questions:ask")),
        ("Log in", reverse("accounts:login")),
        ("Sign up", reverse("accounts:signup")),
    ]:
        assert re.search(rf'href="{re.escape(url)}[^"]*">{text}</a>', nav), text
    assert f'action="{reverse("questions:search")}"' in nav
    assert "Moderation" not in nav


def test_a_moderator_finds_moderation_in_the_navigation(moderator_client):
    nav = _nav(moderator_client.get("/").text)
    assert f'href="{reverse("moderation:queue")}">Moderation</a>' in nav
    assert "Log out" in nav and "Log in" not in nav


def test_post_bodies_are_at_most_about_ninety_characters_wide():
    rules = re.findall(r"\.post-body\s*\{([^}]*)\}", CSS.read_text())
    assert any("max-width: 90ch" in rule for rule in rules)

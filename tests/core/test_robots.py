"""/robots.txt keeps crawlers out of private and endless pages and points them at the sitemap."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PRIVATE = [
    ("moderation:queue", []),
    ("moderation:log", []),
    ("moderation:dry_run", []),
    ("moderation:flag", [1]),
    ("accounts:login", []),
    ("accounts:signup", []),
    ("accounts:settings", []),
    ("admin:index", []),
    ("notifications:inbox", []),
    ("core:resume_draft", ["abc"]),
    ("questions:ask", []),
    ("questions:edit", [1]),
    ("answers:create", [1]),
    ("answers:edit", [1]),
    ("comments:create", [1]),
    ("comments:edit", [1]),
    ("votes:vote", [1]),
    ("posts:revisions", [1]),
    ("questions:search", []),
]
PUBLIC = [
    ("questions:list", []),
    ("questions:detail", [1, "how-did-the-battle-end"]),
    ("questions:tags", []),
    ("questions:tag", ["tanks"]),
    ("questions:profile", ["alice"]),
    ("questions:feed_atom", []),
    ("questions:thread_rss", [1]),
    ("help:markdown", []),
]


def _disallows(robots: str, path: str) -> bool:
    """Whether a crawler reading `robots` (one group for every agent) keeps out of `path`, as
    Google and Bing read rules: a prefix, `*` any characters, `$` the end."""
    for line in robots.splitlines():
        name, _, rule = line.partition(":")
        if name.strip().lower() == "disallow" and rule.strip():
            pattern = re.escape(rule.strip()).replace(r"\*", ".*").replace(r"\$", "$")
            if re.match(pattern, path):
                return True
    return False


@pytest.fixture
def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.text


@pytest.mark.parametrize(("name", "args"), PRIVATE)
def test_robots_keeps_crawlers_out_of_private_pages(robots, name, args):
    assert _disallows(robots, reverse(name, args=args))


@pytest.mark.parametrize(("name", "args"), PUBLIC)
def test_robots_lets_crawlers_read_public_pages(robots, name, args):
    assert not _disallows(robots, reverse(name, args=args))


def test_robots_speaks_to_every_crawler_and_names_the_sitemap(robots):
    lines = robots.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Sitemap: http://testserver/sitemap.xml" in lines

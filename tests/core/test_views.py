"""A form refused by the CSRF check says why in words and gives back the text typed."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse

from forum.posts.models import Post
from tests.factories import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
TEXT = "The <b>purges</b> mattered less than supply & tanks"


@pytest.fixture
def browser():
    """A client that enforces CSRF as a browser's requests meet it."""
    return Client(enforce_csrf_checks=True)


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _log_in(browser) -> None:
    page = browser.get(reverse("accounts:login")).text
    data = {"username": "writer", "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page)}
    assert browser.post(reverse("accounts:login"), data).status_code == 302


@pytest.mark.parametrize("name", ["accounts:login", "accounts:signup"])
def test_logging_in_or_signing_up_without_cookies_says_the_browser_blocks_them(browser, name):
    page = browser.get(reverse(name)).text
    browser.cookies.clear()  # the browser refused the cookie the page set
    response = browser.post(
        reverse(name),
        {"username": "writer", "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page)},
    )
    assert response.status_code == 403
    assert "Your browser is blocking cookies" in response.text
    assert "cannot log in or sign up without them" in response.text
    assert PASSWORD not in response.text


def test_a_form_opened_before_logging_in_again_shows_the_text_to_copy(browser, question):
    make_user("writer")
    _log_in(browser)
    stale = _csrf(browser.get(question.get_absolute_url()).text)
    # Logged out and in again in another tab: the form's token is now stale.
    browser.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": stale})
    _log_in(browser)
    response = browser.post(
        reverse("answers:create", args=[question.pk]),
        {"body": TEXT, "csrfmiddlewaretoken": stale},
        HTTP_REFERER=f"http://testserver{question.get_absolute_url()}",
    )
    assert response.status_code == 403
    assert "The page expired" in response.text
    assert re.search(
        r"<textarea[^>]*readonly>The &lt;b&gt;purges&lt;/b&gt; mattered less than supply &amp; "
        r"tanks</textarea>",
        response.text,
    )
    assert "<b>purges</b>" not in response.text
    assert f'href="http://testserver{question.get_absolute_url()}"' in response.text
    assert not Post.objects.filter(body=TEXT).exists()


def test_a_form_sent_without_a_cookie_still_shows_its_text(browser, question):
    response = browser.post(
        reverse("answers:create", args=[question.pk]), {"body": TEXT, "csrfmiddlewaretoken": "x"}
    )
    assert response.status_code == 403
    assert "Your browser is blocking cookies" in response.text
    assert "&lt;b&gt;purges&lt;/b&gt;" in response.text


def test_a_referer_from_elsewhere_is_not_linked(browser, question):
    response = browser.post(
        reverse("answers:create", args=[question.pk]),
        {"body": TEXT},
        HTTP_REFERER="https://evil.example/phish",
    )
    assert response.status_code == 403
    assert "evil.example" not in response.text


def test_an_unreadable_body_still_gets_the_explanation(browser, question):
    response = browser.post(
        reverse("answers:create", args=[question.pk]),
        data=b"--x\r\nbroken",
        content_type="multipart/form-data; boundary=x",
    )
    assert response.status_code == 403
    assert "could not be sent" in response.text


# /favicon.ico answers, pointing browsers and crawlers at the site's icon.


def test_favicon_ico_redirects_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (302, static("forum/img/favicon.svg"))
    icon = client.get(response["Location"])
    assert icon.status_code == 200 and icon["Content-Type"].startswith("image/svg+xml")


def test_every_page_links_the_icon(client):
    page = client.get("/").text
    assert (
        f'<link rel="icon" href="{static("forum/img/favicon.svg")}" type="image/svg+xml">' in page
    )


def test_the_health_check_says_the_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_the_health_check_is_503_naming_the_parts_that_fail_and_nothing_else():
    """A server without its database: servers that cannot be reached, for real (closed ports,
    in a process of its own), with a password in each address that must not show."""
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(json.dumps([r.status_code, r.content.decode()]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum.settings.test",
        "DATABASE_URL": "postgres://forum:db-secret-4417@127.0.0.1:6391/forum",
        "REDIS_URL": "redis://:cache-secret-4417@127.0.0.1:6390/0",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    status, body = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert json.loads(body) == {"status": "failing", "database": "failing", "cache": "failing"}
    assert "secret" not in body and "6391" not in body

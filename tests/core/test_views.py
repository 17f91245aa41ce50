"""/favicon.ico answers, pointing browsers and crawlers at the site's icon."""

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


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

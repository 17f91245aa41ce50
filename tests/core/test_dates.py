"""One date style on every page: relative for recent moments, a date for older ones, the
exact time in a <time> element's title."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import dateformat
from django.utils import timezone as tz

from forum.core.templatetags.dates import Clock, _date, _exact, describe, when

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(
    ("age", "words"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(seconds=-20), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59), "59 minutes ago"),
        (timedelta(hours=3, minutes=50), "3 hours ago"),
        (timedelta(days=1), "1 day ago"),
        (timedelta(days=2, hours=5), "2 days ago"),
        (timedelta(days=7), "Jun 8, 2025"),
        (NOW - datetime(2021, 3, 4, 18, 0, tzinfo=UTC), "Mar 4, 2021"),
        (timedelta(days=-3), "Jun 18, 2025 at 12:00"),
    ],
)
def test_a_moment_reads_relative_when_recent_and_as_a_date_when_older(age, words):
    assert describe(NOW - age, NOW) == words


def test_the_element_carries_the_iso_time_and_the_exact_time_with_its_zone():
    html = when(datetime(2021, 3, 4, 9, 30, 5, tzinfo=UTC))
    assert html.startswith('<time datetime="2021-03-04T09:30:05+00:00" ')
    assert 'title="2021-03-04 09:30:05 UTC"' in html
    assert html.endswith(">Mar 4, 2021</time>")


def test_the_exact_time_is_shown_in_the_sites_time_zone(settings):
    settings.TIME_ZONE = "Europe/Paris"
    html = when(datetime(2021, 3, 4, 9, 30, tzinfo=UTC))
    assert 'datetime="2021-03-04T09:30:00+00:00"' in html
    assert 'title="2021-03-04 10:30:00 CET"' in html


def test_no_moment_shows_nothing():
    assert when(None) == ""


def test_every_template_can_use_the_filter_without_loading_it():
    rendered = Template("{{ moment|when }}").render(Context({"moment": NOW}))
    assert rendered.startswith("<time ")


def test_no_template_formats_a_date_its_own_way():
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if any(style in path.read_text() for style in ("|date:", "|timesince", "|naturaltime"))
    ]
    assert offenders == []


@pytest.mark.parametrize("zone", ["UTC", "Europe/Berlin", "America/New_York"])
def test_dates_read_as_django_formats_them(zone):
    # The filter writes its formats out rather than parse them through dateformat each time.
    with tz.override(ZoneInfo(zone)):
        for days in range(0, 800, 37):
            local = tz.localtime(datetime(2024, 1, 1, 13, 5, 9, tzinfo=UTC) + timedelta(days=days))
            assert _date(local) == dateformat.format(local, "M j, Y")
            assert _exact(local) == dateformat.format(local, "Y-m-d H:i:s T")


def test_a_pages_clock_shows_a_moment_as_the_filter_does_in_the_readers_time_zone():
    # List rows and search hits read now and the time zone once a page (Clock); a moment
    # reads the same there as through the filter, in the time zone active, not UTC.
    moment = datetime(2021, 3, 4, 23, 30, 5, tzinfo=UTC)
    with tz.override(ZoneInfo("Asia/Tokyo")):
        shown = Clock().when(moment)
        assert shown == when(moment)
    assert "2021-03-05 08:30:05" in shown

"""Journeys: a person in Debian's Chromium against a live server seeded with the real thread."""

from glob import glob
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser import DESKTOP, PHONE, start_chromium
from tests.journeys.person import Person

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(transactional_db):
    """The forum as `migrate` then `loaddata fixtures/*.json` leaves it."""
    call_command("loaddata", *sorted(glob(str(ROOT / "fixtures" / "*.json"))), verbosity=0)


@pytest.fixture
def open_browser(live_server, seeded, request):
    """`open_browser(journey, size=..., javascript=...)`: a new person at a fresh browser."""
    drivers = []

    def start(journey: str, *, size=DESKTOP, javascript: bool = True) -> Person:
        driver = start_chromium(size=size, javascript=javascript)
        drivers.append(driver)
        return Person(driver, live_server.url, journey, phone=size == PHONE)

    yield start
    for driver in drivers:
        driver.quit()


@pytest.fixture
def phone():
    return PHONE


def pytest_collection_modifyitems(config, items):
    """The form-coverage check reads what every journey submitted: it runs last."""
    last = [item for item in items if item.get_closest_marker("after_journeys")]
    items[:] = [item for item in items if item not in last] + last


# Tables a test wants shown at the end of the run, captured output or not (-s).
ACCESSIBILITY_TABLE = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, config):
    tables = config.stash.get(ACCESSIBILITY_TABLE, [])
    if tables:
        terminalreporter.section("accessibility (axe-core, serious + critical elements)")
        for table in tables:
            terminalreporter.write_line(table)

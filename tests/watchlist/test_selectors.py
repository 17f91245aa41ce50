"""Posting reads the watch list from the cache, not the database, until the list changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.watchlist.selectors import get_watchlist
from forum.watchlist.services import add_pattern

pytestmark = pytest.mark.django_db


def test_the_list_is_read_from_the_cache_until_it_changes(moderator):
    add_pattern(created_by=moderator, kind="word", pattern="casino", action="hold")
    get_watchlist()
    with CaptureQueriesContext(connection) as unchanged:
        assert get_watchlist().size == 1
    add_pattern(created_by=moderator, kind="word", pattern="poker", action="hold")
    assert len(unchanged.captured_queries) == 0
    assert get_watchlist().size == 2

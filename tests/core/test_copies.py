"""This process's copies of shared-cache entries (forum/core/copies.py): bounded in bytes and
in time, the least recently used pushed out first."""

import time

import pytest

from forum.core.copies import Copies


@pytest.fixture
def kept(settings):
    settings.FORUM_LOCAL_COPIES_BYTES = 1600
    return Copies()


def _later() -> float:
    return time.time() + 60


def test_a_copy_is_kept_until_it_expires(kept):
    kept.put("fresh", "page", size=4, expires_at=_later())
    kept.put("old", "page", size=4, expires_at=time.time() - 1)
    assert kept.get("fresh") == "page"
    assert kept.get("old") is None


def test_past_the_budget_the_least_recently_used_copies_go_first(kept):
    for name in ("a", "b", "c", "d"):
        kept.put(name, name, size=100, expires_at=_later())
    kept.get("a")  # used: "b" is now the least recently used
    for name in range(13):  # 1,700 bytes: one copy must go
        kept.put(f"new{name}", name, size=100, expires_at=_later())
    assert kept.get("a") == "a"
    assert kept.get("b") is None


def test_a_value_too_big_for_its_share_of_the_budget_is_not_kept(kept):
    kept.put("small", "x", size=100, expires_at=_later())
    kept.put("huge", "y", size=101, expires_at=_later())
    assert kept.get("small") == "x"
    assert kept.get("huge") is None


def test_a_copy_kept_again_replaces_the_old_one_and_its_size(kept):
    for _ in range(20):
        kept.put("page", "v", size=100, expires_at=_later())
    for name in range(15):  # 15 more of 100 bytes fit beside it, were its size counted once
        kept.put(f"other{name}", name, size=100, expires_at=_later())
    assert kept.get("page") == "v"

"""Ready-made filters for the spam filter tests (built once: training takes a few dozen ms)."""

from __future__ import annotations

import pytest

from forum.spamfilter import SpamFilter, TextModel


@pytest.fixture(scope="session")
def spam_filter() -> SpamFilter:
    """The filter as the site runs it: rules plus the model trained on the bundled corpus."""
    return SpamFilter()


@pytest.fixture(scope="session")
def rules_only() -> SpamFilter:
    """The filter without any statistical help, to show that the rules stand on their own."""
    return SpamFilter(model=TextModel())

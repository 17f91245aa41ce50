"""What a pattern may be."""

import pytest
from django.core.exceptions import ValidationError

from forum.watchlist.forms import clean_pattern


def test_clean_pattern_normalises_case_and_spaces():
    assert clean_pattern("phrase", "  Write   To ME ") == "write to me"
    with pytest.raises(ValidationError):
        clean_pattern("ip", "not-an-ip")

import pytest

from forum.moderation.spam import reset_filter


@pytest.fixture
def fresh_model():
    """The model is per process: a test using this starts from the shipped corpus alone."""
    reset_filter()
    yield
    reset_filter()

"""Static addresses in production (forum/core/staticfiles.py)."""

from django.test import override_settings

from forum.core.staticfiles import StaticFilesStorage


def _storage(tmp_path) -> StaticFilesStorage:
    storage = StaticFilesStorage(location=tmp_path, base_url="/static/")
    storage.hashed_files = {"forum/css/forum.css": "forum/css/forum.0123abcd.css"}
    return storage


def test_a_file_is_addressed_by_its_hashed_name_every_time(tmp_path):
    storage = _storage(tmp_path)
    with override_settings(DEBUG=False):
        first = storage.url("forum/css/forum.css")
        again = storage.url("forum/css/forum.css")
    assert first == again == "/static/forum/css/forum.0123abcd.css"


def test_debug_serves_the_unhashed_name_even_after_the_hashed_one(tmp_path):
    storage = _storage(tmp_path)
    with override_settings(DEBUG=False):
        storage.url("forum/css/forum.css")
    with override_settings(DEBUG=True):
        assert storage.url("forum/css/forum.css") == "/static/forum/css/forum.css"

"""Test runs: fast password hashing, a fixed key."""

from .base import *  # noqa: F403
from .base import env_bool

SECRET_KEY = "test-only-insecure-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Each test process gets its own cache; tests/conftest.py empties it around every test.
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# One database behind both aliases: `make test` needs no replica. tests/core/test_replicas_live.py
# runs against a real one (FORUM_LIVE_REPLICA=1, in CI) and uses the databases as they are.
if "replica" in DATABASES and not env_bool("FORUM_LIVE_REPLICA", False):  # noqa: F405
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # noqa: F405

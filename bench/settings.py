"""Production settings plus a bare view and room to post: what bench/run.py serves."""

import os

from forum.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
# The load generator posts answers as fast as it can, from a handful of members.
FORUM_POSTS_PER_HOUR = FORUM_NEW_ACCOUNT_POSTS_PER_HOUR = 10**9
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

"""Production settings plus a bare view and room to post: what bench/run.py serves."""

import os

from forum.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
# The load generator posts answers as fast as it can, from a handful of members.
FORUM_POSTS_PER_HOUR = FORUM_NEW_ACCOUNT_POSTS_PER_HOUR = 10**9
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Every post comes from 127.0.0.1: without this the address limit answers 429 after 90 posts,
# and the benchmark would time refusals.
FORUM_RATE_LIMITS = {**FORUM_RATE_LIMITS, "answer": {"user": "1000000/h", "ip": "1000000/h"}}  # noqa: F405

"""What `make api-fuzz` serves: the development settings with DEBUG off (errors answer as in
production) and the rate limits lifted, so the fuzzer's writes reach the services instead of
stopping at a 429 after a few requests (429s are tested in tests/api)."""

from forum.settings.dev import *  # noqa: F403

DEBUG = False
FORUM_POSTS_PER_HOUR = FORUM_NEW_ACCOUNT_POSTS_PER_HOUR = 10**9
FORUM_RATE_LIMITS = {
    group: {key: "1000000/h" for key in limits}
    for group, limits in FORUM_RATE_LIMITS.items()  # noqa: F405
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Server errors print their traceback to the run's log; 4xx warnings are left out.
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR"},
        "forum.api": {"handlers": ["console"], "level": "ERROR"},
    },
}

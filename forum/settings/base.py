"""Settings shared by every environment; per-machine values come from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Each environment module sets SECRET_KEY: dev and test with a fixed local-only value,
# production only from the environment.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "forum.core",
    "forum.accounts",
    "forum.posts",
    "forum.questions",
    "forum.answers",
    "forum.comments",
    "forum.votes",
    "forum.moderation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cached page for an anonymous reader skips all of it.
    "forum.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"
ASGI_APPLICATION = "forum.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forum.moderation.context_processors.moderation",
            ],
        },
    },
]

# SQLite is the embedded default so that one command starts the forum; DATABASE_URL selects
# PostgreSQL (postgres://user@host:port/name) in production and in the second CI pass.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "questions:list"
LOGOUT_REDIRECT_URL = "questions:list"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Development and tests serve static files straight from STATICFILES_DIRS through WhiteNoise;
# production collects them into STATIC_ROOT with hashed, compressed names.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# One cache every worker shares: Redis when REDIS_URL is set (several app servers); otherwise a
# file cache that all processes on this machine share, so two workers never disagree.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
        }
    }

# Bodies larger than this are refused with a form error; the thread page stays readable and
# Markdown rendering stays bounded.
FORUM_MAX_BODY_LENGTH = 30_000
FORUM_MAX_TITLE_LENGTH = 150
FORUM_QUESTIONS_PER_PAGE = 20
FORUM_POSTS_PER_PROFILE_PAGE = 20
FORUM_ANSWERS_PER_PAGE = 30
# How long an anonymous reader's page stays in the shared cache (0 turns the cache off). Pages
# are never stale: writes move the versions their keys name; this only bounds memory.
FORUM_PAGE_CACHE_SECONDS = int(os.environ.get("FORUM_PAGE_CACHE_SECONDS", "600"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

# Spam filter: a verdict's score at or above `low_value` holds a reply for review, at or above
# `spam` hides it as spam.
SPAM_FILTER_THRESHOLDS = {"low_value": 0.5, "spam": 0.8}
# How often each process fetches moderator decisions made on other app servers.
SPAM_MODEL_SYNC_SECONDS = 10
# Posts (questions, answers, comments) an account may write per hour; accounts younger than
# FORUM_NEW_ACCOUNT_DAYS get fewer.
FORUM_POSTS_PER_HOUR = 60
FORUM_NEW_ACCOUNT_POSTS_PER_HOUR = 10
FORUM_NEW_ACCOUNT_DAYS = 2
# Open member flags that hold a visible post for a moderator.
FORUM_FLAGS_TO_HOLD = 3

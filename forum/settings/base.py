"""Settings shared by every environment; per-machine values come from the environment."""

import hashlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .environment import env_bool, env_list, env_networks

BASE_DIR = Path(__file__).resolve().parent.parent.parent


DEBUG = env_bool("DEBUG", False)
# Each environment module sets SECRET_KEY: dev and test with a fixed local-only value,
# production only from the environment.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# The proxies (load balancers, TLS terminators) in front of the app servers: addresses or
# networks whose X-Forwarded-For is believed. Empty: none, and the peer is the client. The
# client's address is worked out in one place, forum.core.limits.client_ip.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Its sitemap.xml templates; the questions app builds /sitemap.xml with it.
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    # django-ninja: the JSON API; listed so /api/docs uses the Swagger UI files it ships
    # (served by WhiteNoise) rather than a CDN.
    "ninja",
    "forum.core",
    "forum.accounts",
    "forum.posts",
    "forum.notifications",
    "forum.watchlist",
    "forum.questions",
    "forum.answers",
    "forum.comments",
    "forum.votes",
    "forum.moderation",
    "forum.help",
]

MIDDLEWARE = [
    # First: every later middleware's reads follow the request's routing (read replica).
    "forum.core.replicas.ReplicaMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cached page for an anonymous reader skips all of it.
    "forum.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: it turns a locked-out log-in (the admin's too) into a 429.
    "axes.middleware.AxesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"
ASGI_APPLICATION = "forum.asgi.application"

# The variables every page's layout reads, for both template engines below.
CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "forum.moderation.context_processors.moderation",
    "forum.notifications.context_processors.inbox",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": CONTEXT_PROCESSORS,
            # The one date style (`|when`) is available in every template without a load.
            "builtins": ["forum.core.templatetags.dates"],
        },
    },
    {
        # The layout and the thread page, the most requested one, where DTL's rendering
        # cost twice Jinja2's (forum/core/jinja.py). Other pages reach the layout through
        # templates/base.html.
        "NAME": "jinja2",
        "BACKEND": "forum.core.jinja.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "forum.moderation.jinja.environment",
            "context_processors": CONTEXT_PROCESSORS,
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A write transaction takes SQLite's write lock when it begins (IMMEDIATE), so two
    # concurrent writers queue for up to `timeout` seconds instead of one failing with
    # "database is locked" when it upgrades a read lock; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )


def _postgresql_options(database: dict) -> None:
    """Parameters bound by the server, and statements prepared once a connection has run
    them five times: planning the thread page's one query took 2–3 ms, running it 0.5. The
    backend is Django's with a health check that spares a round trip on every request and
    times read by psycopg's C loader (forum/core/postgresql/base.py)."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        database["ENGINE"] = "forum.core.postgresql"
        options = database.setdefault("OPTIONS", {})
        options.update(server_side_binding=True, prepare_threshold=5)


_postgresql_options(DATABASES["default"])
# Behind PgBouncer in transaction pooling mode (docs/deployment.md) a connection to the
# server is lent per transaction, so nothing may outlive one on the server: no server-side
# cursors (Django's .iterator()), no prepared statements (psycopg prepares a query it has run
# five times).
if env_bool("PGBOUNCER_TRANSACTION_POOLING", False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
# A read replica (PostgreSQL streaming replication), when DATABASE_REPLICA_URL names one: reads
# go to it, writes and a member's reads just after their own write go to the primary, and a
# replica that is down or lags falls back to the primary (forum/core/replicas.py).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        # A replica host that is gone must not hold a request for long before the fallback.
        DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    _postgresql_options(DATABASES["replica"])
    if env_bool("PGBOUNCER_TRANSACTION_POOLING", False):
        DATABASES["replica"]["DISABLE_SERVER_SIDE_CURSORS"] = True
        DATABASES["replica"].setdefault("OPTIONS", {})["prepare_threshold"] = None
DATABASE_ROUTERS = ["forum.core.replicas.ReplicaRouter"]
# Lag beyond which reads go to the primary; how often each process asks the replica (its
# answer is kept meanwhile); how long a member's reads stay on the primary after a write
# (longer than the lag allowed, so they always see it).
FORUM_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("FORUM_REPLICA_MAX_LAG_SECONDS", "2"))
FORUM_REPLICA_CHECK_SECONDS = 2.0
FORUM_REPLICA_PIN_SECONDS = int(FORUM_REPLICA_MAX_LAG_SECONDS) + 5
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Sessions live in the database, never in the cache alone: a Redis outage logs nobody out.
# They are read from the cache, so most requests make no query for them (forum/core/sessions.py).
SESSION_ENGINE = "forum.core.sessions"

AUTH_USER_MODEL = "accounts.User"
# django-axes counts failed log-ins (the forum's and the admin's) before Django's own backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend with the logged-in member read from the cache.
    "forum.accounts.usercache.Backend",
]
# --- Where pages live ------------------------------------------------------------------------
# An app links to pages of apps above it (tests/test_layering.py) by role, never by their URL
# names: `page_url("signup")`, `{% page_url "markdown_help" %}` (forum/core/links.py). This
# wiring says which URL serves each role.
FORUM_PAGES = {
    "home": "questions:list",
    "login": "accounts:login",
    "signup": "accounts:signup",
    "markdown_help": "help:markdown",
    "privileges_help": "help:privileges",
    "redact_revision": "moderation:redact",
    "unredact_revision": "moderation:unredact",
}
LOGIN_URL = FORUM_PAGES["login"]
LOGIN_REDIRECT_URL = FORUM_PAGES["home"]
LOGOUT_REDIRECT_URL = FORUM_PAGES["home"]
# Where posts, tags and members live: the questions app serves the thread page, tag pages and
# profiles (forum/questions/addresses.py). Looked up when first called, so that settings
# import no app code.
ABSOLUTE_URL_OVERRIDES = {
    "posts.post": lambda post: import_string("forum.questions.addresses.post_url")(post),
    "posts.tag": lambda tag: import_string("forum.questions.addresses.tag_url")(tag),
    "accounts.user": lambda user: import_string("forum.questions.addresses.member_url")(user),
}
# A refused form says why (cookies blocked, page expired) and gives back the text typed.
CSRF_FAILURE_VIEW = "forum.core.views.csrf_failure"
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
# A Redis outage must not take the site down: the backend answers as an empty cache while
# Redis is unreachable (forum/core/resilient_cache.py), and the timeouts (seconds) keep an
# unreachable or stuck Redis from holding a request for long.
REDIS_URL = os.environ.get("REDIS_URL", "")


def default_cache_key_prefix(database: dict) -> str:
    """A key prefix naming the database the cache's contents were derived from.

    Everything in the cache (pages, their versions, rate-limit counts, the watch list) comes
    from or belongs to one database, so the database is what a deployment is: the app servers
    of one site share a database and must share their cached pages and limits (the two-server
    check relies on it), while two sites on one Redis database (staging beside production, two
    forums on one host) have different databases and must never see each other's pages. The
    SECRET_KEY is not mixed in: base.py does not know it (each environment module sets it) and
    it separates nothing the database does not already. Hashed, so no host or path is sent to
    Redis in every key.
    """
    identity = "|".join(
        str(database.get(part) or "") for part in ("ENGINE", "HOST", "PORT", "NAME")
    )
    return "forum-" + hashlib.sha256(identity.encode()).hexdigest()[:12]


# CACHE_KEY_PREFIX overrides the prefix: to share a cache between deployments on purpose (an
# empty value: no prefix), or to keep apart two that reach one database by different addresses.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX")
if CACHE_KEY_PREFIX is None:
    CACHE_KEY_PREFIX = default_cache_key_prefix(DATABASES["default"])
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "forum.core.resilient_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
            "KEY_PREFIX": CACHE_KEY_PREFIX,  # a CACHE_DIR may be shared too
        }
    }

# Bodies larger than this are refused with a form error; the thread page stays readable and
# Markdown rendering stays bounded.
FORUM_MAX_BODY_LENGTH = 30_000
FORUM_MAX_TITLE_LENGTH = 150
FORUM_QUESTIONS_PER_PAGE = 20
FORUM_POSTS_PER_PROFILE_PAGE = 20
FORUM_ANSWERS_PER_PAGE = 15
FORUM_TAGS_PER_PAGE = 60
FORUM_MEMBERS_PER_PAGE = 36
# Entries in each feed (newest questions, a tag's, a thread's replies): what a reader polling
# every hour or so needs, and a bounded render.
FORUM_FEED_ITEMS = 30
# How long an anonymous reader's page stays in the shared cache (0 turns the cache off). Pages
# are never stale: writes move the versions their keys name; this only bounds memory.
FORUM_PAGE_CACHE_SECONDS = int(os.environ.get("FORUM_PAGE_CACHE_SECONDS", "600"))
# How long a rendered post (forum/questions/fragments.py) stays in the shared cache, for every
# reader and member alike (0 renders every post on every request). Never stale either; it
# also bounds how old a "5 minutes ago" may grow.
FORUM_FRAGMENT_CACHE_SECONDS = int(
    os.environ.get("FORUM_FRAGMENT_CACHE_SECONDS", FORUM_PAGE_CACHE_SECONDS)
)
# Each process also keeps copies of the pages and posts it used lately, up to this many bytes
# of text, used under the same versions as the shared cache's (forum/core/copies.py).
FORUM_LOCAL_COPIES_BYTES = 32 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_4xx": {"()": "forum.core.logfilters.ClientErrorsInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # A 403 or 400 is logged in one line with its reason, without a traceback.
    "loggers": {"django.request": {"filters": ["one_line_4xx"]}},
}

# The forum's own rules: the filter's thresholds, trust and reputation, flags, voting rings,
# limits on every write, sign-up (forum/settings/community.py).
from .community import *  # noqa: E402, F403

# --- E-mail (sign-up confirmation, password resets) -----------------------------------------
# Printed to the console unless EMAIL_HOST names an SMTP server to send through.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    try:
        EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or 587)
    except ValueError:
        raise ImproperlyConfigured("EMAIL_PORT must be a port number, e.g. 587.") from None
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    # A stuck mail server must not hold a worker (and the member waiting) for long.
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "forum@localhost")
# How long a password reset link works (Django's default, stated here because the e-mail says it).
PASSWORD_RESET_TIMEOUT = 3 * 86400

# --- Rendering ------------------------------------------------------------------------------
# Hosts user images may come from besides this forum's own (relative URLs).
FORUM_IMAGE_HOSTS: list[str] = []

# --- Content-Security-Policy (django-csp) ----------------------------------------------------
# Nothing inline: scripts and styles come from our own static files. Bootstrap's CSS draws a
# few icons from data: URIs, which cannot call home.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Background jobs (Celery; forum/celery.py) ----------------------------------------------
# A broker from the environment: redis://host:6379/N or amqp://user:pass@host:5672//. Without
# one, tasks run eagerly in the process that asks for them (`make run`, the tests).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# No result backend: a task's outcome that anyone reads is written to the database (a
# moderation job's row), and a request never waits for one.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# A request that cannot reach the broker gives up in about a second and falls back
# (forum/core/jobs.py) instead of hanging: no publish retries, short connect timeouts.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = float(os.environ.get("CELERY_BROKER_TIMEOUT", "1"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": 5,
    "max_retries": 0,
}
# The worker itself keeps retrying when the broker goes away, and at start.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task is acknowledged after it ran: a worker killed mid-batch leaves the message for
# another (each batch commits with its progress, so a repeat never does a batch twice).
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# `celery -A forum beat`: the spam model's snapshot hourly (so new app servers start from it),
# a rescan when the filter's weights or thresholds changed, and jobs left queued (the broker
# was down when they were asked for) sent again.
CELERY_BEAT_SCHEDULE = {
    "save-spam-model": {"task": "forum.moderation.tasks.save_spam_model", "schedule": 3600},
    "rescan-after-filter-change": {
        "task": "forum.moderation.tasks.rescan_if_filter_changed",
        "schedule": 600,
    },
    "resume-queued-jobs": {"task": "forum.moderation.tasks.resume_queued_jobs", "schedule": 60},
}
# Posts a moderation job (a campaign, a large bulk action, a rescan) handles in one task and
# one transaction; bulk actions on at most this many posts run in the request, all or nothing.
FORUM_JOB_BATCH = 100

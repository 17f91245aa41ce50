"""E-mail goes to the console unless the environment names an SMTP server."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
         "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL"]  # fmt: skip


def _email_settings(**environment) -> dict:
    """The e-mail settings forum.settings.base computes in a fresh process."""
    env = {key: value for key, value in os.environ.items() if key not in NAMES}
    script = (
        "import json; from forum.settings import base; "
        f"print(json.dumps({{name: getattr(base, name, None) for name in {NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout)


def test_without_a_mail_server_e_mail_is_printed_to_the_console():
    found = _email_settings()
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_smtp_is_configured_from_the_environment_when_a_host_is_named():
    found = _email_settings(
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="forum",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="false",
        DEFAULT_FROM_EMAIL="Forum <forum@example.org>",
    )
    assert found == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "forum",
        "EMAIL_HOST_PASSWORD": "secret",
        "EMAIL_USE_TLS": False,
        "DEFAULT_FROM_EMAIL": "Forum <forum@example.org>",
    }


def test_smtp_defaults_to_the_submission_port_with_tls():
    found = _email_settings(EMAIL_HOST="smtp.example.org")
    assert (found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == (587, True)


def test_a_port_that_is_not_a_number_is_a_clear_configuration_error():
    with pytest.raises(RuntimeError, match="EMAIL_PORT must be a port number"):
        _email_settings(EMAIL_HOST="smtp.example.org", EMAIL_PORT="smtp")


def _cache_prefix(**environment) -> str:
    """The cache key prefix forum.settings.base computes in a fresh process."""
    env = {key: value for key, value in os.environ.items() if key != "CACHE_KEY_PREFIX"}
    result = subprocess.run(
        [sys.executable, "-c", "from forum.settings import base; print(base.CACHE_KEY_PREFIX)"],
        cwd=ROOT,
        env={**env, "REDIS_URL": "redis://127.0.0.1:6379/0", **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(result.stderr)
    return result.stdout.strip()


def test_two_deployments_on_different_databases_get_different_cache_key_prefixes():
    production = _cache_prefix(DATABASE_URL="postgres://forum@db.example.org:5432/forum")
    staging = _cache_prefix(DATABASE_URL="postgres://forum@db.example.org:5432/forum_staging")
    assert production != staging
    assert production == _cache_prefix(DATABASE_URL="postgres://forum@db.example.org:5432/forum")


def test_the_cache_key_prefix_can_be_set_from_the_environment():
    assert _cache_prefix(CACHE_KEY_PREFIX="site-a") == "site-a"

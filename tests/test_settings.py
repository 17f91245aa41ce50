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

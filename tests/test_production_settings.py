"""Production's proxy and cookie settings come from the environment; a proxy's headers are
believed only when TRUSTED_PROXIES names it."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["SECURE_PROXY_SSL_HEADER", "USE_X_FORWARDED_HOST", "SESSION_COOKIE_SECURE",
         "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "TRUSTED_PROXIES", "DATABASES"]  # fmt: skip
KEY = "k" * 60


def _production(**environment) -> tuple[dict | None, str]:
    """The settings forum.settings.production computes in a fresh process, or its error."""
    env = {k: v for k, v in os.environ.items() if k not in NAMES}
    script = (
        "import json; from forum.settings import production as s; "
        f"print(json.dumps({{name: getattr(s, name, None) for name in {NAMES!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "SECRET_KEY": KEY, **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        return None, result.stderr
    return json.loads(result.stdout), ""


def test_without_trusted_proxies_no_forwarded_header_is_believed():
    found, _ = _production(TRUSTED_PROXIES="")
    assert found["SECURE_PROXY_SSL_HEADER"] is None
    assert found["USE_X_FORWARDED_HOST"] is False


def test_with_trusted_proxies_their_https_header_is_believed():
    found, _ = _production(TRUSTED_PROXIES="10.0.0.0/8, 2001:db8::/32")
    assert found["TRUSTED_PROXIES"] == ["10.0.0.0/8", "2001:db8::/32"]
    assert found["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert found["USE_X_FORWARDED_HOST"] is False


def test_cookies_are_secure_and_hsts_on_by_default():
    found, _ = _production()
    assert (found["SESSION_COOKIE_SECURE"], found["CSRF_COOKIE_SECURE"]) == (True, True)
    assert found["SECURE_HSTS_SECONDS"] == 31_536_000


def test_a_mistyped_trusted_proxy_stops_the_start_with_a_clear_message():
    found, error = _production(TRUSTED_PROXIES="10.0.0.1, 10.0.0.300")
    assert found is None
    assert "TRUSTED_PROXIES: '10.0.0.300' is not an address or network" in error


def test_behind_pgbouncer_nothing_outlives_a_transaction_on_the_server():
    found, _ = _production(
        DATABASE_URL="postgres://forum@pgbouncer:6432/forum", PGBOUNCER_TRANSACTION_POOLING="1"
    )
    database = found["DATABASES"]["default"]
    assert database["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert database["OPTIONS"]["prepare_threshold"] is None


def test_without_pgbouncer_server_side_cursors_stay_on():
    found, _ = _production(DATABASE_URL="postgres://forum@db:5432/forum")
    assert found["DATABASES"]["default"].get("DISABLE_SERVER_SIDE_CURSORS", False) is False

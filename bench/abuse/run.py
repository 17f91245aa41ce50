"""Load-and-abuse run against the forum on this machine (loopback only, bounded in time).

Starts gunicorn with several workers on a fresh PostgreSQL database, then for a fixed time
runs readers, posters, voters, flaggers, a sign-up bot and a brute-force log-in bot (on the
forum's and the admin's log-in) against it. Prints requests per kind, how many were refused
with 429, how many failed with 5xx (must be 0), and checks that every post the server
acknowledged (a redirect to the new post) is in the database. Exit status 1 on any 5xx or
missing post.

    python bench/abuse/run.py --seconds 60          # the full run
    python bench/abuse/run.py --short               # CI: 20 seconds

Not a timed test: the figures depend on the machine; the promises (no 5xx, nothing lost,
limits answer 429) do not.
"""

import argparse
import collections
import http.cookiejar
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # never anything but loopback
MAX_REQUESTS = 50_000  # a hard bound whatever the duration

ANSWER = (
    "The Soviet armoured brigades had far more tanks and trucks on the river front, and their "
    "commanders used a double envelopment the Japanese infantry could not counter ({n})."
)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.requests = collections.Counter()
        self.refused = collections.Counter()
        self.errors = collections.Counter()
        self.failures: list[str] = []
        self.acknowledged: list[int] = []
        self.total = 0

    def record(self, kind: str, status: int, detail: str = "") -> None:
        with self.lock:
            self.total += 1
            self.requests[kind] += 1
            if status == 429:
                self.refused[kind] += 1
            if status >= 500 or status == 0:
                self.errors[kind] += 1
                self.failures.append(f"{kind} {status} {detail}"[:300])


class Visitor:
    """One browser: a cookie jar, no automatic redirects, CSRF token from the cookie."""

    def __init__(self, base: str, stats: Stats, session: str | None = None):
        self.base, self.stats = base, stats
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        if session:
            self.jar.set_cookie(_cookie("sessionid", session))

    def request(self, kind: str, path: str, data: dict | None = None):
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.csrf()}
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body)
        try:
            with self.opener.open(req, timeout=30) as response:
                status, location, text = response.status, "", response.read()
        except urllib.error.HTTPError as error:
            status, location, text = error.code, error.headers.get("Location", ""), b""
            error.read()
        except OSError as error:
            status, location, text = 0, "", str(error).encode()
        self.stats.record(kind, status, path)
        return status, location, text

    def csrf(self) -> str:
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value
        self.request("csrf", "/accounts/login/")
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")


def _cookie(name, value):
    return http.cookiejar.Cookie(
        0, name, value, None, False, HOST, False, False, "/", True, False, None, True, None,
        None, {},
    )  # fmt: skip


def reader(visitor, rng, question_ids, stop):
    while not stop.is_set():
        path = rng.choice(
            ["/", "/?sort=votes", f"/questions/{rng.choice(question_ids)}/", "/search/?q=soviet"]
        )
        visitor.request("read", path)


def poster(visitor, rng, question_ids, stop, stats):
    n = 0
    while not stop.is_set():
        n += 1
        qid = rng.choice(question_ids)
        status, location, _ = visitor.request(
            "answer", f"/questions/{qid}/answer/", {"body": ANSWER.format(n=f"{id(visitor)}-{n}")}
        )
        if status == 302 and (match := re.search(r"#answer-(\d+)$", location)):
            with stats.lock:
                stats.acknowledged.append(int(match.group(1)))
        if rng.random() < 0.3:
            visitor.request(
                "preview", f"/questions/{qid}/answer/", {"body": "x" * 50, "preview": 1}
            )


def voter(visitor, rng, post_ids, stop):
    while not stop.is_set():
        visitor.request(
            "vote", f"/posts/{rng.choice(post_ids)}/vote/", {"value": rng.choice(["up", "down"])}
        )


def flagger(visitor, rng, post_ids, stop):
    while not stop.is_set():
        visitor.request(
            "flag", f"/moderation/flag/{rng.choice(post_ids)}/", {"reason": "no_longer_needed"}
        )


def brute_force(visitor, rng, stop):
    n = 0
    while not stop.is_set():
        n += 1
        path = "/admin/login/" if n % 3 == 0 else "/accounts/login/"
        visitor.request("login", path, {"username": "moderator", "password": f"guess{n}"})


def signup_bot(visitor, rng, stop):
    n = 0
    while not stop.is_set():
        n += 1
        name = f"bot{rng.randrange(10**9)}"
        visitor.request(
            "signup",
            "/accounts/signup/",
            {
                "username": name,
                "password1": "pw-Aa1-long-enough",
                "password2": "pw-Aa1-long-enough",
            },
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--short", action="store_true", help="20 seconds, for CI")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8250)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "ABUSE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/forum_abuse_load"
        ),
    )
    args = parser.parse_args()
    seconds = 20 if args.short else args.seconds
    assert 8200 <= args.port <= 8299, "this machine's agreed port range"

    cache_dir = tempfile.mkdtemp(prefix="forum-abuse-cache-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": args.database_url,
        "ALLOWED_HOSTS": HOST,
        "CACHE_DIR": cache_dir,
        "REDIS_URL": "",
        "CONN_MAX_AGE": "60",
    }
    os.environ.update(env)
    _fresh_database(args.database_url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], check=True, cwd=ROOT, env=env)
    fixtures = sorted(str(p) for p in (ROOT / "fixtures").glob("*.json"))
    subprocess.run([*manage, "loaddata", *fixtures, "-v0"], check=True, cwd=ROOT, env=env)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    members, question_ids, post_ids = _prepare()

    # The server's warnings (one per 429) go to a file, not the report.
    server_log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (open while gunicorn runs)
        "w", prefix="forum-abuse-", suffix=".log", delete=False
    )
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "forum.wsgi:application",
            "--workers", str(args.workers), "--bind", f"{HOST}:{args.port}",
            "--timeout", "60", "--log-level", "warning",
        ],
        cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://{HOST}:{args.port}"
    print(f"server log: {server_log.name}")
    try:
        _wait_for(base)
        stats = _run(base, seconds, members, question_ids, post_ids)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return _report(stats, seconds, args.workers)


def _fresh_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    assert parts.hostname in ("127.0.0.1", "localhost"), "loopback only"
    admin = f"{parts.scheme}://{parts.netloc}/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def _prepare():
    """Members of a month's standing (so they may flag and vote down) logged in through the
    session store, and the posts to act on."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from forum.accounts.models import User
    from forum.posts.models import Kind, Post, Status

    sessions = []
    for n in range(12):
        user = User.objects.create_user(
            f"load{n}",
            password="unused-passphrase",
            date_joined=timezone.now() - timedelta(days=40),
            reputation=500,
        )
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        # The members' backend as the site names it (a session naming another is logged out).
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    User.objects.create_user("moderator", password="the-real-moderator-passphrase")
    visible = Post.objects.filter(status=Status.VISIBLE)
    question_ids = list(visible.filter(kind=Kind.QUESTION).values_list("pk", flat=True))
    post_ids = list(visible.exclude(kind=Kind.COMMENT).values_list("pk", flat=True))
    return sessions, question_ids, post_ids


def _wait_for(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def _run(base, seconds, sessions, question_ids, post_ids) -> Stats:
    stats, stop, rng = Stats(), threading.Event(), random.Random(12)
    roles = [
        (reader, (question_ids,)), (reader, (question_ids,)),
        (poster, (question_ids,)), (poster, (question_ids,)),
        (voter, (post_ids,)), (flagger, (post_ids,)),
        (brute_force, ()), (signup_bot, ()),
    ]  # fmt: skip
    threads = []
    for i, (role, extra) in enumerate(roles):
        session = sessions[i % len(sessions)] if role in (poster, voter, flagger) else None
        visitor = Visitor(base, stats, session)
        more = (stats,) if role is poster else ()
        thread = threading.Thread(
            target=role, args=(visitor, random.Random(rng.random()), *extra, stop, *more)
        )
        threads.append(thread)
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while time.monotonic() - started < seconds and stats.total < MAX_REQUESTS:
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    return stats


def _report(stats: Stats, seconds: float, workers: int) -> int:
    from forum.posts.models import Post

    stored = set(Post.objects.filter(pk__in=stats.acknowledged).values_list("pk", flat=True))
    missing = sorted(set(stats.acknowledged) - stored)
    print(f"load-and-abuse: {seconds:.0f} s, gunicorn {workers} workers, PostgreSQL")
    print(f"{'kind':<10}{'requests':>10}{'429':>8}{'5xx':>6}")
    for kind in sorted(stats.requests):
        print(
            f"{kind:<10}{stats.requests[kind]:>10}{stats.refused[kind]:>8}{stats.errors[kind]:>6}"
        )
    total_errors = sum(stats.errors.values())
    print(f"{'total':<10}{stats.total:>10}{sum(stats.refused.values()):>8}{total_errors:>6}")
    print(
        f"acknowledged posts: {len(stats.acknowledged)}, missing from the database: {len(missing)}"
    )
    for failure in stats.failures[:10]:
        print("  failure:", failure)
    if not stats.acknowledged:
        # A run in which no member could post proves nothing about losing posts.
        print("  failure: no post was acknowledged (the members could not post)")
        return 1
    return 1 if total_errors or missing else 0


if __name__ == "__main__":
    sys.exit(main())

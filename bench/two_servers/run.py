"""Two app servers behind HAProxy, as in production, on this machine (loopback only).

Starts two gunicorn servers (production settings, DEBUG off) on their own PostgreSQL database
with its streaming replica (.ci/replica.sh), HAProxy in front (round robin, `option
forwardfor`, X-Forwarded-Proto set as a TLS terminator would), a Celery worker, and two Redis
servers of its own (the cache on 6391, the broker on 6392) so that it may stop them freely.
Then it checks, printing each check with its counts:

- a log-in through one server works on the other;
- a moderator's decision on one server shows on the other at once;
- limits hold across both servers and per real client (clients on 127.0.0.2 and 127.0.0.3
  through the proxy, which the app trusts: TRUSTED_PROXIES=127.0.0.1);
- killing one server mid-load loses no acknowledged post;
- stopping Redis keeps pages at 200;
- stopping the broker keeps posting working.

Exit status 1 when a check fails.

    python bench/two_servers/run.py --short     # CI
    python bench/two_servers/run.py --seconds 30
"""

import argparse
import functools
import http.client
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.abuse import run as abuse  # noqa: E402 (the shared load helpers)

HOST = "127.0.0.1"
PROXY_PORT, SERVER_PORTS = 8260, (8261, 8262)  # this machine's agreed range: 8200-8299
CACHE_PORT, BROKER_PORT = 6391, 6392
CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"
PASSWORD = "two-servers-passphrase"
REPLICA = [str(ROOT / ".ci" / "replica.sh")]
REPLICA_PORT = 5433


# --- Clients --------------------------------------------------------------------------------


class _SendSecureCookies(http.cookiejar.DefaultCookiePolicy):
    """TLS ends at the proxy in production; here the hop is plain HTTP on loopback, so the
    Secure cookies the app sets must still be sent back."""

    def return_ok_secure(self, cookie, request):
        return True


class _FromAddress(urllib.request.HTTPHandler):
    """Connect from a given loopback address: a distinct client, as the proxy sees it."""

    def __init__(self, source: str):
        super().__init__()
        self.source = source

    def http_open(self, req):
        return self.do_open(
            functools.partial(http.client.HTTPConnection, source_address=(self.source, 0)), req
        )


class Client(abuse.Visitor):
    """abuse.Visitor from a chosen address, as a browser behind TLS sends its forms."""

    def __init__(self, base, stats, session=None, *, source=HOST):
        super().__init__(base, stats, session)
        self.source = source
        self.jar.set_policy(_SendSecureCookies())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), abuse.NoRedirect, _FromAddress(source)
        )
        # Django checks a secure request's Origin against its Host; the proxy passes both on.
        self.opener.addheaders = [
            ("X-Forwarded-Proto", "https"),
            ("Origin", base.replace("http://", "https://")),
            ("Referer", base.replace("http://", "https://") + "/"),
        ]

    def on(self, base: str) -> "Client":
        """The same browser (its cookies) talking to another server."""
        other = Client(base, self.stats, source=self.source)
        other.jar = self.jar
        for handler in other.opener.handlers:
            if isinstance(handler, urllib.request.HTTPCookieProcessor):
                handler.cookiejar = self.jar
        return other

    def log_in(self, username: str, password: str = PASSWORD) -> int:
        self.request("page", "/accounts/login/")
        status, _, _ = self.request(
            "login", "/accounts/login/", {"username": username, "password": password}
        )
        return status


# --- Processes ------------------------------------------------------------------------------


class Site:
    """Everything the run starts, and how to stop and start each part again."""

    def __init__(self, workdir: Path, env: dict, workers: int):
        self.workdir, self.env, self.workers = workdir, env, workers
        self.servers: dict[int, subprocess.Popen] = {}
        self.redis: dict[int, subprocess.Popen] = {}
        self.others: list[subprocess.Popen] = []

    def _log(self, name: str):
        return open(self.workdir / f"{name}.log", "ab")

    def start_redis(self, port: int) -> None:
        self.redis[port] = subprocess.Popen(
            ["redis-server", "--bind", HOST, "--port", str(port), "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=self._log(f"redis-{port}"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(50):
            if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout:
                return
            time.sleep(0.1)
        raise SystemExit(f"redis-server on {port} did not start")

    def stop_redis(self, port: int) -> None:
        self.redis[port].terminate()
        self.redis[port].wait(timeout=10)

    def start_servers(self, *ports: int) -> None:
        for port in ports:
            self._start_server(port)
        for port in ports:
            abuse._wait_for(f"http://{HOST}:{port}")

    def _start_server(self, port: int) -> None:
        self.servers[port] = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "forum.wsgi:application",
             "--workers", str(self.workers), "--bind", f"{HOST}:{port}",
             "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=self._log(f"server-{port}"),
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def kill_server(self, port: int) -> None:
        """As a machine dies: no graceful shutdown for the master or its workers."""
        os.killpg(self.servers[port].pid, signal.SIGKILL)
        self.servers[port].wait(timeout=10)

    def start_worker(self) -> bool:
        if not (ROOT / "forum" / "celery.py").exists():
            return False
        self.others.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "forum",
                    "worker",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "warning",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=self._log("worker"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
        return True

    def start_proxy(self) -> None:
        config = self.workdir / "haproxy.cfg"
        servers = "\n".join(
            f"    server s{n} {HOST}:{port} check inter 500 fall 2 rise 2"
            for n, port in enumerate(SERVER_PORTS, 1)
        )
        config.write_text(
            f"""global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A busy server answers its health check late, not never: only a dead one is taken out.
    timeout check 5s
    option forwardfor
    option redispatch
    retries 3
frontend site
    bind {HOST}:{PROXY_PORT}
    http-request set-header X-Forwarded-Proto https
    default_backend app
backend app
    balance roundrobin
    # /healthz fails only when a server cannot reach its database (a Redis outage is survived).
    option httpchk
    http-check send meth GET uri /healthz hdr Host {HOST}
    http-check expect status 200
    http-response set-header X-Server %s
{servers}
"""
        )
        self.others.append(
            subprocess.Popen(
                ["haproxy", "-db", "-f", str(config)],
                stdout=self._log("haproxy"),
                stderr=subprocess.STDOUT,
            )
        )
        abuse._wait_for(f"http://{HOST}:{PROXY_PORT}")

    def stop(self) -> None:
        for process in [*self.others, *self.redis.values()]:
            if process.poll() is None:
                process.terminate()
        for process in self.servers.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.others, *self.redis.values(), *self.servers.values()]:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


# --- Checks ---------------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.failed: list[str] = []

    def check(self, name: str, ok: bool, counts: str) -> None:
        print(f"[{'ok' if ok else 'FAILED'}] {name}: {counts}", flush=True)
        if not ok:
            self.failed.append(name)

    def not_checked(self, name: str, why: str) -> None:
        print(f"[not checked] {name}: {why}", flush=True)


def _server(port: int) -> str:
    return f"http://{HOST}:{port}"


PROXY = _server(PROXY_PORT)


def check_log_in_across_servers(report, members):
    stats, worked = abuse.Stats(), 0
    for n, member in enumerate(members):
        first, second = SERVER_PORTS[n % 2], SERVER_PORTS[(n + 1) % 2]
        client = Client(_server(first), stats)
        logged_in = client.log_in(member) == 302
        status, _, page = client.on(_server(second)).request("settings", "/accounts/settings/")
        worked += logged_in and status == 200 and member.encode() in page
    report.check(
        "a log-in through one server works on the other",
        worked == len(members),
        f"{worked}/{len(members)} members logged in on one server and recognised on the other",
    )


def check_moderation_across_servers(report, moderator, answers):
    stats = abuse.Stats()
    mod = Client(_server(SERVER_PORTS[0]), stats)
    assert mod.log_in(moderator) == 302
    mod_elsewhere = mod.on(_server(SERVER_PORTS[1]))
    reader = Client(_server(SERVER_PORTS[1]), stats)  # anonymous: served from the page cache
    seen, total = 0, 0
    for answer_id, thread_url, anchor in answers:
        for decisions, (action, shown) in enumerate((("hide", False), ("restore", True)), 1):
            reader.request("read", thread_url)  # cached before the decision
            status, _, _ = mod.request("act", "/moderation/act/", {"act": f"{action} {answer_id}"})
            _, _, anonymous = reader.request("read", thread_url)
            _, _, log = mod_elsewhere.request("read", "/moderation/log/")
            total += 1
            seen += (
                status == 302
                and (anchor.encode() in anonymous) == shown
                and log.count(f"answer {answer_id}</a>".encode()) == decisions
            )
    report.check(
        "a moderator's decision on one server shows on the other at once",
        seen == total,
        f"{seen}/{total} hide/restore decisions seen at once by a reader and in the log "
        "on the other server",
    )


def check_limits_per_client(report, env, members):
    """Sign-ups (5 an hour per address) and log-in lock-outs (5 wrong passwords), counted in
    the shared cache and database whichever server answers, per client behind the proxy."""
    from forum.accounts.forms import signup_started_token

    stats = abuse.Stats()
    rate = 5
    servers_seen: dict[str, set] = {CLIENT_A: set(), CLIENT_B: set()}

    def sign_up(client, n):
        request_started = signup_started_token(time.time() - 10)
        status, _, _ = client.request(
            "signup", "/accounts/signup/",
            {"username": f"two-{client.source.replace('.', '-')}-{n}-{secrets.token_hex(3)}",
             "password1": "pw-Aa1-long-enough-x", "password2": "pw-Aa1-long-enough-x",
             "started": request_started},
        )  # fmt: skip
        return status

    a, b = Client(PROXY, stats, source=CLIENT_A), Client(PROXY, stats, source=CLIENT_B)
    a_statuses = [sign_up(a, n) for n in range(rate + 2)]
    b_statuses = [sign_up(b, n) for n in range(2)]
    a_ok = sum(s == 302 for s in a_statuses)
    a_refused = sum(s == 429 for s in a_statuses)
    b_ok = sum(s == 302 for s in b_statuses)
    report.check(
        "the sign-up limit holds across both servers, per client",
        a_ok == rate and a_refused == 2 and b_ok == 2,
        f"client {CLIENT_A}: {a_ok} signed up, {a_refused} refused (429) of {len(a_statuses)}; "
        f"client {CLIENT_B}: {b_ok} signed up of {len(b_statuses)}",
    )
    # Which servers answered: round robin sends alternate requests to each.
    for client in (a, b):
        for _ in range(4):
            with client.opener.open(PROXY + "/accounts/login/", timeout=10) as response:
                servers_seen[client.source].add(response.headers.get("X-Server"))
    both = all(len(seen) == 2 for seen in servers_seen.values())
    report.check(
        "each client's requests reach both servers",
        both,
        ", ".join(f"{source}: {sorted(seen)}" for source, seen in servers_seen.items()),
    )

    c, d = Client(PROXY, stats, source=CLIENT_A), Client(PROXY, stats, source=CLIENT_B)
    wrong = [c.log_in(f"nobody-{n}", "wrong-password") for n in range(5)]
    locked = c.log_in(members[0])
    other = d.log_in(members[1])
    report.check(
        "five wrong passwords lock out that client only",
        locked == 429 and other == 302,
        f"{CLIENT_A}: {len(wrong)} wrong passwords ({wrong.count(429)} answered 429), "
        f"then its right password answered {locked}; {CLIENT_B}'s log-in answered {other}",
    )


def check_kill_mid_load(report, site, sessions, question_ids, seconds):
    stats, stop = abuse.Stats(), threading.Event()
    import random

    threads = []
    for n, session in enumerate(sessions):
        visitor = Client(PROXY, stats, session, source=f"127.0.1.{n + 1}")
        threads.append(
            threading.Thread(
                target=abuse.poster,
                args=(visitor, random.Random(n), question_ids, stop, stats),
            )
        )
    for thread in threads:
        thread.start()
    # Kill once a few posts went through (or half the time passed): each account's hourly post
    # limit runs out within seconds on a quiet machine, after which none could be acknowledged
    # after the kill and the check would prove nothing about the surviving server.
    deadline = time.monotonic() + seconds / 2
    while time.monotonic() < deadline and len(stats.acknowledged) < 2 * len(sessions):
        time.sleep(0.05)
    before_kill = len(stats.acknowledged)
    site.kill_server(SERVER_PORTS[1])
    time.sleep(seconds / 2)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    from forum.posts.models import Post

    stored = set(Post.objects.filter(pk__in=stats.acknowledged).values_list("pk", flat=True))
    missing = len(set(stats.acknowledged) - stored)
    failed = sum(stats.errors.values())
    report.check(
        "killing one server mid-load loses no acknowledged post",
        missing == 0 and len(stats.acknowledged) > before_kill > 0,
        f"{len(stats.acknowledged)} posts acknowledged ({before_kill} before the kill), "
        f"{missing} missing from the database; {stats.total} requests, {failed} failed "
        f"(5xx or dropped connection) around the kill, {sum(stats.refused.values())} refused (429)",
    )
    site.start_servers(SERVER_PORTS[1])


def check_redis_down(report, site, session, question_ids, thread_url):
    stats = abuse.Stats()
    member = Client(PROXY, stats, session, source="127.0.2.1")
    reader = Client(PROXY, stats, source="127.0.2.2")
    site.stop_redis(CACHE_PORT)
    try:
        pages = ["/", thread_url, "/tags/", "/users/", "/search/?q=soviet"]
        statuses = [
            client.request("read", page)[0] for page in pages for client in (reader, member)
        ]
        statuses += [reader.request("read", pages[1])[0] for _ in range(6)]
        status, _, _ = member.request(
            "answer", f"/questions/{question_ids[0]}/answer/",
            {"body": abuse.ANSWER.format(n="while the cache is down")},
        )  # fmt: skip
    finally:
        site.start_redis(CACHE_PORT)
    ok = statuses.count(200)
    report.check(
        "stopping Redis keeps pages at 200",
        ok == len(statuses) and status == 302,
        f"{ok}/{len(statuses)} page requests answered 200 (anonymous and member, both servers); "
        f"an answer posted meanwhile answered {status}",
    )


def check_broker_down(report, site, sessions, question_ids):
    stats = abuse.Stats()
    site.stop_redis(BROKER_PORT)
    acknowledged = []
    try:
        for n, session in enumerate(sessions):
            member = Client(PROXY, stats, session, source=f"127.0.3.{n + 1}")
            for k in range(2):
                status, location, _ = member.request(
                    "answer", f"/questions/{question_ids[(n + k) % len(question_ids)]}/answer/",
                    {"body": abuse.ANSWER.format(n=f"broker down {n}.{k}")},
                )  # fmt: skip
                if status == 302 and (match := re.search(r"#answer-(\d+)$", location)):
                    acknowledged.append(int(match.group(1)))
    finally:
        site.start_redis(BROKER_PORT)
    from forum.posts.models import Post

    stored = Post.objects.filter(pk__in=acknowledged).count()
    tries = 2 * len(sessions)
    report.check(
        "stopping the broker keeps posting working",
        len(acknowledged) == tries and stored == tries,
        f"{len(acknowledged)}/{tries} answers acknowledged with the broker stopped, "
        f"{stored} in the database; {sum(stats.errors.values())} failed",
    )


def check_worker_runs_jobs(report, site, email):
    """A password-reset e-mail is a job: the worker, not the server, sends it (to its log)."""
    stats = abuse.Stats()
    client = Client(PROXY, stats, source="127.0.4.1")
    client.request("page", "/accounts/password/reset/")
    status, _, _ = client.request("reset", "/accounts/password/reset/", {"email": email})
    log = site.workdir / "worker.log"
    sent = False
    for _ in range(100):
        if email.encode() in log.read_bytes():
            sent = True
            break
        time.sleep(0.1)
    report.check(
        "the Celery worker runs the jobs the servers queue",
        status == 302 and sent,
        f"password reset answered {status}; its e-mail {'sent' if sent else 'not sent'} "
        "by the worker within 10 s",
    )


def replica_transactions(database: str) -> int:
    import psycopg

    with psycopg.connect(f"postgresql://postgres@{HOST}:{REPLICA_PORT}/postgres") as db:
        row = db.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s",
            [database],
        ).fetchone()
    return int(row[0]) if row else 0


def check_replica_read(report, database: str, before: int):
    after = replica_transactions(database)
    report.check(
        "the servers read from the replica",
        after > before,
        f"{after - before} transactions on the replica during the checks",
    )


# --- The run --------------------------------------------------------------------------------


def _wait_replica_has(database: str) -> None:
    import psycopg

    for _ in range(100):
        try:
            with psycopg.connect(
                f"postgresql://postgres@{HOST}:{REPLICA_PORT}/{database}", connect_timeout=2
            ) as db:
                if db.execute("SELECT to_regclass('posts_post') IS NOT NULL").fetchone()[0]:
                    return
        except psycopg.OperationalError:
            pass
        time.sleep(0.2)
    raise SystemExit("the replica did not receive the database")


def _prepare_people():
    """Members with a password (log-ins), and a moderator."""
    from datetime import timedelta

    from django.utils import timezone

    from forum.accounts.models import User
    from forum.posts.models import Kind, Post, Status

    names = [f"two-member-{n}" for n in range(4)]
    for name in names:
        User.objects.create_user(
            name,
            email=f"{name}@example.org",
            password=PASSWORD,
            date_joined=timezone.now() - timedelta(days=40),
        )
    User.objects.create_superuser("two-moderator", "mod@example.org", PASSWORD)
    answers = [
        (post.pk, post.thread.get_absolute_url(), f'id="{post.anchor}"')
        for post in Post.objects.filter(kind=Kind.ANSWER, status=Status.VISIBLE).order_by("pk")[:2]
    ]
    thread_url = Post.objects.filter(kind=Kind.QUESTION).order_by("pk")[0].get_absolute_url()
    return names, "two-moderator", answers, thread_url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="CI: 12 seconds of load")
    parser.add_argument("--seconds", type=float, default=30, help="load around the kill")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument(
        "--database",
        default=os.environ.get("TWO_SERVERS_DATABASE", "forum_two_servers"),
        help="the PostgreSQL database (dropped and made afresh on 127.0.0.1:5432)",
    )
    args = parser.parse_args()
    seconds = 12 if args.short else args.seconds
    for tool in ("haproxy", "redis-server", "redis-cli"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is missing (Debian package haproxy / redis-server)")

    started = time.monotonic()
    replica_was_running = subprocess.run([*REPLICA, "status"]).returncode == 0
    subprocess.run([*REPLICA, "start"], check=True, stdout=subprocess.DEVNULL)
    workdir = Path(tempfile.mkdtemp(prefix="forum-two-servers-"))
    primary = f"postgres://postgres@{HOST}:5432/{args.database}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "forum.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": primary,
        "DATABASE_REPLICA_URL": f"postgres://postgres@{HOST}:{REPLICA_PORT}/{args.database}",
        "REDIS_URL": f"redis://{HOST}:{CACHE_PORT}/0",
        "CELERY_BROKER_URL": f"redis://{HOST}:{BROKER_PORT}/0",
        "TRUSTED_PROXIES": HOST,
        # TLS ends in front of HAProxy, which says so (X-Forwarded-Proto); the servers'
        # own plain-HTTP port (start-up polling) is not redirected.
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "60",
    }
    os.environ.update({**env, "DATABASE_REPLICA_URL": ""})  # this process reads the primary
    abuse._fresh_database(primary)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command(
        "loaddata", *sorted(str(p) for p in (ROOT / "fixtures").glob("*.json")), verbosity=0
    )
    call_command("collectstatic", interactive=False, verbosity=0)
    _wait_replica_has(args.database)
    # One hash per distinct password: production's hasher is slow on purpose.
    import django.contrib.auth.base_user
    import django.contrib.auth.models

    fast = functools.lru_cache(django.contrib.auth.models.make_password)
    django.contrib.auth.base_user.make_password = django.contrib.auth.models.make_password = fast
    sessions, question_ids, _post_ids = abuse._prepare()
    members, moderator, answers, thread_url = _prepare_people()

    site = Site(workdir, env, args.workers)
    report = Report()
    print(f"two servers: logs in {workdir}", flush=True)
    try:
        site.start_redis(CACHE_PORT)
        site.start_redis(BROKER_PORT)
        worker = site.start_worker()
        site.start_servers(*SERVER_PORTS)
        site.start_proxy()
        print(f"started in {time.monotonic() - started:.0f} s", flush=True)

        replica_before = replica_transactions(args.database)
        check_log_in_across_servers(report, members)
        check_moderation_across_servers(report, moderator, answers)
        check_limits_per_client(report, env, members)
        check_kill_mid_load(report, site, sessions[:6], question_ids, seconds)
        check_redis_down(report, site, sessions[6], question_ids, thread_url)
        if worker:
            check_worker_runs_jobs(report, site, f"{members[3]}@example.org")
            check_broker_down(report, site, sessions[7:10], question_ids)
        else:
            for name in (
                "the Celery worker runs jobs",
                "stopping the broker keeps posting working",
            ):
                report.not_checked(name, "no Celery app (forum/celery.py)")
        check_replica_read(report, args.database, replica_before)
    finally:
        site.stop()
        if not replica_was_running:
            subprocess.run([*REPLICA, "stop"], check=False, stdout=subprocess.DEVNULL)
    print(
        f"two servers: {len(report.failed)} check(s) failed, {time.monotonic() - started:.0f} s",
        flush=True,
    )
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())

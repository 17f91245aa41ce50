"""Benchmark the forum as readers and members meet it: gunicorn with production settings and
Redis on loopback, driven by wrk, every figure also as a ratio of a bare Django view served by
the same server, run straight before it in every round.

    python bench/run.py                    # small: 10k posts on SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forum_bench \\
        python bench/run.py --posts 1000000   # large: PostgreSQL, generated once, then reused
    python bench/run.py --quick            # about a minute, for CI: 2k posts, 1 s per run
                                           # (the run must only work)
    make bench-site                        # 1 M posts on PostgreSQL, README's table rewritten

Redis as in production: the run starts its own redis-server (127.0.0.1, --port 6393 or
BENCH_REDIS_PORT, no persistence, bounded memory), gives gunicorn its REDIS_URL, and stops it
at the end; --quick falls back to the file cache, and says so, where redis-server is missing.

Rows (every one in --rounds rounds, at least three, each the bare view then the row; medians
with the range of the ratios):
- cached (page cache on, every URL warmed first): the thread page rotating over 200 threads,
  the list over its first 20 pages, tag pages over the 50 busiest tags, at -c16 (p99 there);
- a miss (page cache off): the thread page and the list, rotating the same way; a member's
  thread page (logged in, so never cached); search over bench/search_queries.py's fixed
  queries, rare to common, one at a time (-c1), each query's own p50 listed too; posting an
  answer one at a time (-c1), as eight established members with a record (as most posts on
  a forum are; those whose latest post is oldest, so each run posts as others and a
  member's own history, which each of their posts reads, stays ordinary:
  `_poster_sessions`) into the newest question, the same thread every run: the run's
  answers are near-copies of one another, and a post's echo count reads its copies in
  other threads, not those in its own, so a thread of its own per run would make each run
  read every earlier run's copies. Spam filter, rate limits' checks, watch list and
  fingerprints all run as for anyone; posting this fast, the members' answers are held once
  the filter sees the burst. A member's thread page is still a new member's (bench0).
SQL is counted per whole request (session, user, everything, on every database alias), on a
miss, in-process through the full middleware stack. Each row is printed with the done-when
target it answers to (issue 20), met or missed. With --readme the table replaces the part of
that file between `<!-- bench:start -->` and `<!-- bench:end -->`, refused unless HEAD is main
and the work tree clean (--not-from-main writes it marked as such). Bounded: every wrk run
lasts --seconds, and only 127.0.0.1 is contacted.
"""

import argparse
import contextlib
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_queries import QUERIES  # noqa: E402

PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8150"))
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "6393"))
BASE = f"http://127.0.0.1:{PORT}"
BARE = "/bench/bare/"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
THREADS, LIST_PAGES, TAGS = 200, 20, 50


@dataclass
class Row:
    name: str
    paths: list[str]
    connections: int | None = None  # None: --connections
    headers: list[str] = field(default_factory=list)
    script: str | None = None  # a wrk script of its own (posting); else paths rotate
    target: str = ""  # key into TARGETS
    sql: tuple | None = None  # (queries low, high, SQL ms median) on a miss


# Issue 20's done-when, row by row: (ratio to bare at least, p99 under, p50 under, SQL at most).
TARGETS = {
    "cached": {"ratio": 70, "p99": 20},
    "miss": {"ratio": 20},
    "member": {"ratio": 15},
    "search": {"p99": 50},
    "posting": {"p50": 15, "sql": 8},
}


def _environment(args, static_root: str, redis_url: str | None = None) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        BENCH_STATIC_ROOT=static_root,
        DATABASE_URL=args.database_url,
        CONN_MAX_AGE="600",
        PYTHONPATH=str(ROOT),
    )
    if redis_url is not None:  # bench/cpu.py passes the environment's own
        env["REDIS_URL"] = redis_url
    return env


def _start_redis(workdir: Path, *, required: bool):
    """A redis-server of the run's own, as production runs it (a shared cache with bounded
    memory, evicting what can be rebuilt); never one already on the port, whose data is not
    ours. Returns (process, url), or (None, "") for the file cache when --quick has none."""
    if not shutil.which("redis-server"):
        if required:
            raise SystemExit("redis-server is needed (apt-get install redis-server)")
        print("note: no redis-server here: the page cache is the file cache, not Redis")
        return None, ""
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", REDIS_PORT), 1):
        raise SystemExit(
            f"port {REDIS_PORT} is taken: the benchmark starts a Redis of its own "
            "(BENCH_REDIS_PORT names another port)"
        )
    process = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "",
         "--appendonly", "no", "--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    for _ in range(50):
        try:
            with socket.create_connection(("127.0.0.1", REDIS_PORT), 1) as connection:
                connection.sendall(b"PING\r\n")
                if connection.recv(16).startswith(b"+PONG"):
                    return process, f"redis://127.0.0.1:{REDIS_PORT}/0"
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("redis-server did not start")


def _manage(env, *command):
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def _setup_django(env):
    os.environ.update(env)
    import django

    django.setup()


# How the benchmark's own answers begin (bench/post_answer.lua's, and `_count_sql`'s): the
# established members it posts as also wrote generated posts, so its answers are told by text.
BENCH_BODIES = (
    "The Soviet armour crossed the river near the bridge at night number ",
    "Counting one post's statements, ",
)


def _benchmark_answers():
    from django.db.models import Q

    return Q(kind="answer") & (
        Q(body__startswith=BENCH_BODIES[0]) | Q(body__startswith=BENCH_BODIES[1])
    )


def _ensure_forum(env, posts: int) -> int:
    """Generate the forum into an empty database; reuse one whose generated posts (those not
    written by the benchmark: its new members' posts, and its answers) number what was
    asked. Returns the posts."""
    from forum.posts.models import Post

    if not Post.objects.exists():
        started = time.monotonic()
        _manage(env, "generate_forum", "--posts", str(posts))
        print(f"generated in {time.monotonic() - started:.0f} s")
    generated = (
        Post.objects.exclude(author__username__startswith="bench")
        .exclude(_benchmark_answers())
        .count()
    )
    # generate_forum finishes the thread it is writing, so it overshoots by a few posts.
    if not posts <= generated <= posts + 1_000:
        raise SystemExit(
            f"the database holds {generated:,} generated posts, not {posts:,}: "
            "give --posts that number, or an empty database"
        )
    return Post.objects.count()


def _targets():
    """One URL of each kind, for bench/cpu.py: a typical thread, the biggest, the busiest
    tag, a search that matches a few percent of posts; and a thread to post into."""
    from django.db.models import Count

    from forum.posts.models import Kind, Post, Status, Tag

    questions = Post.objects.filter(kind=Kind.QUESTION, status=Status.VISIBLE)
    big = questions.order_by("-answer_count", "pk").first()
    typical = questions.filter(answer_count=3).exclude(pk=big.pk).order_by("pk").first()
    busiest = Tag.objects.annotate(n=Count("questions")).order_by("-n").first()
    writable = questions.exclude(pk__in=[big.pk, typical.pk]).order_by("-pk").first()
    return {
        "bare view": BARE,
        "thread page": typical.get_absolute_url(),
        "200-answer thread": big.get_absolute_url(),
        "list": "/",
        "deep list (page 100)": "/?page=100",
        "tag page": busiest.get_absolute_url(),
        "search": "/search/?q=zhukov+crossing",
    }, writable


def _rotations():
    """Paths to measure, chosen from the data: threads of a typical size spread over the
    whole id range, the list's first pages, the busiest tags; and a thread to post into,
    kept out of the rotation."""
    from django.db.models import Count

    from forum.posts.models import Kind, Post, Status, Tag

    questions = Post.objects.filter(kind=Kind.QUESTION, status=Status.VISIBLE)
    big = questions.order_by("-answer_count", "pk").first()
    writable = questions.exclude(pk=big.pk).order_by("-pk").first()
    ids = list(
        questions.filter(answer_count__range=(1, 8))
        .exclude(pk__in=[big.pk, writable.pk])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = ids[:: max(1, len(ids) // THREADS)][:THREADS]
    threads = [post.get_absolute_url() for post in questions.filter(pk__in=chosen).order_by("pk")]
    tags = Tag.objects.annotate(n=Count("questions")).order_by("-n", "pk")[:TAGS]
    return {
        "threads": threads,
        "lists": ["/"] + [f"/?page={n}" for n in range(2, LIST_PAGES + 1)],
        "tags": [tag.get_absolute_url() for tag in tags],
        "searches": [f"/search/?{urllib.parse.urlencode({'q': q})}" for q in QUERIES],
        "writable": writable,
    }


def _poster_sessions(count: int):
    """Sessions for the members who post answers in the run: established members with a
    record, as most posts on a forum come from (an account older than the record's age,
    at least ten published posts, none removed as spam), those whose latest post is oldest
    first, so each run posts as members it has not posted as before (a member's own history,
    which every post of theirs reads, stays ordinary). Where the data has too few (a small
    generated forum), new members bench0, bench1 … fill in. Their posts pass the same spam
    filter, rate limits' checks and fingerprints as anyone's; posting as fast as the run
    does, they are held once the filter sees the burst. Returns the sessions and the first
    member (whose posts `_count_sql` counts)."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Max, Q
    from django.utils import timezone

    from forum.posts.models import Post, Status

    joined = timezone.now() - timedelta(days=settings.FORUM_MEMBER_RECORD["min_account_days"] + 1)
    established = list(
        Post.objects.filter(author__date_joined__lt=joined, author__is_active=True)
        .order_by()
        .values("author_id")
        .annotate(
            approved=Count("pk", filter=Q(status=Status.VISIBLE)),
            removed=Count("pk", filter=Q(status=Status.SPAM)),
            latest=Max("created_at"),
        )
        .filter(approved__gte=10, removed=0)
        .order_by("latest", "author_id")
        .values_list("author_id", flat=True)[:count]
    )
    sessions = _member_sessions(count, ids=established)
    User = get_user_model()
    first = (
        User.objects.get(pk=established[0]) if established else User.objects.get(username="bench0")
    )
    return sessions, first


def _member_sessions(count: int, *, ids=()):
    """Logged-in sessions (cookie header, CSRF token): the members `ids`, then new members
    bench0, bench1 … (no record) up to `count`."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    User = get_user_model()
    order = {pk: n for n, pk in enumerate(ids)}
    users = sorted(User.objects.filter(pk__in=ids), key=lambda user: order[user.pk])
    for n in range(count - len(users)):
        users.append(User.objects.get_or_create(username=f"bench{n}")[0])
    sessions = []
    for user in users:
        client = Client()
        client.force_login(user)
        token = secrets.token_hex(16)  # an unmasked CSRF secret works as cookie and field
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}; "
            f"{settings.CSRF_COOKIE_NAME}={token}"
        )
        sessions.append((cookie, token))
    return sessions


@contextlib.contextmanager
def _every_query():
    """Every statement any database alias runs inside the block."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    with contextlib.ExitStack() as stack:
        contexts = [stack.enter_context(CaptureQueriesContext(c)) for c in connections.all()]
        yield contexts


def _count_sql(rows: list[Row], writable, poster) -> None:
    """Each row's statements for one whole request through the full middleware stack, on a
    miss (page cache off): the session, the user and everything the view and its templates
    run: every statement Django logs, BEGIN and COMMIT included. Up to five of the row's
    paths (every query for search; three posts, as `poster`), after one request not counted;
    fills row.sql. BENCH_SHOW_SQL=1 prints the statements."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import override_settings

    anonymous = Client()
    member = Client()
    member.force_login(get_user_model().objects.get(username="bench0"))
    posting = Client()
    posting.force_login(poster)

    def request(row, n):
        if row.target == "posting":
            body = f"Counting one post's statements, {n} {secrets.token_hex(4)}, by the river."
            return posting.post(f"/questions/{writable.pk}/answer/", {"body": body})
        client = member if row.target == "member" else anonymous
        return client.get(row.paths[n % len(row.paths)])

    with override_settings(FORUM_PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]):
        for row in rows:
            # One request first, not counted: what a process reads once and keeps (the spam
            # model, the watch list) is not a cost of every request.
            request(row, -1)
            runs = []
            counted = min(5, len(row.paths))
            if row.target in ("posting", "search"):
                counted = 3 if row.target == "posting" else len(row.paths)
            for n in range(counted):
                with _every_query() as contexts:
                    response = request(row, n)
                if response.status_code >= 400:
                    raise SystemExit(f"{row.name}: {response.status_code} while counting SQL")
                queries = [q for context in contexts for q in context.captured_queries]
                if os.environ.get("BENCH_SHOW_SQL"):
                    print(f"-- {row.name}: {len(queries)} statements", file=sys.stderr)
                    for query in queries:
                        print(f"   {query['sql'][:160]}", file=sys.stderr)
                runs.append((len(queries), 1000 * sum(float(q["time"]) for q in queries)))
            counts = [count for count, _ in runs]
            row.sql = (min(counts), max(counts), statistics.median(ms for _, ms in runs))


def _scripts(rows: list[Row], workdir: Path, sessions, writable) -> None:
    """A wrk script per row: posting as the members in turn, or the row's paths in turn."""
    for n, row in enumerate(rows):
        path = workdir / f"row{n}.lua"
        if row.target == "posting":
            entries = ", ".join(f'{{cookie="{c}", token="{t}"}}' for c, t in sessions)
            path.write_text(
                f'sessions = {{{entries}}}\npath = "/questions/{writable.pk}/answer/"\n'
                + (ROOT / "bench" / "post_answer.lua").read_text()
            )
        else:
            listed = ", ".join(f'"{p}"' for p in row.paths)
            path.write_text(f"paths = {{{listed}}}\n" + (ROOT / "bench" / "rotate.lua").read_text())
        row.script = str(path)


def _serve(env, cache_seconds: int):
    # Rendered posts stay shared in both: with the page cache off, a thread page is a page
    # miss as after an eviction or for another page of the thread, its posts still cached
    # (a write to the thread makes its posts miss too: see README).
    server_env = dict(
        env, FORUM_PAGE_CACHE_SECONDS=str(cache_seconds), FORUM_FRAGMENT_CACHE_SECONDS="600"
    )
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "forum.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=server_env, start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}{BARE}", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def _stop(process):
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def _get(path, headers=None):
    request = urllib.request.Request(f"{BASE}{path}", headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()


def _warm(paths, headers=None):
    """Every path once (two at a time, one per worker): the cache filled, the database's
    pages read in, each worker's imports and templates loaded."""
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda path: _get(path, headers), paths))


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(path, args, *, script=None, headers=(), connections=None):
    connections = connections or args.connections
    threads = min(2, connections)
    # Requests the last run left queued in front of the workers are served first: wait for
    # them, or this run would time the previous row's backlog.
    _get(BARE)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{args.seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, f"{BASE}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if not rps:
        if path == BARE:  # nothing to divide by: the server is not answering
            raise SystemExit(f"wrk finished no request on {path}:\n{output}")
        # A request slower than the whole run (a 1 s --quick run on a loaded machine): 0
        # requests/s, latencies unknown.
        print(f"  note: no request on {script or path} finished in the run", file=sys.stderr)
        return 0.0, float("nan"), float("nan"), 0
    percentiles = {
        int(p): float(v) * UNITS[u]
        for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, percentiles[50], percentiles[99], int(errors.group(1)) if errors else 0


def _measure(env, args, rows: list[Row], *, cache_seconds, warm, after=None):
    """Every row as `args.rounds` pairs: the bare view at the row's concurrency, then the
    row, one straight after the other, so each ratio compares two runs under the same
    conditions (a machine that slows down mid-run slows both). Rounds go over all rows in
    turn, so drift spreads over every row instead of landing on the last ones. `after` runs
    against the same server once the rounds are done."""
    if not rows and after is None:  # --only left none of them
        return [], None
    runs: dict[str, list[tuple]] = {row.name: [] for row in rows}
    bare_runs = []
    server = _serve(env, cache_seconds)
    try:
        _warm([BARE] * 8 + warm)
        for row in rows:
            _warm(row.paths[:3], dict(h.split(": ", 1) for h in row.headers))
            if row.target == "posting":  # each worker's first post loads the spam model
                subprocess.run(
                    ["wrk", "-t1", "-c2", "-d2s", "-s", row.script, f"{BASE}/"],
                    capture_output=True, check=True,
                )  # fmt: skip
        for _ in range(args.rounds):
            for row in rows:
                bare = _wrk(BARE, args, connections=row.connections)
                page = _wrk("/", args, script=row.script, headers=row.headers,
                            connections=row.connections)  # fmt: skip
                print(
                    f"  {row.name}: bare {bare[0]:,.0f}, row {page[0]:,.0f} req/s",
                    file=sys.stderr,
                    flush=True,
                )
                if row.connections is None:  # the bare row: at -c as set
                    bare_runs.append(bare)
                runs[row.name].append((page, bare))
        extra = after() if after else None
    finally:
        _stop(server)
    summaries = [(row, _summary(runs[row.name])) for row in rows]
    if not bare_runs:  # --only left no row at the table's concurrency
        return summaries, extra
    bare = Row("bare view", [BARE])
    return [(bare, _summary([(run, run) for run in bare_runs])), *summaries], extra


def _median_known(values) -> float:
    """The median of the latencies known (a run that finished no request has none)."""
    known = [value for value in values if value == value]
    return statistics.median(known) if known else float("nan")


def _summary(pairs: list[tuple]) -> dict:
    """Medians over the rounds of a row's (page, bare) runs, with the ratios' range."""
    ratios = [100 * page[0] / bare[0] for page, bare in pairs]
    return {
        "rps": statistics.median(page[0] for page, _ in pairs),
        "ratio": statistics.median(ratios),
        "ratio_range": (min(ratios), max(ratios)),
        "p50": _median_known(page[1] for page, _ in pairs),
        "p99": _median_known(page[2] for page, _ in pairs),
        "errors": sum(page[3] for page, _ in pairs),
    }


def _search_one_by_one(paths, repeats: int) -> list[tuple[str, float, float]]:
    """Each fixed query `repeats` times, one request at a time: (query, p50 ms, max ms)."""
    figures = []
    for query, path in zip(QUERIES, paths, strict=True):
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            _get(path)
            times.append(1000 * (time.perf_counter() - started))
        figures.append((query, statistics.median(times), max(times), times))
    return figures


def _provenance() -> dict:
    """The commit measured, whether it is main's, and whether the work tree differed."""

    def git(*command):
        return subprocess.run(
            ["git", *command], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    head = git("rev-parse", "HEAD")
    if not head:
        return {"head": "unknown (not a git checkout)", "main": False, "dirty": False}
    return {
        "head": head,
        "branch": git("rev-parse", "--abbrev-ref", "HEAD"),
        "main": head == git("rev-parse", "--verify", "-q", "refs/heads/main"),
        "dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    }


def _verdict(row: Row, s: dict, searched: tuple[float, int]) -> str:
    """The row's done-when target with met or missed, from its medians; search's p99 from
    every fixed query run alike after the rounds (`searched`: p99 ms, requests), as a short
    wrk run at one connection may not reach the slow ones."""
    target = TARGETS.get(row.target)
    if not target:
        return ""
    if row.target == "search":
        met = searched[0] < target["p99"]
        return (
            f"p99 < {target['p99']} ms over the {len(QUERIES)} queries: "
            f"{'met' if met else '**missed**'} ({searched[0]:.1f} ms over {searched[1]} requests)"
        )
    parts = []
    if "ratio" in target:
        met = s["ratio"] >= target["ratio"]
        parts.append(f"≥ {target['ratio']} % of bare: {'met' if met else '**missed**'}")
    if "p99" in target:
        met = s["p99"] < target["p99"]
        parts.append(f"p99 < {target['p99']} ms: {'met' if met else '**missed**'}")
    if "p50" in target:
        met = s["p50"] < target["p50"]
        parts.append(f"p50 < {target['p50']} ms: {'met' if met else '**missed**'}")
    if "sql" in target and row.sql:
        met = row.sql[1] <= target["sql"]
        parts.append(f"≤ {target['sql']} SQL: {'met' if met else '**missed**'}")
    return "; ".join(parts)


def _report(args, facts, cached, uncached, searches) -> str:
    p = facts["provenance"]
    if p["main"] and not p["dirty"]:
        origin = f"commit {p['head']} (main)"
    else:
        state = " with uncommitted changes" if p["dirty"] else ""
        origin = f"**not from main**: commit {p['head']} on `{p.get('branch')}`{state}"
    lines = [
        f"{origin}; measured {facts['date']} in {facts['duration']}; "
        f"{os.cpu_count()} cores ({facts['cpu']}), Python {platform.python_version()}; "
        f"load average {facts['load'][0]:.1f} at the start, {facts['load'][1]:.1f} at the end "
        "(other work on the machine: about the cores' number or more slows every row).",
        "",
        f"{facts['posts']:,} posts on {facts['database']}; {facts['cache']}; gunicorn 2 sync "
        f"workers, production settings (`bench/settings.py`); wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s on 127.0.0.1 (c1 rows: -t1 -c1); {args.rounds} rounds, each the "
        "bare view (`bench/urls.py`) at the row's concurrency straight before the row. "
        'Medians over the rounds; "% of bare" is the median of the rounds\' ratios, with '
        "the lowest and highest. SQL: statements per whole request on a miss (session and "
        "user included; BEGIN and COMMIT counted), lowest–highest over up to five of the "
        "row's URLs (search: every query; posting: three posts). A cached page can pass "
        "100 %: the bare view goes through every middleware (sessions, CSRF, authentication, "
        "lock-outs, messages, CSP), while the page cache answers before sessions, usually "
        'without a round trip to Redis (README, "Speed").',
        "",
        "| row | page cache | req/s | % of bare | range | p50 ms | p99 ms | SQL | SQL ms "
        "| done when (issue 20) |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    every = sorted(t for *_, times in searches for t in times)
    p99 = every[min(len(every) - 1, int(0.99 * len(every)))]
    for label, rows in (("on", cached), ("off", uncached)):
        for row, s in rows:
            note = f" ({s['errors']} non-2xx/3xx)" if s["errors"] else ""
            low, high = s["ratio_range"]
            sql, ms = "", ""
            if row.sql:
                sql = f"{row.sql[0]}" if row.sql[0] == row.sql[1] else f"{row.sql[0]}–{row.sql[1]}"
                ms = f"{row.sql[2]:.1f}"
            lines.append(
                f"| {row.name}{note} | {label} | {s['rps']:,.0f} | {s['ratio']:.1f} % | "
                f"{low:.1f}–{high:.1f} % | {s['p50']:.1f} | {s['p99']:.1f} | {sql} | {ms} | "
                f"{_verdict(row, s, (p99, len(every)))} |"
            )
    lines += [
        "",
        f"Search, each query {len(searches[0][3])} times one at a time after the rounds "
        f"(page cache off; all {len(every)} requests: p50 {statistics.median(every):.1f} ms, "
        f"p99 {p99:.1f} ms):",
        "",
        "| query | p50 ms | max ms |",
        "| --- | ---: | ---: |",
        *(f"| `{q}` | {p50:.1f} | {high:.1f} |" for q, p50, high, _ in searches),
    ]
    return "\n".join(lines)


def _write_readme(path: Path, table: str, command: str) -> None:
    text = path.read_text()
    if START not in text or END not in text:
        raise SystemExit(f"{path} has no {START} … {END} markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    block = (
        f"{START}\n<!-- Written by `{command}` (bench/run.py); edits here are lost. -->\n\n"
        f"{table}\n{END}"
    )
    path.write_text(head + block + tail)


def _rows(targets, sessions, quick) -> tuple[list[Row], list[Row]]:
    member = [f"Cookie: {sessions[0][0]}"]
    threads, lists, tags = targets["threads"], targets["lists"], targets["tags"]
    cached = [
        Row(f"thread page, {len(threads)} threads", threads, target="cached"),
        Row(f"list, pages 1–{len(lists)}", lists, target="cached"),
        Row(f"tag page, {len(tags)} tags", tags),
    ]
    uncached = [
        Row(f"thread page, {len(threads)} threads", threads, target="miss"),
        Row(f"list, pages 1–{len(lists)}", lists),
        Row(
            f"member's thread page, {len(threads)} threads",
            threads,
            headers=member,
            target="member",
        ),
        Row(
            f"search, {len(QUERIES)} queries, one at a time",
            targets["searches"],
            connections=1,
            target="search",
        ),
        Row("post an answer, one at a time", ["/"], connections=1, target="posting"),
    ]
    if quick:  # CI checks that the run works: the list's miss is the one row it can spare
        del uncached[1]
    return cached, uncached


def main():
    started = time.monotonic()

    def phase(name):
        print(f"[{time.monotonic() - started:4.0f} s] {name}", file=sys.stderr, flush=True)

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="2k posts, 1 s per run (CI)")
    parser.add_argument("--rounds", type=int, default=3, help="bare/row pairs per row (at least 3)")
    parser.add_argument("--readme", type=Path, help="write the table between its markers")
    parser.add_argument(
        "--not-from-main", action="store_true",
        help="with --readme: write even when HEAD is not main or the tree is dirty, marked so",
    )  # fmt: skip
    parser.add_argument(
        "--only", help="comma-separated targets (cached, miss, member, search, posting): only "
        "the rows answering them, for trying a change; never written into the README",
    )  # fmt: skip
    args = parser.parse_args()
    if args.only and args.readme:
        raise SystemExit("--only measures part of the table: it is never written into a README")
    args.rounds = max(3, args.rounds)
    if args.quick:
        args.posts, args.seconds = 2_000, 1
    provenance = _provenance()
    load_before = os.getloadavg()[0]
    if args.readme and not args.not_from_main and (provenance["dirty"] or not provenance["main"]):
        raise SystemExit(
            f"refusing to write {args.readme}: HEAD ({provenance['head']}) is not main or the "
            "work tree has uncommitted changes (--not-from-main writes it marked so)"
        )
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="forum-bench-"))
    args.database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    redis, redis_url = _start_redis(workdir, required=not args.quick)
    env = _environment(args, str(workdir / "static"), redis_url)
    try:
        _manage(env, "migrate", "--noinput", "-v0")
        phase("migrated")
        _manage(env, "collectstatic", "--noinput", "-v0")
        phase("static files collected")
        _setup_django(env)
        posts = _ensure_forum(env, args.posts)
        phase("forum ready")
        targets = _rotations()
        sessions = _member_sessions(8)
        posters, poster = _poster_sessions(8)
        cached_rows, uncached_rows = _rows(targets, sessions, args.quick)
        if args.only:
            chosen = set(args.only.split(","))
            cached_rows = [row for row in cached_rows if row.target in chosen]
            uncached_rows = [row for row in uncached_rows if row.target in chosen]
        _count_sql(cached_rows + uncached_rows, targets["writable"], poster)
        phase("SQL counted")
        _scripts(cached_rows + uncached_rows, workdir, posters, targets["writable"])
        cached, _ = _measure(
            env, args, cached_rows, cache_seconds=600,
            warm=[p for row in cached_rows for p in row.paths],
        )  # fmt: skip
        phase("cached rows measured")
        uncached, searches = _measure(
            env, args, uncached_rows, cache_seconds=0, warm=targets["searches"],
            after=lambda: _search_one_by_one(targets["searches"], 3 if args.quick else 5),
        )  # fmt: skip
        phase("rows on a miss and search measured")
        elapsed = time.monotonic() - started
        facts = {
            "provenance": provenance,
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "duration": f"{elapsed // 60:.0f} min {elapsed % 60:.0f} s",
            "cpu": _cpu(),
            "load": (load_before, os.getloadavg()[0]),
            "posts": posts,
            "database": "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite",
            "cache": "Redis of its own (maxmemory 512 MB, allkeys-lru)"
            if redis_url
            else "file cache (no redis-server here)",
        }
        table = _report(args, facts, cached, uncached, searches)
        print("\n" + table)
        if args.readme:
            _write_readme(args.readme, table, "make bench-site")
            print(f"\nwritten into {args.readme}")
    finally:
        if redis:
            _stop(redis)
        shutil.rmtree(workdir, ignore_errors=True)


def _cpu() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


if __name__ == "__main__":
    main()

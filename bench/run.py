"""Benchmark the forum as readers and members meet it: gunicorn with production settings on
loopback, driven by wrk, every figure also as a ratio of a bare Django view served by the same
server in the same run.

    python bench/run.py                    # small: 10k posts on SQLite (a temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forum_bench \\
        python bench/run.py --posts 1000000   # large: PostgreSQL, generated once, then reused
    python bench/run.py --quick            # under a minute, for CI: 2k posts, 1 s per run,
                                           # a few pages (the run must only work)

Each page is measured with the page cache on (anonymous readers, warmed) and off (every
request renders), plus the thread page as a logged-in member and posting an answer. SQL per
request is counted in-process on a cache miss (queries and their time). Every row is measured
in --rounds rounds (at least three), each a run of the bare view straight before a run of the
page, and reported as medians with the range of the ratios; the commit measured is printed
with the table. Bounded: every wrk run lasts --seconds, and only 127.0.0.1 is contacted.
"""

import argparse
import os
import platform
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8150"))
BASE = f"http://127.0.0.1:{PORT}"


def _environment(args, static_root: str) -> dict:
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
    return env


def _manage(env, *command):
    subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)


def _setup_django(env):
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _targets():
    """The URLs to measure, chosen from the data: a typical thread, the biggest, the busiest
    tag, a search that matches a few percent of posts."""
    from django.db.models import Count

    from forum.posts.models import Kind, Post, Status, Tag

    questions = Post.objects.filter(kind=Kind.QUESTION, status=Status.VISIBLE)
    big = questions.order_by("-answer_count", "pk").first()
    typical = questions.filter(answer_count=3).exclude(pk=big.pk).order_by("pk").first()
    busiest = Tag.objects.annotate(n=Count("questions")).order_by("-n").first()
    writable = questions.exclude(pk__in=[big.pk, typical.pk]).order_by("-pk").first()
    return {
        "bare view": "/bench/bare/",
        "thread page": typical.get_absolute_url(),
        "200-answer thread": big.get_absolute_url(),
        "list": "/",
        "deep list (page 100)": "/?page=100",
        "tag page": busiest.get_absolute_url(),
        "search": "/search/?q=zhukov+crossing",
    }, writable


def _member_sessions(count: int):
    """Logged-in sessions (cookie header, CSRF token) for members who post in the run."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    sessions = []
    for n in range(count):
        user, _ = get_user_model().objects.get_or_create(username=f"bench{n}")
        client = Client()
        client.force_login(user)
        token = secrets.token_hex(16)  # an unmasked CSRF secret works as cookie and field
        cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}; "
            f"{settings.CSRF_COOKIE_NAME}={token}"
        )
        sessions.append((cookie, token))
    return sessions


def _sql_per_request(targets) -> dict:
    """Queries and SQL milliseconds of one uncached anonymous request (median of five)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    figures = {}
    with override_settings(FORUM_PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        for name, path in targets.items():
            runs = []
            for _ in range(5):
                with CaptureQueriesContext(connection) as context:
                    client.get(path)
                runs.append((len(context), sum(float(q["time"]) for q in context) * 1000))
            figures[name] = (runs[-1][0], statistics.median(ms for _, ms in runs))
    return figures


def _serve(env, cache_seconds: int):
    server_env = dict(env, FORUM_PAGE_CACHE_SECONDS=str(cache_seconds))
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "forum.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=server_env, start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/bench/bare/", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start")


def _stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _wrk(path, args, *, script=None, headers=(), connections=None):
    connections = connections or args.connections
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{args.seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, f"{BASE}{path}"], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = {
        int(p): float(v) * UNITS[u]
        for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, percentiles[50], percentiles[99], int(errors.group(1)) if errors else 0


def _measure(env, targets, args, *, cache_seconds, extra=()):
    """Every row as `args.rounds` pairs: the bare view, then the row's page, one straight after
    the other, so each ratio compares two runs under the same conditions (a machine that
    slows down mid-run slows both). Rounds go over all rows in turn, so drift spreads over
    every row instead of landing on the last ones."""
    rows = [(name, path, {}) for name, path in targets.items() if name != "bare view"]
    rows += list(extra)
    runs: dict[str, list[tuple]] = {name: [] for name, _, _ in rows}
    bare_runs = []
    server = _serve(env, cache_seconds)
    try:
        for path in targets.values():  # warm: workers' imports, templates and the cache
            for _ in range(3):
                urllib.request.urlopen(f"{BASE}{path}", timeout=30).read()
        for _ in range(args.rounds):
            for name, path, options in rows:
                bare = _wrk(targets["bare view"], args, connections=options.get("connections"))
                page = _wrk(path, args, **options)
                if options.get("connections") is None:  # the bare row: at -c as set
                    bare_runs.append(bare)
                runs[name].append((page, bare))
    finally:
        _stop(server)
    bare_alone = [(bare, bare) for bare in bare_runs]
    return [("bare view", _summary(bare_alone))] + [
        (name, _summary(runs[name])) for name, _, _ in rows
    ]


def _summary(pairs: list[tuple]) -> dict:
    """Medians over the rounds of a row's (page, bare) runs, with the ratios' range."""
    ratios = [100 * page[0] / bare[0] for page, bare in pairs]
    return {
        "rps": statistics.median(page[0] for page, _ in pairs),
        "ratio": statistics.median(ratios),
        "ratio_range": (min(ratios), max(ratios)),
        "p50": statistics.median(page[1] for page, _ in pairs),
        "p99": statistics.median(page[2] for page, _ in pairs),
        "errors": sum(page[3] for page, _ in pairs),
        "rounds": len(pairs),
    }


def _commit() -> str:
    """The commit measured, and whether the work tree differed from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return head + (" with uncommitted changes" if dirty else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="2k posts, 1 s per run (CI)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="bare/page pairs per row (at least 3)"
    )
    args = parser.parse_args()
    args.rounds = max(3, args.rounds)
    if args.quick:
        args.posts, args.seconds = 2_000, 1
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="forum-bench-"))
    args.database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = _environment(args, str(workdir / "static"))
    try:
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "collectstatic", "--noinput", "-v0")
        _setup_django(env)
        from forum.posts.models import Post

        if not Post.objects.exists():
            _manage(env, "generate_forum", "--posts", str(args.posts))
        posts = Post.objects.count()
        targets, writable = _targets()
        sessions = _member_sessions(8)
        sql = _sql_per_request(targets)
        script = workdir / "post_answer.lua"
        entries = ", ".join(f'{{cookie="{c}", token="{t}"}}' for c, t in sessions)
        script.write_text(
            f'sessions = {{{entries}}}\npath = "/questions/{writable.pk}/answer/"\n'
            + (ROOT / "bench" / "post_answer.lua").read_text()
        )
        member = (
            "thread page, member",
            targets["thread page"],
            {"headers": [f"Cookie: {sessions[0][0]}"]},
        )
        posting = ("post an answer (member)", "/", {"script": str(script)})
        # Under c=16 a page's p50 is mostly the queue in front of two workers; one client at
        # a time shows what a single request costs.
        alone = [
            ("thread page, one at a time", targets["thread page"], {"connections": 1}),
            ("search, one at a time", targets["search"], {"connections": 1}),
            ("post an answer, one at a time", "/", {"script": str(script), "connections": 1}),
        ]
        extra = [member, posting, *alone]
        if args.quick:
            # CI only checks that the run works: one page of each kind, every way of driving
            # wrk (a member's cookie, the posting script, one connection), three rounds.
            targets = {name: targets[name] for name in ("bare view", "thread page")}
            extra = [member, posting, alone[1]]
        cached = _measure(env, targets, args, cache_seconds=600)
        uncached = _measure(env, targets, args, cache_seconds=0, extra=extra)
        _report(args, posts, env, cached, uncached, sql)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _report(args, posts, env, cached, uncached, sql):
    database = "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"
    print(
        f"\ncommit {_commit()}\n"
        f"{posts:,} posts on {database}; gunicorn 2 sync workers, production settings; "
        f"wrk -t2 -c{args.connections} -d{args.seconds}s on 127.0.0.1, {args.rounds} rounds "
        f"of the bare view and the page alternated; "
        f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}\n"
    )
    print(
        'Medians over the rounds; "% of bare" is the median of each round\'s page req/s over '
        "the bare view's req/s measured just before it, with the lowest and highest round.\n"
    )
    print("| page | cache | req/s | % of bare | range | p50 ms | p99 ms | SQL queries | SQL ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for label, rows in (("on", cached), ("off", uncached)):
        for name, row in rows:
            queries, ms = sql.get(name, ("", None))
            note = f" ({row['errors']} non-2xx/3xx)" if row["errors"] else ""
            low, high = row["ratio_range"]
            print(
                f"| {name}{note} | {label} | {row['rps']:,.0f} | {row['ratio']:.1f} % | "
                f"{low:.1f}–{high:.1f} % | {row['p50']:.1f} | {row['p99']:.1f} | {queries} | "
                f"{'' if ms is None else f'{ms:.1f}'} |"
            )


if __name__ == "__main__":
    main()

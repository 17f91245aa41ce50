"""CPU per request: what one request costs the app servers, PostgreSQL and Redis, in CPU
milliseconds, read from /proc (and Redis's INFO) around each wrk run.

bench/run.py's requests per second are wall-clock figures: on a machine other work shares
they fall with its load. CPU time spent per request does not, so this is the figure
docs/scaling.md sizes servers from. Same server as bench/run.py (gunicorn, 2 sync workers,
production settings, the same pages), on PostgreSQL (DATABASE_URL, required) and a Redis
server of its own (so no other client's work is counted).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forum_bench python bench/cpu.py --seconds 5
"""

import argparse
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pids) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return found


def _redis_cpu(port: int) -> float:
    info = subprocess.run(
        ["redis-cli", "-p", str(port), "INFO", "cpu"], capture_output=True, text=True, check=True
    ).stdout
    used = dict(re.findall(r"^(used_cpu_(?:sys|user)):([\d.]+)", info, re.M))
    return float(used["used_cpu_sys"]) + float(used["used_cpu_user"])


def _database_backends() -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def _wrk(path, args, *, script=None, headers=(), connections=None):
    command = ["wrk", "-t2", f"-c{connections or args.connections}", f"-d{args.seconds}s"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, f"{run.BASE}{path}"], capture_output=True, text=True, check=True
    ).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return requests, int(errors.group(1)) if errors else 0


def _measure(env, args, redis_port, jobs, *, cache_seconds):
    rows = []
    server = run._serve(env, cache_seconds)
    try:
        for _, path, _ in jobs:  # warm every worker: imports, templates, cache, connections
            for _ in range(6):
                urllib.request.urlopen(f"{run.BASE}{path}", timeout=30).read()
        workers = _children(server.pid)
        backends = _database_backends()
        for name, path, options in jobs:
            before = (_cpu_seconds(workers), _cpu_seconds(backends), _redis_cpu(redis_port))
            requests, errors = _wrk(path, args, **options)
            after = (_cpu_seconds(workers), _cpu_seconds(backends), _redis_cpu(redis_port))
            per_request = [
                (b - a) * 1000 / max(requests, 1) for a, b in zip(before, after, strict=True)
            ]
            rows.append((name, cache_seconds > 0, requests, errors, *per_request))
            # Backends opened during the run (a worker reconnecting) count from the next one.
            backends = _database_backends()
    finally:
        run._stop(server)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    args.database_url = os.environ.get("DATABASE_URL", "")
    if not args.database_url.startswith("postgres"):
        raise SystemExit("set DATABASE_URL to a PostgreSQL database")
    for tool in ("wrk", "redis-server", "redis-cli"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        redis_port = probe.getsockname()[1]
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    workdir = Path(tempfile.mkdtemp(prefix="forum-cpu-"))
    os.environ["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    env = run._environment(args, str(workdir / "static"))
    try:
        time.sleep(0.5)
        run._manage(env, "migrate", "--noinput", "-v0")
        run._manage(env, "collectstatic", "--noinput", "-v0")
        run._setup_django(env)
        from forum.posts.models import Post

        if not Post.objects.exists():
            run._manage(env, "generate_forum", "--posts", str(args.posts))
        targets, writable = run._targets()
        targets.pop("bare view")
        sessions = run._member_sessions(8)
        posters, _ = run._poster_sessions(8)
        script = workdir / "post_answer.lua"
        entries = ", ".join(f'{{cookie="{c}", token="{t}"}}' for c, t in posters)
        script.write_text(
            f'sessions = {{{entries}}}\npath = "/questions/{writable.pk}/answer/"\n'
            + (run.ROOT / "bench" / "post_answer.lua").read_text()
        )
        pages = [(name, path, {}) for name, path in targets.items()]
        cookie = {"headers": [f"Cookie: {sessions[0][0]}"]}
        member = [
            ("thread page, member", targets["thread page"], cookie),
            ("post an answer (member)", "/", {"script": str(script)}),
        ]
        rows = _measure(env, args, redis_port, pages, cache_seconds=600)
        rows += _measure(env, args, redis_port, pages + member, cache_seconds=0)
        _report(args, Post.objects.count(), rows)
    finally:
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def _report(args, posts, rows):
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=run.ROOT, capture_output=True, text=True
    ).stdout.strip()
    print(
        f"\n{posts:,} posts on PostgreSQL, Redis of its own; gunicorn 2 sync workers, production "
        f"settings; wrk -t2 -c{args.connections} -d{args.seconds}s; {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; commit {commit}; load average "
        f"{os.getloadavg()[0]:.1f} at the end\n"
    )
    print("| request | page cache | requests | app CPU ms | PostgreSQL CPU ms | Redis CPU ms "
          "| requests/s per app core |")  # fmt: skip
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, cached, requests, errors, app, database, redis in rows:
        note = f" ({errors} non-2xx/3xx)" if errors else ""
        print(
            f"| {name}{note} | {'on' if cached else 'off'} | {requests:,} | {app:.2f} | "
            f"{database:.2f} | {redis:.3f} | {1000 / app if app else 0:,.0f} |"
        )


if __name__ == "__main__":
    main()

"""Fuzz the JSON API with Schemathesis against a live server (`make api-fuzz`).

Makes a throw-away database (SQLite in a temporary folder, or API_FUZZ_DATABASE_URL), loads
the seed thread, makes an established member with a personal API token (so the write
endpoints are exercised as well as the reads), starts gunicorn on 127.0.0.1 and runs
`st run` on /api/openapi.json: every operation, positive and negative examples, with the
checks that matter here: no server error, and every response as the schema says (status
code, content type, headers and body). Exit status is Schemathesis's: 0 when nothing failed.

    python bench/api_fuzz.py                 # CI: 10 examples an operation, under 2 minutes
    python bench/api_fuzz.py --examples 200  # longer
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("API_FUZZ_PORT", "8170"))
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)
SETUP = """
from django.core.management import call_command
call_command("migrate", verbosity=0, interactive=False)
call_command("loaddata", *FIXTURES, verbosity=0)
from datetime import timedelta
from django.utils import timezone
from forum.accounts.models import User
from forum.accounts.tokens import create_token
member = User.objects.create_user(
    "fuzzer", "fuzzer@example.org", reputation=1000, date_joined=timezone.now() - timedelta(days=60)
)
print("TOKEN=" + create_token(user=member, name="schemathesis")[1])
# Posts the write endpoints can act on: the seed's first question and an answer to it by
# someone else (vote, flag, comment, answer), and a question of the fuzzer's own with an
# answer by another member (edit, accept).
from forum.posts.models import Post
from forum.questions.services import ask_question
from forum.answers.services import post_answer
seed = Post.objects.filter(kind="question").order_by("pk").first()
other = Post.objects.filter(kind="answer", thread=seed, status="visible").order_by("pk").first()
own = ask_question(author=member, title="How wide was the Khalkhin Gol river?",
                   body="How wide and how deep was the river where the armies crossed it?",
                   tag_names=["battles"])
answer = post_answer(author=other.author, parent=own,
                     body="About 120 metres wide and up to two metres deep at the crossing.")
print(f"IDS={seed.pk},{other.pk},{own.pk},{answer.pk}")
"""
CONFIG = """
[[operations]]
include-name = "POST /api/questions/{{question_id}}/answers"
parameters = {{ "path.question_id" = {seed} }}

[[operations]]
include-name-regex = '^POST /api/posts/.post_id./(vote|flags|comments)$'
parameters = {{ "path.post_id" = {other} }}

[[operations]]
include-name = "PATCH /api/posts/{{post_id}}"
parameters = {{ "path.post_id" = {own} }}

[[operations]]
include-name-regex = '^(POST|DELETE) /api/answers/.answer_id./accept$'
parameters = {{ "path.answer_id" = {answer} }}
"""


def _bin(name: str) -> str:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else name


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _summary(log: Path) -> int:
    """Print the requests the server answered, by method and status class; the 5xx count."""
    counts = collections.Counter()
    for line in log.read_text().splitlines():
        method, _, status = line.partition(" ")
        if status.isdigit():
            counts[(method, f"{status[0]}xx")] += 1
    methods = sorted({method for method, _ in counts})
    print("api-fuzz: requests answered   " + "  ".join(f"{c:>5}" for c in ("2xx", "4xx", "5xx")))
    for method in methods:
        row = "  ".join(f"{counts[(method, c)]:>5}" for c in ("2xx", "4xx", "5xx"))
        print(f"api-fuzz:   {method:<18} {row}")
    total = sum(counts.values())
    errors = sum(n for (_, c), n in counts.items() if c == "5xx")
    print(f"api-fuzz: {total} requests, {errors} server errors")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10, help="per operation")
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="forum-api-fuzz-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.api_fuzz_settings",
        "DATABASE_URL": os.environ.get("API_FUZZ_DATABASE_URL")
        or f"sqlite:///{workdir / 'db.sqlite3'}",
        "PYTHONPATH": str(ROOT),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    server = None
    try:
        fixtures = sorted(str(path) for path in (ROOT / "fixtures").glob("*.json"))
        # One process migrates, loads the seed and makes the member: one Django start-up.
        setup = SETUP.replace("*FIXTURES", repr(fixtures)[1:-1])
        out = subprocess.run(
            [*manage, "shell", "-c", setup], env=env, check=True, cwd=ROOT, capture_output=True
        ).stdout.decode()
        token = re.search(r"TOKEN=(\S+)", out).group(1)
        seed, other, own, answer = re.search(r"IDS=(\S+)", out).group(1).split(",")
        config = workdir / "schemathesis.toml"
        config.write_text(CONFIG.format(seed=seed, other=other, own=own, answer=answer))
        server = subprocess.Popen(
            [_bin("gunicorn"), "forum.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
             "--workers", "2", "--timeout", "60", "--log-level", "warning",
             # The fuzzer's longest query strings pass the WSGI server (else its 414).
             "--limit-request-line", "0",
             "--access-logfile", str(workdir / "access.log"),
             "--access-logformat", "%(m)s %(s)s"],
            env=env, cwd=ROOT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{PORT}"
        _wait(f"{base}/api/openapi.json")
        started = time.monotonic()
        command = [
            _bin("st"), "--config-file", str(config), "run", f"{base}/api/openapi.json",
            "--checks", CHECKS,
            "--header", f"Authorization: Bearer {token}",
            "--max-examples", str(args.examples),
            "--seed", str(args.seed),
            "--phases", "examples,coverage,fuzzing",
            "--workers", "2",
            "--request-timeout", "30",
            "--suppress-health-check", "all",
            "--report", "junit",
            "--report-dir", str(workdir / "report"),
        ]  # fmt: skip
        result = subprocess.run(command, env={**env, "SCHEMATHESIS_HOOKS": ""}, cwd=workdir)
        took = time.monotonic() - started
        server.terminate()
        server.wait(timeout=30)
        server = None
        errors = _summary(workdir / "access.log")
        print(f"api-fuzz: schemathesis ran {took:.0f} s and exited {result.returncode}")
        return result.returncode or int(errors > 0)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

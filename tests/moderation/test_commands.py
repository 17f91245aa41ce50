import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from forum.moderation.decisions import approve_post
from forum.moderation.models import AuditLogEntry
from forum.posts.models import Status
from tests.factories import make_comment

pytestmark = pytest.mark.django_db

THREAD = {"thread_title": "Why is the sky blue?", "thread_body": "What makes the daytime sky blue?"}


def _classify(tmp_path, capsys, lines):
    path = tmp_path / "replies.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        call_command("classify_replies", str(path))
        error = None
    except CommandError as raised:
        error = raised
    captured = capsys.readouterr()
    return [json.loads(line) for line in captured.out.splitlines()], captured.err, error


def test_classify_replies_writes_one_verdict_per_line_in_order(tmp_path, capsys):
    rows = [
        {"text": "Message me privately on Telegram, I will explain everything there.", **THREAD},
        {
            "text": "Rayleigh scattering: short blue wavelengths scatter far more than red.",
            "author": {"account_age_days": 3, "approved_posts": 0},
            **THREAD,
        },
    ]
    results, _, error = _classify(tmp_path, capsys, [json.dumps(row) for row in rows])
    assert error is None
    assert [result["line"] for result in results] == [1, 2]
    assert results[0]["verdict"] != "ok"
    assert results[1]["verdict"] == "ok"
    assert all(0 <= result["score"] <= 1 for result in results)
    assert results[0]["reasons"][0]["message"]


def test_bad_lines_are_reported_with_their_number_and_the_rest_still_classified(tmp_path, capsys):
    lines = ["{broken", json.dumps({"text": 7}), "[1, 2]", json.dumps({"text": "+1", **THREAD})]
    results, err, error = _classify(tmp_path, capsys, lines)
    assert [result.get("error") is not None for result in results] == [True, True, True, False]
    assert "line 1:" in err and "line 2:" in err and "line 3:" in err
    assert results[3]["verdict"] in ("low_value", "spam")
    assert "3 lines could not be classified" in str(error)


def test_hostile_inputs_get_verdicts(tmp_path, capsys):
    texts = ["", "\x00\x01\ufffd" * 50, "🙂" * 40, "https://bit.ly/x", "<script>alert(1)</script>"]
    texts.append("word " * 200_000)
    results, _, error = _classify(tmp_path, capsys, [json.dumps({"text": t}) for t in texts])
    assert error is None
    assert len(results) == len(texts)
    assert all(result["verdict"] in ("ok", "low_value", "spam") for result in results)


def test_each_verdict_says_what_posting_would_do_and_why(tmp_path, capsys):
    rows = [
        {"text": "Message me privately on Telegram, I will explain everything there.", **THREAD},
        {
            "text": "Rayleigh scattering: short blue wavelengths scatter far more than red.",
            "author": {"account_age_days": 3, "approved_posts": 0},
            **THREAD,
        },
    ]
    results, _, error = _classify(tmp_path, capsys, [json.dumps(row) for row in rows])
    assert error is None
    assert results[0]["outcome"] in ("hold", "hide")
    assert "in private" in results[0]["outcome_reason"]
    assert results[1]["outcome"] == "publish"
    assert results[1]["outcome_reason"] == ""
    # The fields scripts already read are still there.
    assert {"line", "verdict", "score", "reasons"} <= set(results[0])


def test_without_author_facts_the_reply_is_judged_on_its_text_alone(tmp_path, capsys):
    thanks = {"text": "Thanks a lot, great answer!", **THREAD}
    member = {"account_age_days": 400, "approved_posts": 50}
    lines = [json.dumps(thanks), json.dumps({**thanks, "author": member})]
    results, _, error = _classify(tmp_path, capsys, lines)
    assert error is None
    assert [r["judged_on"] for r in results] == ["text alone", "text and author"]
    # Unknown author: no record, so flagged chatter waits; a member's is only folded.
    assert results[0]["outcome"] == "hold"
    assert results[1]["outcome"] == "fold"
    assert "folded" in results[1]["outcome_reason"]


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("classify_replies", str(tmp_path / "nope.jsonl"))


def test_rescan_posts_moves_undecided_replies_only(question, moderator, capsys):
    undecided = make_comment(
        question, body="Message me privately on Telegram, I will explain everything there."
    )
    decided = make_comment(question, body="Message me privately on Telegram, we will settle it.")
    approve_post(moderator=moderator, post=decided)
    call_command("rescan_posts")
    out = capsys.readouterr().out
    undecided.refresh_from_db()
    decided.refresh_from_db()
    assert undecided.status != Status.VISIBLE
    assert decided.status == Status.VISIBLE
    assert "1 moderator-decided left alone" in out


def test_rescan_posts_dry_run_reports_without_changing(question, capsys):
    comment = make_comment(
        question, body="Message me privately on Telegram, I will explain everything there."
    )
    call_command("rescan_posts", "--dry-run")
    assert "Would move 1 post: visible →" in capsys.readouterr().out
    comment.refresh_from_db()
    assert comment.status == Status.VISIBLE
    assert not AuditLogEntry.objects.exists()


def test_classify_replies_on_an_unmigrated_database_says_to_migrate(tmp_path):
    replies = tmp_path / "replies.jsonl"
    replies.write_text('{"text": "Thanks!"}\n')
    environment = {
        **{name: value for name, value in os.environ.items() if name != "REDIS_URL"},
        "DJANGO_SETTINGS_MODULE": "forum.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "classify_replies", str(replies)],
        cwd=settings.BASE_DIR, env=environment,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "manage.py migrate" in result.stderr and "Traceback" not in result.stderr

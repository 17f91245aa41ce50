from __future__ import annotations

import io
import json

from forum.spamfilter.__main__ import main

PROMO = "I recommend a site with many articles on any topic interesting you, come and see."


def test_single_reply_prints_its_verdict(capsys):
    assert main(["PM me for details", "--title", "Why does my bike chain wear out so fast?"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "spam"


def test_json_lines_get_one_verdict_per_line(monkeypatch, capsys):
    lines = [
        {"id": "a", "text": "Thanks!", "thread_title": "Chains"},
        {"id": "b", "text": "Works on 12-speed too.", "thread_title": "Chains"},
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines)))
    assert main([]) == 0
    results = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in results] == ["a", "b"]


def test_json_lines_mode_notices_copies_across_threads(monkeypatch, capsys):
    lines = [{"id": i, "text": PROMO, "thread_title": f"Thread {i}"} for i in range(3)]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines)))
    main([])
    last = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert "duplicate" in {r["code"] for r in last["reasons"]}


def test_broken_json_line_is_reported(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("{not json"))
    assert main([]) == 2
    assert "line 1" in capsys.readouterr().err


def test_json_lines_say_what_context_they_used(monkeypatch, capsys):
    line = {
        "text": "Which cassette?",
        "thread_title": "Chains",
        "parent_text": "Replace the chain at 0.5%.",
        "author": {"approved_posts": 40, "rejected_posts": 0, "account_age_days": None},
    }
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(line)))
    main([])
    result = json.loads(capsys.readouterr().out)
    assert result["used"] == [
        "thread_title",
        "parent_text",
        "author.approved_posts",
        "author.rejected_posts",
    ]

from __future__ import annotations

from forum.spamfilter import evaluate


def test_held_out_quality_meets_the_targets():
    report = evaluate.evaluate(timing_rounds=0)
    assert report.precision >= 0.98
    assert report.recall >= 0.95


def test_report_covers_every_held_out_row():
    report = evaluate.evaluate(timing_rounds=0)
    assert len(report.verdicts) == len(report.rows) > 0
    assert {row["split"] for row in report.rows} == {"heldout"}


def test_command_prints_the_figures_and_exits_zero(monkeypatch, capsys):
    monkeypatch.setattr(evaluate, "TIMING_ROUNDS", 1)
    assert evaluate.main() == 0
    out = capsys.readouterr().out
    for expected in ("precision", "recall", "F1", "confusion", "misclassified", "median", "p99"):
        assert expected in out

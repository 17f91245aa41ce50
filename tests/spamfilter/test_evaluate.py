"""The evaluation machinery, run on real-format files made from the invented corpus.

The figures these tests see are not evidence of anything (the corpus was written by the
project); the tests check that sources are held out, that sets are reported apart and labelled.
"""

from __future__ import annotations

import json
import zlib

import pytest

from forum.spamfilter.training import evaluate
from forum.spamfilter.training.dataset import default_data_dir, load_invented, load_real
from forum.spamfilter.training.evaluate import Tally, adversarial_bodies, leave_one_source_out
from forum.spamfilter.training.fit import prepare

SOURCES = ("alpha", "beta", "gamma")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """data/real/ with three pseudo-sources, threads dealt out by a stable hash of the title."""
    folder = tmp_path_factory.mktemp("data")
    (folder / "real").mkdir()
    rows = load_invented()
    for index, source in enumerate(SOURCES):
        with (folder / "real" / f"{source}.jsonl").open("w", encoding="utf-8") as out:
            for row in rows:
                if zlib.crc32(row["thread_title"].encode()) % len(SOURCES) == index:
                    out.write(json.dumps({**row, "source": source}) + "\n")
    return folder


def test_real_rows_are_read_from_every_file_with_their_source(data_dir):
    rows = load_real(data_dir)
    assert {row["source"] for row in rows} == set(SOURCES)
    assert {row["label"] for row in rows} == {"flag", "ok"}


def test_leave_one_source_out_tests_each_source_on_a_fit_without_it(data_dir, monkeypatch):
    rows = load_real(data_dir)
    seen = []
    real_fold = evaluate.run_fold

    def spy(train, test, precision):
        seen.append(({e.row["source"] for e in train}, {e.row["source"] for e in test}))
        return real_fold(train, test, precision)

    monkeypatch.setattr(evaluate, "run_fold", spy)
    tallies = leave_one_source_out(prepare(rows), 0.98)
    assert set(tallies) == set(SOURCES)
    for train_sources, test_sources in seen:
        assert len(test_sources) == 1
        assert not train_sources & test_sources
    assert sum(t.tp + t.fp + t.fn + t.tn for t in tallies.values()) == len(rows)


def test_report_prints_the_three_sets_apart_and_labels_the_invented_one(data_dir, capsys):
    assert evaluate.main(["--data", str(data_dir), "--rounds", "1", "--mistakes", "2"]) == 0
    out = capsys.readouterr().out
    for expected in (
        "Leave one source out",
        "Pooled 5-fold cross-validation",
        "written by the project: a regression guard, not evidence",
        "precision",
        "recall",
        "median",
        "p99",
        "30,000-character adversarial",
    ):
        assert expected in out
    for source in SOURCES:
        assert source in out


def test_report_says_so_when_there_is_no_real_data(tmp_path, capsys):
    assert evaluate.main(["--data", str(tmp_path), "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    assert "REAL DATA: none" in out and "no figure below is evidence" in out
    assert "invented" in out


def test_data_folder_comes_from_the_environment_when_not_given(data_dir, monkeypatch, capsys):
    monkeypatch.setenv("SPAM_DATA_DIR", str(data_dir))
    assert default_data_dir() == data_dir
    assert evaluate.main(["--rounds", "1", "--mistakes", "0"]) == 0
    assert f"({data_dir / 'real'})" in capsys.readouterr().out


def test_tally_counts_flags_as_positives():
    tally = Tally()
    for label, verdict in (("flag", "spam"), ("flag", "ok"), ("ok", "low_value"), ("ok", "ok")):
        tally.add({"label": label}, verdict)
    assert (tally.tp, tally.fn, tally.fp, tally.tn) == (1, 1, 1, 1)
    assert tally.precision == tally.recall == tally.held_ok_rate == 0.5


def test_adversarial_bodies_are_thirty_thousand_characters_with_spam_at_the_end():
    body = adversarial_bodies(1)[0].text
    assert 29_000 < len(body) <= 30_000
    assert body.endswith("whatsapp +44 7700 900123")

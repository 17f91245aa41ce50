"""The evaluation machinery, run on real-format files made from the invented corpus.

The figures these tests see are not evidence of anything (the corpus was written by the
project); the tests check that sources are held out, that sets are reported apart and labelled.
"""

from __future__ import annotations

import json
import zlib

import pytest

from forum.spamfilter.training import dataset, evaluate
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


def test_without_a_setting_the_data_comes_from_shared_spam_data_beside_the_repo(
    data_dir, monkeypatch
):
    monkeypatch.delenv("SPAM_DATA_DIR", raising=False)
    monkeypatch.setattr(dataset, "SHARED_DATA_DIR", data_dir)
    assert default_data_dir() == data_dir


def test_without_shared_rows_the_package_data_is_used_and_the_report_says_so(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.delenv("SPAM_DATA_DIR", raising=False)
    monkeypatch.setattr(dataset, "SHARED_DATA_DIR", tmp_path)
    assert default_data_dir() == dataset.DATA_DIR
    assert evaluate.main(["--quick", "--mistakes", "0"]) == 0
    assert "REAL DATA: none" in capsys.readouterr().out


def test_quick_report_gives_each_source_by_outcome_and_labels_the_invented_set(data_dir, capsys):
    assert evaluate.main(["--data", str(data_dir), "--quick", "--mistakes", "0"]) == 0
    out = capsys.readouterr().out
    for expected in (
        "0. Shipped weights",
        "1. Leave one source out",
        "Pooled 2-fold cross-validation",
        "QUICK",
        "held",
        "folded",
        "Not evidence: the project wrote these rows itself",
        "median",
    ):
        assert expected in out
    loso = out.split("1. Leave one source out")[1].split("2. Pooled")[0]
    for source in SOURCES:
        assert f"  {source} " in loso
    assert "all held-out sources" in loso


def test_outcome_shares_count_held_and_folded_rows_per_label():
    tally = Tally()
    for label, verdict, outcome in (
        ("ok", "ok", "publish"),
        ("ok", "low_value", "hold"),
        ("ok", "ok", "fold"),
        ("ok", "ok", "publish"),
        ("flag", "spam", "hide"),
        ("flag", "low_value", "fold"),
    ):
        tally.add({"label": label}, verdict, outcome)
    assert tally.share("ok", ("hold", "hide")) == (0.25, 4)
    assert tally.share("ok", ("fold",)) == (0.25, 4)
    assert tally.share("flag", ("hold", "hide")) == (0.5, 2)
    assert tally.share("flag", ("fold", "hold", "hide")) == (1.0, 2)


def test_quick_sample_keeps_whole_threads_and_at_most_the_cap_per_source():
    rows = [
        {"source": source, "id": f"{source}{i}", "thread": f"{source}-t{i // 3}"}
        for source in ("a", "b")
        for i in range(30)
    ]
    sample = evaluate.quick_sample(rows, 10)
    for source in ("a", "b"):
        kept = [row for row in sample if row["source"] == source]
        assert 0 < len(kept) <= 10
    threads = {row["thread"] for row in sample}
    assert all(sum(row["thread"] == thread for row in sample) == 3 for thread in threads)


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

from __future__ import annotations

import json

from forum.spamfilter.training import fit
from forum.spamfilter.training.dataset import load_invented, thread_of
from forum.spamfilter.training.fit import choose_threshold, prepare
from forum.spamfilter.weights import FEATURES, Weights


def test_threshold_is_the_lowest_reaching_the_target_precision():
    logits = [3.0, 2.0, 1.0, 0.0, -1.0]
    flags = [True, True, False, True, False]
    threshold, precision, recall = choose_threshold(logits, [True] * 5, flags, 0.98)
    assert threshold == 2.0
    assert precision == 1.0
    assert recall == 2 / 3


def test_rows_the_rules_may_not_hold_are_never_counted_as_held():
    threshold, _, recall = choose_threshold([3.0, 2.0], [False, True], [True, True], 0.98)
    assert threshold == 2.0
    assert recall == 0.5


def test_fit_keeps_every_signal_in_its_direction_and_writes_the_operating_point():
    examples = prepare(load_invented("train"))
    fitted = fit.fit(examples, 0.98, meta={"fitted_on": "test"})
    assert set(fitted.weights.coefficients) == set(FEATURES)
    assert all(value >= 0 for value in fitted.weights.coefficients.values())
    assert fitted.weights.meta["training_precision"] >= 0.98
    # A code the data never exercises is not fitted: it keeps its hand-set weight relative
    # to the bias, so what it held alone at the hand-set scale it still holds alone.
    assert "markup_injection" in fitted.weights.meta["unfitted"]
    scale = fit.relative_scale(fitted.weights.bias)
    assert abs(fitted.weights.coefficients["markup_injection"] - scale) < 1e-3


def test_a_code_fired_on_few_rows_is_not_fitted_and_follows_the_bias():
    assert fit.relative_scale(fit.DEFAULT_BIAS) == 1.0
    assert fit.relative_scale(2 * fit.DEFAULT_BIAS) == 2.0
    assert fit.relative_scale(0.0) == 0.25  # never zeroed
    examples = prepare(load_invented("train"))
    unfitted = fit.unsupported_codes(examples, min_support=len(examples))
    assert "model" not in unfitted and "links" in unfitted


def test_weights_survive_a_round_trip_through_json():
    weights = Weights(bias=-0.5, coefficients={"links": 1.5}, meta={"rows": 3})
    assert Weights.from_dict(json.loads(json.dumps(weights.to_dict()))) == weights


def test_command_writes_a_weights_file(tmp_path, capsys):
    output = tmp_path / "weights.json"
    assert fit.main(["--data", str(tmp_path), "--output", str(output)]) == 0
    data = json.loads(output.read_text())
    assert data["format"] == "forum.spamfilter.weights"
    assert "invented" in data["meta"]["fitted_on"]
    assert "Operating point" in capsys.readouterr().out


def test_rows_without_a_thread_are_each_a_thread_of_their_own():
    # Text and chat messages have no thread: one group per source would keep the cross-fitted
    # text model from ever seeing that source, and hide copies posted within it.
    first = {"id": "sms-1", "source": "sms", "thread_title": "", "text": "a"}
    second = {"id": "sms-2", "source": "sms", "thread_title": "", "text": "b"}
    assert thread_of(first) != thread_of(second)
    same = {"id": "x-1", "source": "se", "thread_title": "Why?"}
    assert thread_of(same) == thread_of({**same, "id": "x-2"})

from __future__ import annotations

import json
import time

from forum.spamfilter import TextModel, train_default_model
from forum.spamfilter import model as model_module

SPINNER = "It is splendid, very valuable phrase"


def small_model() -> TextModel:
    model = TextModel()
    for text in ("Splendid phrase, bravo", "Very valuable thought, thanks", "Brilliant phrase"):
        model.learn(text, is_spam=True)
    for text in (
        "Replace the chain at 0.5% elongation",
        "Use let instead of var in the loop",
        "The valve seat is pitted; replace it",
    ):
        model.learn(text, is_spam=False)
    return model


def test_untrained_model_is_undecided():
    assert TextModel().spam_probability(SPINNER) == 0.5


def test_model_separates_the_classes_it_learned():
    model = small_model()
    assert model.spam_probability("What a splendid phrase") > 0.5
    assert model.spam_probability("Replace the pitted valve seat") < 0.5


def test_learning_a_moderator_decision_raises_probability_for_similar_text():
    model = small_model()
    before = model.spam_probability("Unequivocally, ideal answer")
    model.learn("Unequivocally, an ideal answer", is_spam=True)
    assert model.spam_probability("Unequivocally, ideal answer") > before


def test_forget_undoes_learn_exactly():
    model = small_model()
    before = model.to_dict()
    model.learn("Unequivocally, an ideal answer", is_spam=True)
    model.forget("Unequivocally, an ideal answer", is_spam=True)
    assert model.to_dict() == before


def test_forgetting_more_than_was_learned_never_makes_counts_negative():
    model = TextModel()
    model.learn("Replace the chain", is_spam=False)
    for _ in range(3):
        model.forget("Replace the chain and the cassette", is_spam=False)
    data = model.to_dict()["decisions"]
    assert data["docs"]["ok"] == 0
    assert all(count > 0 for count in data["counts"]["ok"].values())


def test_model_survives_a_round_trip_through_json():
    model = small_model()
    copy = TextModel.from_dict(json.loads(json.dumps(model.to_dict())))
    assert copy.spam_probability(SPINNER) == model.spam_probability(SPINNER)


def test_the_shipped_model_loads_fast_with_what_it_was_fitted_on():
    started = time.perf_counter()
    model = train_default_model()
    assert time.perf_counter() - started < 0.5
    assert model.corpus_size(is_spam=False) > 5_000  # the real replies, not the invented 300


def test_without_shipped_counts_the_model_trains_fast_on_the_bundled_corpus(monkeypatch, tmp_path):
    monkeypatch.setattr(model_module, "COUNTS_PATH", tmp_path / "absent.tsv")
    started = time.perf_counter()
    model = train_default_model()
    assert time.perf_counter() - started < 0.5
    assert model.spam_probability(SPINNER) > 0.5


def test_probability_stays_between_zero_and_one_for_long_texts():
    p = small_model().spam_probability("splendid phrase " * 5000)
    assert 0.0 < p < 1.0

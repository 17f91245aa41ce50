"""Acceptance on the forum's seed thread (Khalkhin Gol): seven answers stay, seven comments go.

The comments are "spinner spam": no links, no keywords, no repetition. They are not in the
training corpus and no rule quotes them; they must be caught by what they are (generic, off
topic, soliciting private contact), which is the point of this test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forum.spamfilter import Reply, SpamFilter, Thresholds, load_corpus
from forum.spamfilter.outcome import decide

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "source" / "khalkhin_gol.txt"

ANSWER_OPENINGS = (
    "Executive Summary",
    "The Soviets and Japanese were operating in two different worlds",
    "The Japanese were totally unprepared for modern tanks",
    "Short answer: Soviet equipment was quite good",
    "The other answers are fantastic, but one more one important point",
    "This remains even today a Battle very much shrouded in mystery",
    "First up, the effect of the purges is largely overplayed",
)
COMMENTERS = ("Grora", "Vudojind", "Hueil", "Zelig", "Nur", "Bradal", "Dazilkree")


def read_seed() -> dict:
    text = SEED.read_text(encoding="utf-8")
    title = text.splitlines()[0].strip()
    starts = [text.index(opening) for opening in ANSWER_OPENINGS]
    # Scraper boilerplate ("We are searching data...", "Watch the video", "Write a message")
    # surrounds the thread; only the question, the answers and the comments are kept.
    question = text[text.index("Conventional wisdom says") : starts[0]].strip()
    video = text.index("Watch the video")
    answers = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], video], strict=True)]
    tail = text[video : text.rindex("Write a message")]
    comments = re.findall(r"^\s*\d+\.\s+(\S+)\s*\n\s*\n\s*(.+?)\s*$", tail, re.M)
    return {"title": title, "question": question, "answers": answers, "comments": comments}


@pytest.fixture(scope="module")
def seed() -> dict:
    return read_seed()


def reply(seed: dict, kind: str, text: str) -> Reply:
    # The comments sit under the question; the answers reply to the thread itself.
    return Reply(
        text=text,
        kind=kind,
        thread_title=seed["title"],
        thread_body=seed["question"],
        parent_text=seed["question"] if kind == "comment" else "",
    )


def test_seed_thread_parses_into_seven_answers_and_seven_comments(seed):
    assert len(seed["answers"]) == 7
    assert tuple(name for name, _ in seed["comments"]) == COMMENTERS


@pytest.mark.parametrize("index", range(7), ids=COMMENTERS)
def test_seed_spinner_comment_is_held_or_hidden(seed, spam_filter, index):
    name, text = seed["comments"][index]
    verdict = spam_filter.classify(reply(seed, "comment", text))
    assert decide(verdict, None).outcome in ("hold", "hide"), (name, text, verdict.as_dict())


@pytest.mark.parametrize("index", range(7), ids=COMMENTERS)
def test_seed_spinner_comment_is_caught_by_the_rules_alone(seed, rules_only, index):
    name, text = seed["comments"][index]
    verdict = rules_only.classify(reply(seed, "comment", text))
    assert decide(verdict, None).outcome in ("hold", "hide"), (name, text, verdict.as_dict())


@pytest.mark.parametrize(
    "index", range(7), ids=[o.split()[0] + str(i) for i, o in enumerate(ANSWER_OPENINGS)]
)
def test_seed_answer_is_ok(seed, spam_filter, index):
    verdict = spam_filter.classify(reply(seed, "answer", seed["answers"][index]))
    assert verdict.label == "ok", (seed["answers"][index][:80], verdict.as_dict())


def test_seed_comments_are_not_in_the_training_corpus(seed):
    def normalize(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    corpus = {normalize(row["text"]) for row in load_corpus()}
    assert not {normalize(text) for _, text in seed["comments"]} & corpus


# The seed's contract by outcome, as the forum decides it (``outcome.decide``): the comments came
# from imported accounts the site knows nothing about (judged on their text alone), so all seven
# are held or hidden; all seven answers are published. It must hold with the shipped weights and
# with weights refitted on the real labelled data (``make fit``), fitted here in-process.
SITE_THRESHOLDS = Thresholds(low_value=0.5, spam=0.8)


@pytest.fixture(scope="module", params=["shipped", "refitted"])
def site_filter(request) -> SpamFilter:
    if request.param == "shipped":
        return SpamFilter(thresholds=SITE_THRESHOLDS)
    from forum.spamfilter.training.dataset import default_data_dir, load_invented, load_real
    from forum.spamfilter.training.fit import fit, prepare

    real = load_real(default_data_dir())
    if not real:
        pytest.skip("no real labelled data (../shared/spam-data or $SPAM_DATA_DIR): cannot refit")
    fitted = fit(prepare(real + load_invented("train")))
    return SpamFilter(model=fitted.model, weights=fitted.weights, thresholds=SITE_THRESHOLDS)


def test_seed_comments_stay_out_of_the_page_and_answers_are_published(seed, site_filter):
    comments = [
        decide(site_filter.classify(reply(seed, "comment", text)), None).outcome
        for _, text in seed["comments"]
    ]
    answers = [
        decide(site_filter.classify(reply(seed, "answer", text)), None).outcome
        for text in seed["answers"]
    ]
    assert all(outcome in ("hold", "hide") for outcome in comments), comments
    assert answers == ["publish"] * 7

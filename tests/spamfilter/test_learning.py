"""Moderator decisions teach the filter, and a flood of one-sided decisions cannot poison it."""

from __future__ import annotations

import random

from forum.spamfilter import SpamFilter, train_default_model
from forum.spamfilter.corpus import reply_from_row
from forum.spamfilter.outcome import decide
from forum.spamfilter.training.dataset import load_invented

from .threads import reply

NAMES = ("Marcus Wright", "Linda Cole", "Rafael Ortiz", "Helen Park", "James Okoro", "Sofia Brandt")
LOSSES = ("2 BTC", "14,000 USDT", "my ETH savings", "3.5 BTC", "my pension", "6 ETH")
PRAISE = ("he is legit", "she is legit", "truly honest", "highly recommended", "reliable")


def recovery_scam(rng: random.Random) -> str:
    """A family the rules miss: no link, no contact details, a name that looks specific."""
    return (
        f"I lost {rng.choice(LOSSES)} to a fake website until {rng.choice(NAMES)} "
        f"recovered it all for me, {rng.choice(PRAISE)}."
    )


def varied_legitimate_texts(count: int, seed: int = 7) -> list[str]:
    """Distinct legitimate replies: sentences of the corpus's ok rows, recombined."""
    rng = random.Random(seed)
    sentences = [
        sentence.strip()
        for row in load_invented()
        if row["label"] == "ok"
        for sentence in row["text"].replace("\n", " ").split(". ")
        if len(sentence.split()) >= 4
    ]
    texts: set[str] = set()
    while len(texts) < count:
        texts.add(". ".join(rng.sample(sentences, rng.randint(1, 3))) + ".")
    return sorted(texts)


def spinner_recall(spam_filter: SpamFilter) -> float:
    rows = [
        row
        for row in load_invented("heldout")
        if row.get("category") in ("spinner", "chatter", "pm_solicitation")
    ]
    # Kept out of the default view as the forum would (``outcome.decide``): held, hidden, or
    # folded when a member with a record wrote the chatter.
    kept_out = 0
    for row in rows:
        reply = reply_from_row(row)
        kept_out += decide(spam_filter.classify(reply), reply.author).outcome != "publish"
    return kept_out / len(rows)


def test_twenty_decisions_change_the_verdict_on_similar_unseen_replies():
    rng = random.Random(3)
    taught = [recovery_scam(rng) for _ in range(20)]
    unseen = [text for text in (recovery_scam(rng) for _ in range(40)) if text not in taught][:10]
    model = train_default_model()
    spam_filter = SpamFilter(model=model)
    before = sum(spam_filter.classify(reply(text)).label != "ok" for text in unseen)
    for text in taught:
        model.learn(text, is_spam=True)
    after = [spam_filter.classify(reply(text)) for text in unseen]
    assert before <= 2
    assert sum(verdict.label != "ok" for verdict in after) >= 8
    assert "precedent" in {r.code for r in after[0].reasons}


def test_forgetting_the_decisions_restores_the_verdicts():
    rng = random.Random(3)
    taught = [recovery_scam(rng) for _ in range(20)]
    model = train_default_model()
    spam_filter = SpamFilter(model=model)
    probe = reply(recovery_scam(random.Random(99)))
    before = spam_filter.classify(probe)
    for text in taught:
        model.learn(text, is_spam=True)
    for text in taught:
        model.forget(text, is_spam=True)
    assert spam_filter.classify(probe) == before


def test_a_flood_of_one_sided_approvals_does_not_collapse_recall_on_spinner_spam():
    model = train_default_model()
    spam_filter = SpamFilter(model=model)
    before = spinner_recall(spam_filter)
    # A flood of approvals twice the size of the corpus's own ordinary replies.
    for text in varied_legitimate_texts(2 * model.corpus_size(is_spam=False)):
        model.learn(text, is_spam=False)
    after = spinner_recall(spam_filter)
    assert model.decision_weight(is_spam=False) <= 0.25  # the flood is scaled down
    assert after >= before - 0.05
    # Kept out of view by outcome with the weights refitted on real replies: 0.79 measured
    # (0.90 by label with the earlier weights fitted on the invented corpus alone).
    assert after >= 0.75

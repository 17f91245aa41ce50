"""Spam filter for the forum: text and context in, a verdict with reasons out.

Pure Python, standard library only, no Django and nothing else from ``forum``: the package can
be used from a script, a test or another framework. It reads its fitted weights
(``data/weights.json``) and, when the default model is trained, its labelled rows
(``data/real/*.jsonl``, or the invented ``data/corpus.jsonl`` while there are none).
Re-fitting (``python -m forum.spamfilter.training.fit``) and evaluating need scikit-learn; running
does not.

Using it
--------
::

    from forum.spamfilter import AuthorFacts, Reply, SpamFilter, Thresholds

    spam_filter = SpamFilter()  # trains the bundled model once per process
    verdict = spam_filter.classify(
        Reply(
            text="Splendid post, bravo!",
            kind="comment",
            thread_title="Why doesn't a moving bicycle fall over?",
            thread_body="A stationary bicycle falls over immediately, ...",
            parent_text="Neither gyroscopic effect nor trail alone is the full story ...",
            author=AuthorFacts(account_age_days=2, approved_posts=0, rejected_posts=0),
        )
    )
    verdict.label       # "ok" | "low_value" | "spam"
    verdict.as_dict()   # {"verdict": ..., "score": ..., "reasons": [{"code", "message", "weight"}]}

Unknown author facts are ``None`` and count as neutral. Near-duplicates across threads are the
caller's to count, because only the caller has the other threads: store
``fingerprint_keys(text)`` for every reply in an indexed table, count the *other* threads that
share a key with a new reply and pass that number as ``Reply.duplicates_elsewhere``.
``DuplicateIndex`` does the same in memory. Moderator decisions teach the model with
``TextModel.learn`` (and ``forget`` undoes one); they are weighed so that a one-sided flood
cannot outweigh the training rows, and what they add shows as its own reason, ``precedent``.
``to_dict``/``from_dict`` persist the model as JSON.

Design
------
Every signal lives in its own small module, looks at one thing and explains itself with a
``Reason(code, message, weight)``:

=================  ===============================================================
``relevance``      content words shared with the thread's title, body and parent
                   (credit), or none at all and nothing specific (``off_topic``)
``praise``         generic praise, thanks, agreement, disagreement, chit-chat
``contact``        requests to continue in private, phone numbers, e-mail, messengers
``links``          link count and shape: shorteners, tracking, throwaway domains, scripts
``promotion``      sales talk, shouting, stretched characters, keyword stuffing
``duplicates``     near-duplicates in other threads and self-repetition (MinHash keys)
``author``         new account, posting bursts, approved and rejected posts
``model``          naive Bayes trained on labelled rows and on moderator decisions
=================  ===============================================================

Each reason's raw weight is scaled by a coefficient fitted by logistic regression
(``weights``, ``fit``); ``filter.SpamFilter`` adds them to the fitted bias and squashes the sum
with the logistic function, so the score is in [0, 1] and each reason's share of it is
visible. Relevance, the model and the author's record are weak signals: none of them holds a
reply alone (see ``filter``). Reason codes, stable for callers to key on:

* towards hiding: ``off_topic``, ``generic_praise``, ``private_contact``, ``contact_details``,
  ``links``, ``markup_injection``, ``promotion``, ``self_promotion``, ``like_bait``,
  ``shouting``, ``repetition``, ``keyword_stuffing``, ``duplicate``, ``self_repeat``,
  ``new_account``, ``new_account_burst``, ``author_record``, ``empty``;
* credit (negative weight): ``relevant``, ``established_author``;
* either way: ``model``, ``precedent``;
* a note weighing nothing: ``acknowledgement`` (the reply only acknowledges someone: "Got it",
  "My bad", "@ana see my edit"); it folds a member's reply and never holds anyone.

``document`` does the one-off analysis of a text that every signal reads (the whole body,
sanitized, look-alike letters and leetspeak folded by ``folding``, with linear-time regular
expressions), so hostile input costs bounded time; ``vocabulary`` and ``stemming`` hold the
word lists and the light stemmer it uses.

``python -m forum.spamfilter.training.evaluate`` prints leave-one-source-out and pooled
figures on the real data, the invented corpus apart as a regression guard, and latency;
``python -m forum.spamfilter.training.fit`` re-fits the weights; ``python -m forum.spamfilter``
classifies one reply or JSON lines from stdin; ``benchmarks/spamfilter_bench.py`` times
short, medium and long replies.

The label is the filter's opinion of the text; ``decide`` (``outcome.py``) turns a verdict and
the author's record (``has_record``, by a ``RecordRule`` the caller sets; no author: the text
alone) into publish, fold, hold or hide: hold only on evidence of abuse or on spinner text from
an account with no record, fold a member's chatter and wording-only flags. The forum and the
evaluation report both call it.

Spinner spam, the comments that praise, agree or invite you to continue "by DM" under any thread
without a link or a keyword, is caught by relevance, praise and contact together: none of
them quotes a message, each describes the genre. ``Reply.kind`` is carried for callers and
future signals; today answers and comments are judged by the same rules.
"""

from __future__ import annotations

from .author import has_record
from .corpus import load_corpus
from .duplicates import DuplicateIndex, fingerprint_keys, template_keys
from .evidence import Evidence, evidence
from .filter import SpamFilter, is_acknowledgement, is_chatter, is_mere_chatter
from .model import TextModel, train_default_model
from .outcome import Decision, decide
from .records import AuthorFacts, Reason, RecordRule, Reply, Thresholds, Verdict
from .weights import Weights

__all__ = [
    "AuthorFacts",
    "Decision",
    "DuplicateIndex",
    "Evidence",
    "Reason",
    "RecordRule",
    "Reply",
    "SpamFilter",
    "TextModel",
    "Thresholds",
    "Verdict",
    "Weights",
    "decide",
    "evidence",
    "fingerprint_keys",
    "has_record",
    "is_acknowledgement",
    "is_chatter",
    "is_mere_chatter",
    "load_corpus",
    "template_keys",
    "train_default_model",
]

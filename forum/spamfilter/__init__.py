"""Spam filter for the forum: text and context in, a verdict with reasons out.

Pure Python, standard library only, no Django and nothing else from ``forum``: the package can
be used from a script, a test or another framework. It reads one file, its bundled corpus
(``data/corpus.jsonl``), and only when the default model is trained.

Using it
--------
::

    from forum.spamfilter import AuthorFacts, Reply, SpamFilter, Thresholds

    spam_filter = SpamFilter()  # trains the bundled model once per process (well under 0.5 s)
    verdict = spam_filter.classify(
        Reply(
            text="Splendid post, bravo!",
            kind="comment",
            thread_title="Why doesn't a moving bicycle fall over?",
            thread_body="A stationary bicycle falls over immediately, ...",
            parent_text="Neither gyroscopic effect nor trail alone is the full story ...",
            author=AuthorFacts(account_age_days=2, approved_posts=0),
        )
    )
    verdict.label       # "ok" | "low_value" | "spam"
    verdict.as_dict()   # {"verdict": ..., "score": ..., "reasons": [{"code", "message", "weight"}]}

Unknown author facts are ``None`` and count as neutral. Near-duplicates across threads are the
caller's to count, because only the caller has the other threads: store
``fingerprint_keys(text)`` for every reply in an indexed table, count the *other* threads that
share a key with a new reply and pass that number as ``Reply.duplicates_elsewhere``.
``DuplicateIndex`` does the same in memory. Moderator decisions teach the model with
``TextModel.learn`` (and ``forget`` undoes one); ``to_dict``/``from_dict`` persist it as JSON.

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
``author``         new account, posting bursts, track record; a weak modifier only
``model``          naive Bayes trained on the corpus and on moderator decisions
=================  ===============================================================

``filter.SpamFilter`` adds the weights to a bias and squashes the sum with the logistic
function, so the score is in [0, 1] and each reason's share of it is visible; see its module
docstring for the labelling rule. Reason codes, stable for callers to key on:

* towards hiding: ``off_topic``, ``generic_praise``, ``private_contact``, ``contact_details``,
  ``links``, ``markup_injection``, ``promotion``, ``shouting``, ``repetition``,
  ``keyword_stuffing``, ``duplicate``, ``self_repeat``, ``new_account``,
  ``new_account_burst``, ``empty``;
* credit (negative weight): ``relevant``, ``established_author``;
* either way: ``model``.

``document`` does the one-off analysis of a text that every signal reads (capped at 20,000
characters, sanitized, with linear-time regular expressions), so hostile input costs bounded
time; ``vocabulary`` and ``stemming`` hold the word lists and the light stemmer it uses.

``python -m forum.spamfilter.evaluate`` measures precision, recall and latency on the corpus's
held-out split; ``python -m forum.spamfilter`` classifies one reply or JSON lines from stdin;
``benchmarks/spamfilter_bench.py`` times short, medium and long replies.

Spinner spam, the comments that praise, agree or invite you to continue "by DM" under any thread
without a link or a keyword, is caught by relevance, praise and contact together: none of
them quotes a message, each describes the genre. ``Reply.kind`` is carried for callers and
future signals; today answers and comments are judged by the same rules.
"""

from __future__ import annotations

from .corpus import load_corpus
from .duplicates import DuplicateIndex, fingerprint_keys
from .filter import SpamFilter
from .model import TextModel, train_default_model
from .records import AuthorFacts, Reason, Reply, Thresholds, Verdict

__all__ = [
    "AuthorFacts",
    "DuplicateIndex",
    "Reason",
    "Reply",
    "SpamFilter",
    "TextModel",
    "Thresholds",
    "Verdict",
    "fingerprint_keys",
    "load_corpus",
    "train_default_model",
]

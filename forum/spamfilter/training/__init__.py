"""Fitting and measuring the filter: not needed for a verdict.

Kept apart from the runtime package so that what a server imports to judge a reply is only
what a verdict needs. These modules may import the runtime; the runtime never imports them
(tests/test_layering.py). Fitting and evaluating need scikit-learn (requirements-dev.txt).

- ``dataset``: the labelled rows (real sources under ``SPAM_DATA_DIR``, the invented corpus);
- ``fit``: ``python -m forum.spamfilter.training.fit`` re-fits ``data/weights.json``;
- ``evaluate``: ``python -m forum.spamfilter.training.evaluate`` prints the report;
- ``build_real``: rebuilds the real rows from their public sources (``data/real/README.md``).
"""

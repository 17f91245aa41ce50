"""The spam filter's statistical model in this process, in step with moderator decisions.

Decisions reach every app server through the `TrainingExample` table; `save_snapshot` (run by
`manage.py save_spam_model`) stores the model with every standing decision, so a new worker
starts from it instead of re-learning them all. This module never names the filter's own
classes: `spam.py`, the one module that imports the filter, gives `ModelState` the ways to
make a model and a filter when it creates the process's state.
"""

import gc
import threading
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import SpamModelSnapshot, TrainingExample

SYNC_OVERLAP = 100


class ModelState:
    """The process's filter: loaded from the newest `SpamModelSnapshot` (or built from the
    shipped corpus and every decision when there is none), then updated incrementally with
    moderator decisions so every app server converges on the same model.

    Starting costs the same however many decisions were made before the snapshot. Other
    servers' decisions are fetched at most every SPAM_MODEL_SYNC_SECONDS, so posting does not
    pay a query for them each time; this process's own decisions mark the model stale when
    they commit, and are learned before the next verdict.
    """

    def __init__(self, *, default_model: Callable, load_model: Callable, new_filter: Callable):
        # How to make a model (from the shipped corpus, or from a snapshot's state) and a
        # filter around one: given by spam.py, the one module that knows the filter's classes.
        self.default_model = default_model
        self.load_model = load_model
        self.new_filter = new_filter
        self.lock = threading.Lock()
        self._clear()

    def _clear(self) -> None:
        self.filter = None
        self.model = None
        self.learned: dict[int, tuple[str, bool]] = {}  # since start
        self.through = 0  # the highest decision id in the model
        self.snapshot = None
        self.forgotten_from_snapshot: set[int] = set()
        self.synced_at = None
        self.checked_at = 0.0  # time.monotonic() of the last sync

    def get(self):
        """The process's filter, synced with other servers' decisions when they are due."""
        with self.lock:
            if self.filter is None:
                self._start()
            if time.monotonic() - self.checked_at >= settings.SPAM_MODEL_SYNC_SECONDS:
                self._sync()
            return self.filter

    def _start(self) -> None:
        self.snapshot = SpamModelSnapshot.objects.order_by("-taken_at", "-pk").first()
        if self.snapshot is None:
            self.model = self.default_model()
        else:
            self.model = self.load_model(self.snapshot.state)
            self.through = self.snapshot.through
            self.synced_at = self.snapshot.taken_at
            self.snapshot.tail, self.snapshot.revoked = (
                set(self.snapshot.tail),
                set(self.snapshot.revoked),
            )
        self.filter = self.new_filter(self.model)
        if gc.get_freeze_count():
            # A web worker (forum/wsgi.py froze its code): the model lives as long as the
            # process too, and goes out of the collector's full passes, which would otherwise
            # walk every one of its weights inside some request.
            gc.freeze()

    def mark_stale(self) -> None:
        self.checked_at = 0.0

    def learn_soon(self) -> None:
        """Have this process learn the current transaction's decisions before its next verdict.

        Marked now and again on commit: a verdict given in between (before the decision is
        visible to other connections) must not leave the model waiting a whole sync interval.
        """
        self.mark_stale()
        transaction.on_commit(self.mark_stale)

    def _in_snapshot(self, pk: int) -> bool:
        snapshot = self.snapshot
        if snapshot is None or pk > snapshot.through or pk in snapshot.revoked:
            return False
        return pk <= snapshot.through - SYNC_OVERLAP or pk in snapshot.tail

    def _sync(self) -> None:
        model = self.model
        now = timezone.now()
        # Look a little below the newest id learned: concurrent transactions can commit ids
        # out of order, and `learned` keeps any example from being learned twice.
        for pk, text, is_spam in TrainingExample.objects.filter(
            pk__gt=self.through - SYNC_OVERLAP, revoked_at__isnull=True
        ).values_list("pk", "text", "is_spam"):
            if pk in self.learned or self._in_snapshot(pk):
                continue
            model.learn(text, is_spam)
            self.learned[pk] = (text, is_spam)
            self.through = max(self.through, pk)
        if self.synced_at is not None:
            # A minute of overlap absorbs clock skew between app servers; `learned` and
            # `forgotten_from_snapshot` make forgetting idempotent.
            revoked = TrainingExample.objects.filter(
                revoked_at__gte=self.synced_at - timedelta(minutes=1)
            ).values_list("pk", "text", "is_spam")
            for pk, text, is_spam in revoked:
                if pk in self.learned:
                    model.forget(*self.learned.pop(pk))
                elif self._in_snapshot(pk) and pk not in self.forgotten_from_snapshot:
                    model.forget(text, is_spam)
                    self.forgotten_from_snapshot.add(pk)
        self.synced_at = now
        self.checked_at = time.monotonic()

    def reset(self) -> None:
        with self.lock:
            self._clear()

    def save_snapshot(self) -> SpamModelSnapshot:
        """Build the model from the corpus and every standing decision, store it for workers to
        start from, and keep only the two newest snapshots. Costs time in the number of
        decisions: run it from a command (after deploys, hourly), never in a request."""
        taken_at = timezone.now()
        model = self.default_model()
        learned, revoked = [], []
        # One statement, so standing and recently revoked decisions are read at one instant.
        rows = TrainingExample.objects.filter(
            Q(revoked_at__isnull=True) | Q(revoked_at__gte=taken_at - timedelta(minutes=2))
        ).values_list("pk", "text", "is_spam", "revoked_at")
        for pk, text, is_spam, revoked_at in rows.iterator():
            if revoked_at is not None:
                revoked.append(pk)
            else:
                model.learn(text, is_spam)
                learned.append(pk)
        through = max(learned, default=0)
        snapshot = SpamModelSnapshot.objects.create(
            state=model.to_dict(),
            through=through,
            tail=sorted(pk for pk in learned if pk > through - SYNC_OVERLAP),
            revoked=sorted(revoked),
            taken_at=taken_at,
        )
        newest_first = SpamModelSnapshot.objects.order_by("-taken_at", "-pk")
        stale = newest_first.values_list("pk", flat=True)[2:]
        SpamModelSnapshot.objects.filter(pk__in=list(stale)).delete()
        return snapshot

"""The logged-in member read from the cache: no query for them, nor their permissions, on most
requests, and any change to them seen by the next request.

`Backend.get_user` (the AUTHENTICATION_BACKENDS entry) keeps a copy of the member's row and
permissions under their id, together with the member's *generation*, a random token in its
own key. The generations are kept in each process until Redis says they changed
(forum/core/tracked.py), and so is a copy (forum/core/copies.py), so a member's request
usually asks Redis for neither; the copy is used only when its generation is the current
one. A change to the member deletes the generation key once the change commits
(`forget`), so the next request makes a new token and reads the database: a suspension, a
new password, a lost permission take effect at once. The copy made by a request that read
the row just before the change is kept under the old token, and never read.

What calls `forget`: saving or deleting a member (signals), any `User.objects...update()`
(forum/accounts/models.py), and changes of groups and permissions, which forget every
member (the `ALL` generation). Django checks the session's password hash against the copy
as against a row, so a password changed elsewhere logs the other sessions out as before.

During a Redis outage the cache keeps nothing (forum/core/resilient_cache.py): every request
reads the database, and a deletion Redis missed is replayed when it answers again, before
anything is read.
"""

import pickle
import secrets
import time
from collections.abc import Iterable

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db import transaction

from forum.core.copies import copies
from forum.core.resilient_cache import get_many_tracked

from .models import User

# A safety net only: a change reaches the copy through `forget` at once.
COPY_SECONDS = 15 * 60
ALL = "all"


def _generation_key(user_id) -> str:
    return f"auth-user-generation:{user_id}"


def _copy_key(user_id) -> str:
    return f"auth-user:{user_id}"


def forget(user_ids: Iterable[int | str]) -> None:
    """Make every copy of these members stale (`ALL`: everyone's): now, and again once the
    current transaction commits, as a request reading before the commit may have copied the
    old row meanwhile."""
    keys = [_generation_key(user_id) for user_id in user_ids]
    if not keys:
        return
    cache.delete_many(keys)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete_many(keys))


def _generations(user_id) -> tuple:
    """The member's and everyone's generation tokens (made afresh when missing), kept in the
    process until Redis says they changed (forum/core/tracked.py)."""
    keys = [_generation_key(user_id), _generation_key(ALL)]
    found = get_many_tracked(cache, keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            token = secrets.token_hex(8)
            # No expiry: a deletion Redis missed during an outage is then replayed.
            if not cache.add(key, token, None):
                token = cache.get(key)  # another request made one first
        tokens.append(token)
    return tuple(tokens)


def _keep(user_id, copy: tuple) -> None:
    # Pickled: each request gets a User of its own, as from Redis, never one another request
    # has changed.
    kept = pickle.dumps(copy, pickle.HIGHEST_PROTOCOL)
    copies.put(_copy_key(user_id), kept, size=len(kept), expires_at=time.time() + COPY_SECONDS)


def _copy(user_id, tokens: tuple):
    """The member's copy under these tokens: the process's own (forum/core/copies.py), else
    the shared cache's (which the process then keeps), else None."""
    kept = copies.get(_copy_key(user_id))
    if kept is not None and (copy := pickle.loads(kept))[0] == tokens:
        return copy
    copy = cache.get(_copy_key(user_id))
    if copy is None or copy[0] != tokens:
        return None
    _keep(user_id, copy)
    return copy


class Backend(ModelBackend):
    """Django's ModelBackend (passwords, permissions) with `get_user` read from the cache."""

    def get_user(self, user_id):
        tokens = _generations(user_id)
        copy = _copy(user_id, tokens)
        if copy is not None:
            return copy[1]
        user = super().get_user(user_id)
        if user is not None:
            # Read now so they travel with the copy (ModelBackend keeps them on the user).
            self.get_all_permissions(user)
            if None not in tokens:
                cache.set(_copy_key(user.pk), (tokens, user), COPY_SECONDS)
                _keep(user.pk, (tokens, user))
        return user


def connect_signals() -> None:
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    def member_changed(sender, instance, **kwargs):
        forget([instance.pk])

    def everyone_changed(sender, **kwargs):
        forget([ALL])

    for signal in (post_save, post_delete):
        signal.connect(
            member_changed, sender=User, weak=False, dispatch_uid=f"usercache.{signal}.user"
        )
        for model in (Group, Permission):
            signal.connect(
                everyone_changed,
                sender=model,
                weak=False,
                dispatch_uid=f"usercache.{signal}.{model}",
            )
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            everyone_changed, sender=through, weak=False, dispatch_uid=f"usercache.m2m.{through}"
        )

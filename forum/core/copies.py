"""Copies, in this process, of what it lately read from or wrote to the shared cache.

The shared cache (Redis) keeps whole pages (forum/core/pagecache.py) and rendered posts
(forum/questions/fragments.py), each stored with the versions it was rendered under and used
only while those are the current versions. The versions come without a round trip
(forum/core/tracked.py); the pages and posts themselves are tens of kilobytes that a request
would still move out of Redis and decode. So each process also keeps copies of the ones it
used lately, and its callers apply the same versions rule to a copy as to the shared entry:
a copy is never staler than what the shared cache would have given.

Bounded by FORUM_LOCAL_COPIES_BYTES of text (the least recently used go first) and by each
copy's own expiry, which is the shared entry's: a copy outlives nothing the shared cache
would have dropped, which also bounds how old a "5 minutes ago" in it grows.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings


class Copies:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, tuple[object, int, float]] = OrderedDict()
        self._size = 0

    def get(self, key: str):
        """The copy kept under `key`, or None (never kept, pushed out, or expired)."""
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            value, size, expires_at = found
            if expires_at <= time.time():
                del self._entries[key]
                self._size -= size
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, key: str, value, *, size: int, expires_at: float) -> None:
        """Keep `value` (whose text is `size` bytes) until `expires_at` (time.time())."""
        budget = settings.FORUM_LOCAL_COPIES_BYTES
        if size > budget // 16:  # one value never crowds out the rest
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= old[1]
            self._entries[key] = (value, size, expires_at)
            self._size += size
            while self._size > budget:
                _, (_, evicted, _) = self._entries.popitem(last=False)
                self._size -= evicted

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


# One budget for every kind of copy: pages and posts.
copies = Copies()

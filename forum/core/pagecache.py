"""Whole pages for anonymous readers, kept in the shared cache and never stale.

A page is stored under a key that names the versions of what it shows. Thread pages name the
site's version and their thread's; every other cached page (lists, tags, search, profiles,
revisions) names the version that every visible write moves. The write services call
`thread_changed` or `everything_changed`; the versions move after the transaction commits, so a
reader who rendered the old rows before the commit stored them under a version no later reader
asks for. A missing version (evicted, or a new cache) starts at the clock's nanoseconds, so it
never repeats a number an old page was stored under.

Only anonymous GET and HEAD requests (no session cookie) to views marked with
`cached_for_readers` are served from here, and only when every query parameter is one the view
declared, with a value of the declared shape: anything else passes straight through, so nobody
can fill the cache with junk keys. Members never get a cached page. Responses carry an ETag and
Last-Modified, and a matching conditional request gets a 304 without the page being rendered.
"""

import hashlib
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from . import replicas

SITE = "pagecache:v:site"  # moved by changes that reach every page (suspensions)
ANY = "pagecache:v:any"  # moved by every visible write: lists, tags, search, profiles
PAGE_NUMBER = r"[1-9][0-9]{0,3}"


def _thread(thread_id) -> str:
    return f"pagecache:v:thread:{int(thread_id)}"


@dataclass(frozen=True)
class ReaderCache:
    """How a view's pages are cached: the query parameters it understands (name → the full
    pattern its value must match) and, for thread pages, the URL argument naming the thread."""

    params: dict[str, str] = field(default_factory=dict)
    thread_kwarg: str | None = None

    def versions_for(self, kwargs: dict) -> list[str]:
        if self.thread_kwarg is None:
            return [ANY]
        return [SITE, _thread(kwargs[self.thread_kwarg])]

    def accepts(self, query) -> bool:
        for name in query:
            values = query.getlist(name)
            pattern = self.params.get(name)
            if pattern is None or len(values) != 1 or not re.fullmatch(pattern, values[0]):
                return False
        return True


def cached_for_readers(*, params: dict[str, str] | None = None, thread_kwarg: str | None = None):
    """Mark a view whose anonymous GET pages `PageCacheMiddleware` may store and serve."""

    def mark(view):
        view.reader_cache = ReaderCache(params=params or {}, thread_kwarg=thread_kwarg)
        return view

    return mark


def _bump(keys: list[str]) -> None:
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # not there yet (or evicted): any fresh number will do
            cache.set(key, time.time_ns(), timeout=None)


def _after_commit(keys: list[str]) -> None:
    # robust: the write has committed; a cache outage must not turn it into an error page.
    transaction.on_commit(lambda: _bump(keys), robust=True)


def thread_changed(thread_id: int) -> None:
    """Readers must see the thread (and every list) anew once this transaction commits."""
    _after_commit([_thread(thread_id), ANY])


def threads_changed(thread_ids: list[int]) -> None:
    """Readers must see these threads anew once this transaction commits: many at once (a
    member's shown reputation, on every thread they wrote in), in one round trip.

    Their versions are deleted rather than moved: a missing version starts again at the
    clock's nanoseconds (above), a number no page was stored under, so the old pages are
    unreachable as surely as after a move, as forum/core/resilient_cache.py relies on too."""
    keys = [_thread(thread_id) for thread_id in thread_ids]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys), robust=True)


def everything_changed() -> None:
    """Readers must see every page anew once this transaction commits (suspensions, renames)."""
    _after_commit([SITE, ANY])


def members_changed() -> None:
    """Readers must see lists and profiles anew once this transaction commits: a member's
    arrival, name or about text, which no thread page shows."""
    _after_commit([ANY])


def _versions(keys: list[str]) -> list[int]:
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key)
    return [found[key] for key in keys]


def thread_versions(thread_id: int) -> str:
    """The site's and the thread's versions, as the thread page's key names them: the key of
    anything cached from a thread page (forum/questions/fragments.py). Read it before the
    rows, as the middleware does: a piece rendered from rows a write has since replaced is
    then stored under the version before that write, which no later reader asks for."""
    return ".".join(str(version) for version in _versions([SITE, _thread(thread_id)]))


def _not_modified(request, entry: dict) -> bool:
    etag = request.headers.get("If-None-Match")
    if etag is not None:
        return entry["etag"] in (tag.strip() for tag in etag.split(","))
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    # Strictly earlier: a page re-rendered within the client's second may differ from its copy.
    return since is not None and entry["stored_at"] < since


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the shared cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The Host is checked before any cached answer, as Django's own middleware would
        # check it later (an unknown host raises DisallowedHost: a 400, never a page).
        request.get_host()
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        entry = cache.get(key)
        if entry is not None:
            if _not_modified(request, entry):
                response = HttpResponseNotModified()
            else:
                response = HttpResponse(entry["content"], status=200)
                for name, value in entry["headers"]:
                    response[name] = value
            response["X-Page-Cache"] = "hit"
        else:
            # Stored pages come from the primary: see forum/core/replicas.py.
            with replicas.reads_from_primary():
                response = self.get_response(request)
            entry = self._store(key, response)
            if entry is None:
                return response
            response["X-Page-Cache"] = "miss"
        response["ETag"] = entry["etag"]
        response["Last-Modified"] = http_date(entry["stored_at"])
        # Browsers revalidate every time (cheap: a 304); shared caches keep member pages apart.
        response["Cache-Control"] = "no-cache"
        patch_vary_headers(response, ["Cookie"])
        return response

    def _key(self, request) -> str | None:
        """The cache key for this request, or None when it must not be cached."""
        if (
            settings.FORUM_PAGE_CACHE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
        ):
            return None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        policy = getattr(match.func, "reader_cache", None)
        if policy is None or not policy.accepts(request.GET):
            return None
        keys = policy.versions_for(match.kwargs)
        versions = ".".join(str(version) for version in _versions(keys))
        query = "&".join(f"{name}={request.GET[name]}" for name in sorted(request.GET))
        # The scheme and host too: pages name their own absolute address (canonical links,
        # feeds, the sitemap), which must not be served to a reader who came by another.
        where = f"{request.scheme}://{request.get_host()}{request.path_info}?{query}"
        address = hashlib.sha256(where.encode()).hexdigest()
        return f"pagecache:page:{address}:{versions}"

    def _store(self, key: str, response) -> dict | None:
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
        ):
            return None
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("vary", "content-length")
        ]
        entry = {
            "content": response.content,
            "headers": headers,
            "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
            "stored_at": int(time.time()),
        }
        cache.set(key, entry, timeout=settings.FORUM_PAGE_CACHE_SECONDS)
        return entry

"""Whole pages for anonymous readers, kept in the shared cache and never stale.

A page is stored under its address alone, together with the versions of what it shows as
they were read before it was rendered. Thread pages show the site's version and their
thread's; every other cached page (lists, tags, search, profiles, revisions) the version that
every visible write moves. A page is served only when the versions it was rendered under are
the current ones. The write services call `thread_changed` or
`everything_changed`; the versions move after the transaction commits, so a reader who
rendered the old rows before the commit stored them under versions that are no longer current
for any later reader. A missing version (evicted, or a new cache) matches no stored page: the
page is rendered and the version starts at the clock's nanoseconds, so it never repeats a
number an old page was stored under. Two readers rendering one address at once may store
their pages in either order: one stored last under older versions costs the next reader a
render, never a stale page.

Only anonymous GET and HEAD requests (no session cookie) to views marked with
`cached_for_readers` are served from here, and only when every query parameter is one the view
declared, with a value of the declared shape: anything else passes straight through, so nobody
can fill the cache with junk keys. Members never get a cached page. Responses carry an ETag and
Last-Modified, and a matching conditional request gets a 304 without the page being rendered.

A page served from here usually costs no round trip at all and no database query:
- each process keeps the versions it read, and Redis tells it when one moves
  (forum/core/tracked.py); only a version it has not read yet is asked for;
- each process keeps copies of the pages it served lately (forum/core/copies.py), served under
  the same rule; a page it has no copy of is one GET from the shared cache, which every
  process shares;
- the middleware sits before sessions, authentication and messages, and everything a hit
  sends (the page's own headers, its validators) was worked out when the page was stored.
"""

import hashlib
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from . import replicas
from .copies import copies
from .resilient_cache import get_many_tracked

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
    fresh = time.time_ns()
    if bump := getattr(cache, "bump", None):
        # Redis (forum/core/resilient_cache.py): every version in one round trip, as below.
        bump(dict.fromkeys(keys, fresh))
        return
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # not there yet (or evicted): any fresh number will do
            cache.set(key, fresh, timeout=None)


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


@lru_cache(maxsize=1024)
def _route(path: str, urlconf, root: str) -> tuple[ReaderCache | None, tuple[str, ...]]:
    """How the view at `path` is cached (None: not at all) and the keys of the versions its
    page shows. Kept per path: a cached page would otherwise pay for matching its URL against
    the URL patterns on every hit (tens of µs; a miss matches it again in Django's handler).
    The URLconf and ROOT_URLCONF are part of the key, as in forum/core/reversing.py."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None, ()
    policy = getattr(match.func, "reader_cache", None)
    if policy is None:
        return None, ()
    return policy, tuple(policy.versions_for(match.kwargs))


def _read_versions(keys: list[str]) -> list:
    """The current versions (None for one missing), kept in this process while Redis says
    they have not moved (forum/core/tracked.py), so usually without a round trip."""
    found = get_many_tracked(cache, keys)
    return [found.get(key) for key in keys]


def _start_missing(keys: list[str], versions: list) -> list:
    """The versions, with those missing from the cache started (see the module docstring).
    None stays for a version the cache cannot keep (Redis unreachable): no page is stored."""
    missing = [key for key, version in zip(keys, versions, strict=True) if version is None]
    if not missing:  # the usual case: no round trip (an empty MGET is one, answering an error)
        return versions
    for key in missing:
        cache.add(key, time.time_ns(), timeout=None)
    # Read back: another worker may have started the same version first.
    started = iter(_read_versions(missing))
    return [next(started) if version is None else version for version in versions]


def thread_version_keys(thread_id: int) -> list[str]:
    """The cache keys of the versions `thread_versions` joins, to read with other keys."""
    return [SITE, _thread(thread_id)]


def _joined(versions: list) -> str:
    """Versions as `thread_versions` names them."""
    return ".".join(str(version) for version in versions)


def current_thread_versions(thread_id: int) -> str | None:
    """The thread's versions as `thread_versions` names them, or None while one is missing
    (not started yet, evicted, or Redis unreachable): nothing stored is current then."""
    versions = _read_versions(thread_version_keys(thread_id))
    return None if None in versions else _joined(versions)


def thread_versions(thread_id: int) -> str:
    """The site's and the thread's versions, as the thread page's key names them: the key of
    anything cached from a thread page (forum/questions/fragments.py). Read it before the
    rows, as the middleware does: a piece rendered from rows a write has since replaced is
    then stored under the version before that write, which no later reader asks for."""
    keys = thread_version_keys(thread_id)
    versions = _start_missing(keys, _read_versions(keys))
    if None in versions:
        # The cache cannot keep versions (Redis unreachable): a name no reader asks for again.
        return f"unkept-{time.time_ns()}"
    return _joined(versions)


def _not_modified(request, entry: dict) -> bool:
    etag = request.headers.get("If-None-Match")
    if etag is not None:
        return entry["etag"] in (tag.strip() for tag in etag.split(","))
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    # Strictly earlier: a page re-rendered within the client's second may differ from its copy.
    return since is not None and entry["stored_at"] < since


def _fresh(entry: dict | None, versions: list) -> bool:
    """Whether a stored page may be served: rendered under the current versions, and no
    older than the shared cache keeps a page (which bounds how old a "5 minutes ago" grows)."""
    return (
        entry is not None
        and None not in versions
        and entry["versions"] == versions
        and _expires_at(entry) > time.time()
    )


def _expires_at(entry: dict) -> float:
    return entry["stored_at"] + settings.FORUM_PAGE_CACHE_SECONDS


def _keep_copy(key: str, entry: dict) -> None:
    copies.put(key, entry, size=len(entry["content"]), expires_at=_expires_at(entry))


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the shared cache (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The Host is checked before any cached answer, as Django's own middleware would
        # check it later (an unknown host raises DisallowedHost: a 400, never a page).
        host = request.get_host()
        plan = self._plan(request, host)
        if plan is None:
            return self.get_response(request)
        page_key, version_keys = plan
        versions = _read_versions(version_keys)
        copy = copies.get(page_key)
        if _fresh(copy, versions):
            return self._hit(request, copy)
        entry = cache.get(page_key) if None not in versions else None
        if _fresh(entry, versions):
            _keep_copy(page_key, entry)
            return self._hit(request, entry)
        return self._miss(request, page_key, version_keys, versions)

    def _plan(self, request, host: str) -> tuple[str, list[str]] | None:
        """The page's key and its versions' keys, or None when the request must not be cached."""
        if (
            settings.FORUM_PAGE_CACHE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "messages" in request.COOKIES
        ):
            return None
        policy, version_keys = _route(request.path_info, get_urlconf(), settings.ROOT_URLCONF)
        if policy is None or not policy.accepts(request.GET):
            return None
        query = "&".join(f"{name}={request.GET[name]}" for name in sorted(request.GET))
        # The scheme and host too: pages name their own absolute address (canonical links,
        # feeds, the sitemap), which must not be served to a reader who came by another.
        where = f"{request.scheme}://{host}{request.path_info}?{query}"
        address = hashlib.sha256(where.encode()).hexdigest()
        return f"pagecache:page:{address}", list(version_keys)

    def _hit(self, request, entry: dict):
        if _not_modified(request, entry):
            response = HttpResponseNotModified(headers=entry["validators"])
        else:
            response = HttpResponse(entry["content"], headers=entry["headers"])
        response["X-Page-Cache"] = "hit"
        return response

    def _miss(self, request, page_key: str, version_keys: list[str], versions: list):
        if None in versions:
            # Read before rendering: a write that commits during the render moves them after.
            versions = _start_missing(version_keys, versions)
        # Stored pages come from the primary: see forum/core/replicas.py.
        with replicas.reads_from_primary():
            response = self.get_response(request)
        entry = self._store(page_key, versions, response)
        if entry is None:
            return response
        for name, value in entry["validators"]:
            if name != "Vary":
                response[name] = value
        patch_vary_headers(response, ["Cookie"])
        response["X-Page-Cache"] = "miss"
        return response

    def _store(self, key: str, versions: list, response) -> dict | None:
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Cache-Control")
        ):
            return None
        stored_at = int(time.time())
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        validators = [
            ("ETag", etag),
            ("Last-Modified", http_date(stored_at)),
            # Browsers revalidate every time (cheap: a 304); shared caches keep member pages
            # apart.
            ("Cache-Control", "no-cache"),
            ("Vary", "Cookie"),
        ]
        page_headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("vary", "content-length")
        ]
        entry = {
            "versions": versions,
            "content": response.content,
            # Everything a hit sends, worked out once here rather than on every hit.
            "headers": page_headers + validators,
            "validators": validators,
            "etag": etag,
            "stored_at": stored_at,
        }
        if None not in versions:  # a version the cache could not keep matches nothing later
            cache.set(key, entry, timeout=settings.FORUM_PAGE_CACHE_SECONDS)
            _keep_copy(key, entry)
        return entry

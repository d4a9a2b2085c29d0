"""Public pages served from memory while nothing they show has changed (issue 10).

A resident's page costs milliseconds to build; served from memory it costs a dictionary
look-up. A page is kept under everything it depends on: its URL, page or fragment, the
language and elder-mode cookies, its community's data version (core/versions.py, read
with the community on every request, so every host sees a change at once) and the
minute, so that "starts in …" and "closed" are never more than a minute old.

Public pages are kept as an anonymous browser sees them: a request carrying any cookie
but the session, language and elder-mode ones (a remembered volunteer, a login), or a
session holding a signed-in user or a flashed message, is built as usual. The CSRF token
is the one per-visitor part of such a page: it is kept as a placeholder and the visitor's
own token goes in on the way out.

A page that differs by visitor (a staff page, a remembered volunteer's activity) names
its Viewer: who the page is built for goes into the key, so each person has their own
copy, and the cookies and session keys that name them no longer stop the caching. Such
a page is checked for access before the cache is asked (the decorator goes below the
access checks), and it carries no validator: browsers never keep it (no-store).
"""
import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask_wtf.csrf import generate_csrf

from blueprints.core import clock
from lru import BoundedLRU

PLACEHOLDER = b"\x1bcsrf-token\x1b"
SHARED_COOKIES = {"lang", "elder"}
PERSONAL_SESSION_KEYS = {"_user_id", "_flashes"}
PARTIAL_HEADERS = ("HX-Request", "HX-Boosted", "HX-History-Restore-Request", "HX-Target")


@dataclass(frozen=True)
class Entry:
    """A stored page: its body with the token taken out, status and content type."""

    body: bytes
    status: int
    mimetype: str


@dataclass(frozen=True)
class Viewer:
    """Who a personal page is for: `identity()` goes into the key; `cookies()` and
    `session_keys` name them, so they are allowed on a cached request."""

    identity: Callable[[], Hashable | None]  # None: the page everyone without one sees
    cookies: Callable[[], set[str]] = set
    session_keys: frozenset[str] = frozenset()


class PageCache(BoundedLRU[Entry]):
    """The pages kept by this process: 2,000 at most, 64 MB of bodies at most."""

    def __init__(self, max_entries: int = 2000, max_bytes: int = 64 * 1024 * 1024):
        super().__init__(max_entries, max_bytes, size=lambda entry: len(entry.body))


def _cache() -> PageCache:
    """This process's cache of the app (made on first use, after gunicorn forked)."""
    extensions = current_app.extensions
    if "page_cache" not in extensions:
        extensions.setdefault("page_cache", PageCache())
    return extensions["page_cache"]


def _shared(viewer: Viewer | None) -> bool:
    """True when nothing in this request but the viewer (if any) makes the page differ
    from any other visitor's."""
    allowed = SHARED_COOKIES | {current_app.config["SESSION_COOKIE_NAME"]}
    personal = PERSONAL_SESSION_KEYS
    if viewer is not None:
        allowed, personal = allowed | viewer.cookies(), personal - viewer.session_keys
    if set(request.cookies) - allowed:
        return False
    return not (personal & set(session.keys()))


def page_key(viewer: Viewer | None = None) -> tuple | None:
    """What this page depends on, or None when it must be built for this visitor."""
    community = g.get("community")
    if (request.method != "GET" or community is None or not current_app.config["PAGE_CACHE"]
            or not _shared(viewer)):
        return None
    return (request.endpoint, request.full_path, tuple(request.headers.get(h) for h in PARTIAL_HEADERS),
            request.cookies.get("lang"), request.cookies.get("elder"), community.id,
            community.data_version, clock.now().replace(second=0, microsecond=0),
            viewer.identity() if viewer is not None else None)


def _stored(response) -> Entry | None:
    """The response as an entry, or None when it is not a plain page to keep."""
    if response.status_code != 200 or response.direct_passthrough or not _only_session(response):
        return None
    body = response.get_data()
    token = g.get("csrf_token")
    if token:
        body = body.replace(token.encode(), PLACEHOLDER)
    return Entry(body, response.status_code, response.mimetype)


def _only_session(response) -> bool:
    """True when the only cookie the response sets is the session's (the CSRF token)."""
    name = current_app.config["SESSION_COOKIE_NAME"]
    return all(v.startswith(f"{name}=") for v in response.headers.getlist("Set-Cookie"))


def _served(entry: Entry):
    body = entry.body
    if PLACEHOLDER in body:
        body = body.replace(PLACEHOLDER, generate_csrf().encode())
    response = make_response(body, entry.status)
    response.mimetype = entry.mimetype
    response.headers["X-Page-Cache"] = "hit"
    return response


def etag_of(key: tuple) -> str:
    """The page's version for this visitor: its key and their session's CSRF secret.

    A browser's copy holds the visitor's token; after their session ends (a browser
    restart) the copy's token is useless, so the tag changes with the session too.
    """
    seen = repr(key) + session.get("csrf_token", "")
    return hashlib.sha256(seen.encode()).hexdigest()[:32]


def _conditional(response, etag: str):
    """Let the browser keep the page and ask again with If-None-Match (never a proxy)."""
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def cached_page(view=None, *, viewer: Viewer | None = None):
    """Serve the view's page from memory while its key is unchanged (see the module).

    `@cached_page` for a page everyone sees alike: a browser that already has this
    version gets 304 Not Modified and nothing else. `@cached_page(viewer=…)` for a page
    built for one visitor at a time, kept per visitor and never in their browser.
    """
    if view is None:
        return lambda view: cached_page(view, viewer=viewer)

    def validated(response, key):
        return response if key[-1] is not None else _conditional(response, etag_of(key))

    @wraps(view)
    def serve(*args, **kwargs):
        key = page_key(viewer)
        if key is None:
            return view(*args, **kwargs)
        if key[-1] is None and session.get("csrf_token") and etag_of(key) in request.if_none_match:
            return _conditional(make_response("", 304), etag_of(key))
        cache = _cache()
        if (entry := cache.get(key)) is not None:
            return validated(_served(entry), key)
        response = make_response(view(*args, **kwargs))
        if (entry := _stored(response)) is not None:
            cache.put(key, entry)
            validated(response, key)  # the session holds the page's token now
        return response

    return serve

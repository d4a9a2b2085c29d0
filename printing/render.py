"""Rendering a print document: template → HTML → (cached) PDF, and recording a printing."""
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import weasyprint
from flask import current_app, render_template
from flask_babel import get_locale, to_user_timezone

from models import Community, User
from printing.cache import PdfCache, content_key
from printing.fetcher import BASE_URL, StaticOnlyFetcher
from printing.registry import Document, PrintJob, get_document

log = logging.getLogger(__name__)
MEMO_LIMIT = 4096  # remembered fingerprints per process; forgotten all at once past it


@dataclass
class RenderedPdf:
    """A finished PDF and whether it came from the cache.

    `job` is None when the pre-render cache answered without building the document.
    """

    data: bytes
    filename: str
    key: str
    cached: bool
    job: PrintJob | None = None
    options: dict = field(default_factory=dict)


def html_to_pdf(html: str) -> bytes:
    """Run WeasyPrint on `html`, fetching only static files."""
    fetcher = StaticOnlyFetcher(current_app.static_folder)
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def _footer(community: Community) -> str:
    # Every page's footer names the community and the day it was generated.
    return f"{community.name} · 生成于 {to_user_timezone(datetime.now(timezone.utc)).date().isoformat()}"


def _html(job: PrintJob, community: Community) -> str:
    # printed=True: the page goes on a notice board, so numbers in its text are masked.
    return render_template(job.template, community=community, footer_text=_footer(community),
                           printed=True, **job.context)


def render_html(name: str, community: Community, options: dict | None = None) -> tuple[str, str]:
    """The document's HTML (its preview twin) and its file name."""
    job = get_document(name).build(community, dict(options or {}))
    return _html(job, community), job.filename


def _templates_stamp() -> str:
    """Names, sizes and times of the print templates: a deploy that changes them misses.

    The print layout lives in templates/print/, each domain's documents in
    templates/<domain>/print/.
    """
    root = Path(current_app.root_path, current_app.template_folder)
    files = sorted([*root.glob("print/*"), *root.glob("*/print/*")])
    return ";".join(f"{f.relative_to(root)}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files)


def _memo(key: tuple, compute):
    """compute(), remembered in this process for the rest of the minute under `key`.

    For what only changes with a community's data version (in the key) or a deploy: a
    scanned poster then costs no query for its fingerprint. The minute bounds what a
    change that does not raise the version (DESIGN §10) could leave unseen.
    """
    memo = current_app.extensions.setdefault("print_memo", {})
    key = (int(time.time() // 60), *key)
    if key not in memo:
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[key] = compute()
    return memo[key]


def _pointer(cache: PdfCache, prekey: str) -> tuple[str, str] | None:
    """cache.lookup(prekey), remembered in this process once found: a pre-key covers all
    the HTML is made from, so it always leads to the same content (the last-good pointer,
    which moves, is never read through here)."""
    known = current_app.extensions.setdefault("print_pointers", {})
    if prekey not in known:
        if (found := cache.lookup(prekey)) is None:
            return None
        if len(known) >= MEMO_LIMIT:
            known.clear()
        known[prekey] = found
    return known[prekey]


def _prekey(document: Document, community: Community, options: dict) -> str | None:
    """Everything the HTML depends on, without building it; None if the document can't say."""
    if document.fingerprint is None:
        return None
    shape = json.dumps(options, sort_keys=True)
    data = _memo((document.name, community.id, community.data_version, shape),
                 lambda: document.fingerprint(community, options))
    if data is None:
        return None
    parts = [document.name, shape, data, _footer(community),
             str(get_locale()), _memo(("templates",), _templates_stamp), weasyprint.__version__]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _last_good_key(name: str, community: Community, options: dict) -> str:
    """The pre-key under which the cache remembers the newest PDF of this document.

    Shaped like any other pre-key (a SHA-256), so every PdfCache backend can store it.
    """
    parts = ["last-good", name, community.slug, json.dumps(options, sort_keys=True), str(get_locale())]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _remember_last_good(name: str, community: Community, options: dict, key: str, filename: str,
                        cache: PdfCache) -> None:
    last = _last_good_key(name, community, options)
    if (known := cache.lookup(last)) is None or known[0] != key:
        cache.remember(last, key, filename)


def stored_pdf(name: str, community: Community, options: dict | None = None) -> RenderedPdf | None:
    """The document as it is now, if it was already rendered; never runs WeasyPrint.

    With a fingerprint this costs a lookup (a miss is left to the render job, which finds
    an unchanged HTML in the cache anyway); without one it builds the HTML (milliseconds)
    to learn its content key.
    """
    document, options = get_document(name), dict(options or {})
    cache = PdfCache(current_app.config["PRINT_CACHE_DIR"])
    if (prekey := _prekey(document, community, options)) is not None:
        if (known := _pointer(cache, prekey)) and (data := cache.get(known[0])) is not None:
            return RenderedPdf(data, known[1], known[0], cached=True, options=options)
        return None
    job = document.build(community, options)
    key = content_key(_html(job, community))
    if (data := cache.get(key)) is None:
        return None
    return RenderedPdf(data, job.filename, key, cached=True, job=job, options=options)


def last_good_pdf(name: str, community: Community, options: dict | None = None) -> RenderedPdf | None:
    """The newest PDF ever rendered of this document with these options, maybe out of date."""
    options = dict(options or {})
    cache = PdfCache(current_app.config["PRINT_CACHE_DIR"])
    known = cache.lookup(_last_good_key(name, community, options))
    if known is None or (data := cache.get(known[0])) is None:
        return None
    return RenderedPdf(data, known[1], known[0], cached=True, options=options)


def render_pdf(name: str, community: Community, options: dict | None = None) -> RenderedPdf:
    """The document as PDF, from the cache when nothing it shows changed. No side effects.

    Runs WeasyPrint when the content is new: web requests call stored_pdf and queue this
    (blueprints/printing/queue.py); the CLI and the render jobs call it.
    """
    document, options = get_document(name), dict(options or {})
    cache = PdfCache(current_app.config["PRINT_CACHE_DIR"])
    prekey = _prekey(document, community, options)
    if prekey and (known := cache.lookup(prekey)) and (data := cache.get(known[0])) is not None:
        return RenderedPdf(data, known[1], known[0], cached=True, options=options)
    job = document.build(community, options)
    html = _html(job, community)
    key = content_key(html)
    if (data := cache.get(key)) is not None:
        cached = True
    else:
        data, cached = html_to_pdf(html), False
        cache.put(key, data)
        log.info("printed %s for %s (%d bytes)", name, community.slug, len(data))
    if prekey:
        cache.remember(prekey, key, job.filename)
    _remember_last_good(name, community, options, key, job.filename, cache)
    return RenderedPdf(data, job.filename, key, cached=cached, job=job, options=options)


def record_printing(name: str, community: Community, result: RenderedPdf, actor: User | None) -> None:
    """Tell the document that staff (or the CLI) printed it: call its on_printed hook.

    Only the staff PDF download and `flask print` call this; the preview and public
    downloads never do, so looking at a document does not count as printing it.
    """
    document = get_document(name)
    if document.on_printed is None:
        return
    # Served by the pre-render cache: build again (reads only) for what the hook keeps.
    job = result.job or document.build(community, dict(result.options))
    document.on_printed(community, job, actor)

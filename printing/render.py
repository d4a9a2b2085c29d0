"""Rendering a print document: template → HTML → (cached) PDF, and recording a printing."""
import logging
from dataclasses import dataclass

import weasyprint
from flask import current_app, render_template

from models import Community, User
from printing.cache import PdfCache, content_key
from printing.fetcher import BASE_URL, StaticOnlyFetcher
from printing.links import local_today
from printing.registry import PrintJob, get_document

log = logging.getLogger(__name__)


@dataclass
class RenderedPdf:
    """A finished PDF, whether it came from the cache, and the job it was made from."""

    data: bytes
    filename: str
    key: str
    cached: bool
    job: PrintJob | None = None


def html_to_pdf(html: str) -> bytes:
    """Run WeasyPrint on `html`, fetching only static files."""
    fetcher = StaticOnlyFetcher(current_app.static_folder)
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def _footer(community: Community) -> str:
    # Every page's footer names the community and the day it was generated.
    return f"{community.name} · 生成于 {local_today().isoformat()}"


def _html(job: PrintJob, community: Community) -> str:
    return render_template(job.template, community=community, footer_text=_footer(community),
                           **job.context)


def render_html(name: str, community: Community, options: dict | None = None) -> tuple[str, str]:
    """The document's HTML (its preview twin) and its file name."""
    job = get_document(name).build(community, dict(options or {}))
    return _html(job, community), job.filename


def render_pdf(name: str, community: Community, options: dict | None = None) -> RenderedPdf:
    """The document as PDF, from the cache when its HTML has not changed. No side effects."""
    job = get_document(name).build(community, dict(options or {}))
    html = _html(job, community)
    key = content_key(html)
    cache = PdfCache(current_app.config["PRINT_CACHE_DIR"])
    if (data := cache.get(key)) is not None:
        return RenderedPdf(data, job.filename, key, cached=True, job=job)
    data = html_to_pdf(html)
    cache.put(key, data)
    log.info("printed %s for %s (%d bytes)", name, community.slug, len(data))
    return RenderedPdf(data, job.filename, key, cached=False, job=job)


def record_printing(name: str, community: Community, result: RenderedPdf, actor: User | None) -> None:
    """Tell the document that staff (or the CLI) printed it: call its on_printed hook.

    Only the staff PDF download and `flask print` call this; the preview and public
    downloads never do, so looking at a document does not count as printing it.
    """
    document = get_document(name)
    if document.on_printed is not None and result.job is not None:
        document.on_printed(community, result.job, actor)

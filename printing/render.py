"""Rendering a print document: template → HTML → (cached) PDF."""
import logging
from dataclasses import dataclass

import weasyprint
from flask import current_app, render_template

from models import Community
from printing.cache import PdfCache, content_key
from printing.fetcher import BASE_URL, StaticOnlyFetcher
from printing.links import local_today
from printing.registry import get_document

log = logging.getLogger(__name__)


@dataclass
class RenderedPdf:
    """A finished PDF and whether it came from the cache."""

    data: bytes
    filename: str
    key: str
    cached: bool


def html_to_pdf(html: str) -> bytes:
    """Run WeasyPrint on `html`, fetching only static files."""
    fetcher = StaticOnlyFetcher(current_app.static_folder)
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def render_html(name: str, community: Community, options: dict | None = None) -> tuple[str, str]:
    """The document's HTML (its preview twin) and its file name."""
    job = get_document(name).build(community, dict(options or {}))
    # Every page's footer names the community and the day it was generated.
    footer = f"{community.name} · 生成于 {local_today().isoformat()}"
    html = render_template(job.template, community=community, footer_text=footer, **job.context)
    return html, job.filename


def render_pdf(name: str, community: Community, options: dict | None = None) -> RenderedPdf:
    """The document as PDF, from the cache when its HTML has not changed."""
    html, filename = render_html(name, community, options)
    key = content_key(html)
    cache = PdfCache(current_app.config["PRINT_CACHE_DIR"])
    if (data := cache.get(key)) is not None:
        return RenderedPdf(data, filename, key, cached=True)
    data = html_to_pdf(html)
    cache.put(key, data)
    log.info("printed %s for %s (%d bytes)", name, community.slug, len(data))
    return RenderedPdf(data, filename, key, cached=False)

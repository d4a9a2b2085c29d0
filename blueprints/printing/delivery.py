"""Answering a PDF request without rendering in it: the current PDF, else queue a render.

Shared by the print centre, the public poster and the volunteer certificate (a route
module never imports another one). WeasyPrint runs in queue.py's jobs only.
"""
from dataclasses import dataclass
from io import BytesIO

from flask import Response, render_template, send_file
from flask_babel import lazy_gettext as _l

from blueprints.printing.queue import enqueue_render
from models import Community
from models.printing import RenderJob
from printing.render import RenderedPdf, last_good_pdf, stored_pdf

STATE_LABELS = {"queued": _l("排队等待生成"), "rendering": _l("正在生成"),
                "done": _l("已生成"), "failed": _l("生成失败")}
RETRY_SECONDS = 5  # how soon a resident's browser asks again for a poster being prepared


@dataclass
class Delivery:
    """What a PDF request gets: the current PDF, or the job making it and the last good one."""

    current: RenderedPdf | None
    job: RenderJob | None = None
    last_good: RenderedPdf | None = None


def deliver(name: str, community: Community, options: dict) -> Delivery:
    """The PDF as it is now if already rendered; else queue its render (DocumentError on bad options)."""
    if (pdf := stored_pdf(name, community, options)) is not None:
        return Delivery(pdf)
    job = enqueue_render(name, community.slug, options)
    if job.state == "done" and (pdf := stored_pdf(name, community, options)) is not None:
        return Delivery(pdf, job)  # the inline backend rendered it meanwhile
    return Delivery(None, job, last_good_pdf(name, community, options))


def send_pdf(pdf: RenderedPdf, current: bool = True) -> Response:
    """The PDF as a download; X-Print-Cache says whether it shows the current content.

    Always "hit" or "stale": a request no longer renders (an inline job fills the cache first).
    """
    response = send_file(BytesIO(pdf.data), mimetype="application/pdf", download_name=pdf.filename)
    response.headers["X-Print-Cache"] = "hit" if current else "stale"
    return response


def preparing(community: Community, what: str, link: tuple[str, str] | None = None) -> Response:
    """The friendly "being prepared" page: 503 with Retry-After, and it reloads itself.

    `link` (url, label) offers something to read meanwhile, e.g. the live checklist.
    """
    html = render_template("printing/preparing.html", community=community, what=what,
                           retry=RETRY_SECONDS, link=link)
    return Response(html, 503, {"Retry-After": str(RETRY_SECONDS)})

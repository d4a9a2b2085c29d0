"""RSS of an idle gunicorn worker, and its growth after 50 uncached checklist PDFs."""
import statistics
import time

from bench import printcache
from bench.client import Browser
from bench.server import Server, Settings


def run(env: dict, settings: Settings, slug: str, log: str, pdfs: int = 50) -> dict:
    """One worker (so that every request lands on the process measured)."""
    # RENDER_QUEUE_INLINE: each request renders the PDF in this worker, as it measures RSS.
    server = Server("app:create_app()", Settings(1, settings.threads, settings.timeout),
                    {**env, "RENDER_QUEUE_INLINE": "1"}, log)
    try:
        booted = server.rss_mb()[0]
        browser = Browser(server.base)
        for path in (f"/c/{slug}/", f"/c/{slug}/services", f"/c/{slug}/activities"):
            browser.get(path)
        time.sleep(1)
        idle = server.rss_mb()[0]
        seconds = []
        for n in range(pdfs):
            printcache.empty(env["DATABASE_URL"], (slug, n))  # as after an approved change
            began = time.perf_counter()
            status, _headers, body = browser.get(f"/c/{slug}/services.pdf")
            seconds.append(time.perf_counter() - began)
            # The cache was emptied: a PDF now was rendered in this request (an inline job).
            if status != 200 or not body.startswith(b"%PDF"):
                raise RuntimeError(f"uncached PDF: {status} {body[:60]!r}")
        time.sleep(1)
        after = server.rss_mb()[0]
        browser.close()
    finally:
        server.stop()
    return {"booted_mb": booted, "idle_mb": idle, "after_mb": after, "pdfs": pdfs,
            "pdf_median_s": statistics.median(seconds), "pdf_max_s": max(seconds)}

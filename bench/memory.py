"""RSS of an idle gunicorn worker, and its growth after 50 uncached checklist PDFs."""
import shutil
import statistics
import time
from pathlib import Path

from bench.client import Browser
from bench.server import Server, Settings


def run(env: dict, settings: Settings, slug: str, log: str, pdfs: int = 50) -> dict:
    """One worker (so that every request lands on the process measured)."""
    server = Server("app:create_app()", Settings(1, settings.threads, settings.timeout), env, log)
    try:
        booted = server.rss_mb()[0]
        browser = Browser(server.base)
        for path in (f"/c/{slug}/", f"/c/{slug}/services", f"/c/{slug}/activities"):
            browser.get(path)
        time.sleep(1)
        idle = server.rss_mb()[0]
        cache = Path(env["DOORSTEP_INSTANCE"]) / "print-cache"
        seconds = []
        for _ in range(pdfs):
            shutil.rmtree(cache, ignore_errors=True)  # as after an approved change
            began = time.perf_counter()
            status, headers, _body = browser.get(f"/c/{slug}/services.pdf")
            seconds.append(time.perf_counter() - began)
            if status != 200 or headers.get("X-Print-Cache") != "miss":
                raise RuntimeError(f"uncached PDF: {status} {headers.get('X-Print-Cache')}")
        time.sleep(1)
        after = server.rss_mb()[0]
        browser.close()
    finally:
        server.stop()
    return {"booted_mb": booted, "idle_mb": idle, "after_mb": after, "pdfs": pdfs,
            "pdf_median_s": statistics.median(seconds), "pdf_max_s": max(seconds)}

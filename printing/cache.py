"""PDFs cached in the shared storage by a hash of the HTML they were made from.

An optional second level maps a cheap pre-render key (document, options, a data
fingerprint, the day, the print templates) to the content key, so an unchanged
document is served without building or rendering its HTML. The PDF itself is
always stored under the hash of its HTML: same content, same bytes.

The storage (storage.py) is the database every app server shares, so a PDF one host
rendered is served by the others. A hit is two small queries: the pointer
(lookup), then the PDF (get); a PDF this worker served lately is in its memory (a content
key names one content forever, so that copy is never stale), leaving one. Entries expire after MAX_AGE: each real render also deletes
up to PURGE_BATCH expired ones, so the table stays bounded without a cron job.
"""
import hashlib
from datetime import timedelta

import weasyprint
from flask import current_app

from lru import BoundedLRU
from models.base import utcnow
from storage import get_storage

PREFIX = "print/"
MAX_AGE = timedelta(days=30)  # a poster still asked for is simply rendered again
PURGE_BATCH = 50  # well above the renders of a day, so expired entries never pile up
MEMORY_BYTES = 48 * 1024 * 1024  # PDFs kept per worker: a few hundred posters


def content_key(html: str) -> str:
    """Same HTML and same WeasyPrint give the same PDF, so they make the key."""
    digest = hashlib.sha256(html.encode())
    digest.update(weasyprint.__version__.encode())
    return digest.hexdigest()


class RecentPdfs(BoundedLRU[bytes]):
    """The PDFs a worker served lately, by content key, least recently used dropped first."""

    def __init__(self, limit: int = MEMORY_BYTES):
        super().__init__(max_entries=limit, max_bytes=limit)

    def put(self, key: str, data: bytes) -> None:
        if len(data) <= self.max_bytes // 8:  # one huge document must not push out all others
            super().put(key, data)


class PdfCache:
    """`print/<key>.pdf` blobs and `print/<prekey>.key` pointers in the shared storage."""

    def __init__(self, folder: str | None = None):
        # `folder` (PRINT_CACHE_DIR) is accepted for the callers that still pass it; the
        # cache no longer uses the disk, which other hosts could not read.
        self.store = get_storage()
        self.recent = current_app.extensions.setdefault("recent_pdfs", RecentPdfs())

    def get(self, key: str) -> bytes | None:
        """The PDF stored under the content key, or None."""
        if (data := self.recent.get(key)) is not None:
            return data
        blob = self.store.get(f"{PREFIX}{key}.pdf")
        if blob is None:
            return None
        self.recent.put(key, blob.data)
        return blob.data

    def put(self, key: str, pdf: bytes) -> None:
        """Keep a freshly rendered PDF, and drop a batch of expired entries."""
        self.store.put(f"{PREFIX}{key}.pdf", pdf, "application/pdf")
        purge_expired()

    def lookup(self, prekey: str) -> tuple[str, str] | None:
        """(content key, file name) last rendered for this pre-render key, if any."""
        blob = self.store.get(f"{PREFIX}{prekey}.key")
        if blob is None:
            return None
        key, _sep, filename = blob.data.decode().partition("\n")
        return key, filename

    def remember(self, prekey: str, key: str, filename: str) -> None:
        """Point the pre-render key at the content key and the document's file name."""
        self.store.put(f"{PREFIX}{prekey}.key", f"{key}\n{filename}".encode(),
                       "text/plain; charset=utf-8")


def purge_expired(limit: int | None = None) -> int:
    """Delete up to `limit` (PURGE_BATCH) cached PDFs and pointers older than MAX_AGE; how many."""
    return get_storage().purge(PREFIX, utcnow() - MAX_AGE, limit or PURGE_BATCH)

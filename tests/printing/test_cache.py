"""The PDF cache lives in the shared storage: cheap hits, expired entries purged in batches."""
from datetime import timedelta

from sqlalchemy import func, select, update

from extensions import db
from models import StoredBlob
from models.base import utcnow
from printing import cache
from printing.cache import PdfCache, purge_expired
from storage import get_storage
from tests.queries import count_queries


def test_put_get_lookup_remember_round_trip_through_the_storage(app):
    pdfs = PdfCache(app.config["PRINT_CACHE_DIR"])  # the folder is accepted, and unused
    assert pdfs.get("abc") is None and pdfs.lookup("pre") is None
    pdfs.put("abc", b"%PDF-1.7 poster")
    pdfs.remember("pre", "abc", "服务清单.pdf")
    pdfs.remember("pre", "abc", "服务清单.pdf")  # again, as every miss does: replaced, not refused
    assert get_storage().get("print/abc.pdf").content_type == "application/pdf"
    fresh = PdfCache()
    assert fresh.lookup("pre") == ("abc", "服务清单.pdf")
    assert fresh.get("abc") == b"%PDF-1.7 poster"


def test_a_cache_hit_is_two_small_queries_then_one_as_the_pdf_stays_in_memory(app):
    pdfs = PdfCache()
    pdfs.put("abc", b"%PDF-1.7 poster")
    pdfs.remember("pre", "abc", "poster.pdf")
    db.session.commit()

    def hit():
        key, _name = pdfs.lookup("pre")
        assert pdfs.get(key) == b"%PDF-1.7 poster"

    assert count_queries(hit) == 2
    assert count_queries(hit) == 1  # the pointer is read; the PDF comes from this worker
    get_storage().delete("print/abc.pdf")  # purged meanwhile: a content key never changes
    db.session.commit()
    assert PdfCache().get("abc") == b"%PDF-1.7 poster"


def test_the_memory_keeps_the_most_recently_served_within_its_limit():
    recent = cache.RecentPdfs(limit=800)
    for name in "abcdefgh":  # eight of 100 bytes: full
        recent.put(name, name.encode() * 100)
    assert recent.get("a")  # served again: now the most recent
    recent.put("i", b"i" * 100)
    assert recent.get("b") is None and recent.get("a") and recent.get("i")
    recent.put("big", b"x" * 101)  # over an eighth of the limit: never kept
    assert recent.get("big") is None and recent.size == 800


def _age(prefix: str, days: int) -> None:
    db.session.execute(update(StoredBlob).where(StoredBlob.key.startswith(prefix))
                       .values(created_at=utcnow() - timedelta(days=days)))
    db.session.commit()


def test_expired_pdfs_are_purged_a_batch_at_a_time_and_uploads_never(app, monkeypatch):
    pdfs = PdfCache()
    for n in range(5):
        pdfs.put(f"old{n}", b"%PDF old")
    pdfs.put("recent", b"%PDF recent")
    get_storage().put("uploads/issues/photo.jpg", b"jpeg", "image/jpeg")
    _age("", days=40)  # everything, the photo too
    _age("print/recent", days=10)

    monkeypatch.setattr(cache, "PURGE_BATCH", 3)
    pdfs.put("new", b"%PDF new")  # a real render purges a batch on its way
    left = set(db.session.scalars(select(StoredBlob.key)))
    assert len({k for k in left if k.startswith("print/old")}) == 2
    assert {"print/recent.pdf", "print/new.pdf", "uploads/issues/photo.jpg"} <= left
    assert purge_expired() == 2
    assert db.session.scalar(select(func.count()).select_from(StoredBlob)) == 3

"""Where uploads and cached PDFs live: one store that every app server shares.

Beside extensions.py rather than in blueprints/core/, because printing/ (which imports
nothing from blueprints/) keeps its PDF cache here too.

Several hosts serve the site, each with its own instance/ folder, and nothing a request
needs may live only on one host's disk (DESIGN.md). So blobs go where every host reads:
by default the database, in the `stored_blobs` table (models/storage.py), which also puts
them in every database backup.

Keys look like paths: "uploads/issues/<name>.jpg", "uploads/<logo>.png", "print/<hash>.pdf".
The interface is four methods, kept small on purpose:

    put(key, data, content_type)   store, replacing whatever the key held
    get(key) -> Blob | None        the bytes and their content type
    delete(key)                    forget (nothing happens when the key is absent)
    exists(key) -> bool

An S3-compatible backend (MinIO, Aliyun OSS, …) could implement the same four methods and
be returned by `get_storage()` according to a setting; no caller would change. Two things it
would do differently: the database backend writes inside the caller's transaction (a photo
and its row commit or roll back together), an object store cannot, so callers also delete
what they stored when they refuse (store_photos does); and `purge` would be a bucket
lifecycle rule instead.
"""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from blueprints.core.transaction import transactional
from extensions import db
from models.base import utcnow
from models.storage import StoredBlob


@dataclass(frozen=True)
class Blob:
    """What get() returns."""

    data: bytes
    content_type: str


class DatabaseStorage:
    """Blobs as rows of stored_blobs, written in the caller's transaction (or their own)."""

    @transactional
    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        """Store `data` under `key`; two hosts writing one key at once both succeed."""
        insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
        statement = insert(StoredBlob).values(key=key, content_type=content_type, data=data,
                                              size=len(data), created_at=utcnow())
        replaced = {c: statement.excluded[c] for c in ("content_type", "data", "size", "created_at")}
        db.session.execute(statement.on_conflict_do_update(index_elements=["key"], set_=replaced))

    def get(self, key: str) -> Blob | None:
        """The blob under `key`, or None (one query; the row never enters the identity map)."""
        row = db.session.execute(select(StoredBlob.data, StoredBlob.content_type)
                                 .where(StoredBlob.key == key)).first()
        return None if row is None else Blob(bytes(row.data), row.content_type)

    @transactional
    def delete(self, key: str) -> None:
        """Forget `key`."""
        db.session.execute(delete(StoredBlob).where(StoredBlob.key == key))

    def exists(self, key: str) -> bool:
        """Whether `key` holds a blob, without reading it."""
        return db.session.scalar(select(StoredBlob.size).where(StoredBlob.key == key)) is not None

    @transactional
    def purge(self, prefix: str, before: datetime, limit: int) -> int:
        """Delete at most `limit` blobs under `prefix` stored before `before`; how many."""
        oldest = (select(StoredBlob.key).where(StoredBlob.key.startswith(prefix, autoescape=True),
                                               StoredBlob.created_at < before)
                  .order_by(StoredBlob.created_at).limit(limit))
        keys = list(db.session.scalars(oldest))
        if keys:
            db.session.execute(delete(StoredBlob).where(StoredBlob.key.in_(keys)))
        return len(keys)


_DATABASE = DatabaseStorage()


def get_storage() -> DatabaseStorage:
    """The store of this site (the database; see the module docstring for another)."""
    return _DATABASE

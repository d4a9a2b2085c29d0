"""Running an export: log it (who, what, with full numbers or not), then stream the file."""
from collections.abc import Iterator

from blueprints.core.audit import record_event
from blueprints.core.privacy import mask_numbers
from blueprints.core.transaction import transactional
from blueprints.exports import writing
from blueprints.exports.tables import FORMATS, TABLES
from extensions import STREAMING, db
from models import Community, User


class UnknownExport(ValueError):
    """No such list, or no such file format."""


def shower(full_numbers: bool):
    """How numbers in cells are written: as they are, or with every mobile number masked."""
    return str if full_numbers else mask_numbers


@transactional
def log_export(user: User | None, community: Community, what: str, file_format: str,
               full_numbers: bool) -> None:
    """Record the export in the change log before any of it leaves."""
    if what not in TABLES or file_format not in FORMATS:
        raise UnknownExport(what)
    record_event(user, "export.downloaded", None, community, export=str(TABLES[what].title),
                 format=file_format, full_numbers=bool(full_numbers))


def export_chunks(user: User | None, community: Community, what: str, file_format: str,
                  full_numbers: bool = False, **narrow) -> Iterator[bytes]:
    """The export as chunks of a file; logged first (UnknownExport for a wrong name).

    `narrow`: filters the table's rows take (the change log's person, domain and days)."""
    log_export(user, community, what, file_format, full_numbers)
    table = TABLES[what]
    rows = table.rows(community, shower(full_numbers), **narrow)
    return _only_reading(writing.chunks(file_format, list(table.header), rows, str(table.title)))


def _only_reading(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Stream the chunks in a read-only transaction (SQLite: no write lock while it lasts)."""
    db.session.commit()  # the log line is in; the rows are read in a transaction of their own
    STREAMING.set(True)
    try:
        yield from chunks
    finally:
        STREAMING.set(False)
        db.session.commit()


def file_name(community: Community, what: str, file_format: str, day) -> str:
    """e.g. issues-xingyuan-20261203.xlsx"""
    return f"{what}-{community.slug}-{day:%Y%m%d}.{file_format}"

"""Writing rows as files in chunks: CSV (UTF-8 with a BOM, so Excel reads the Chinese) and
.xlsx (openpyxl's write-only mode keeps rows on disk, not in memory)."""
import csv
import io
import tempfile
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from blueprints.register.sheets import FORMULA_START

CHUNK = 64 * 1024
BOM = "\ufeff".encode()


def safe(value):
    """A value to write: text Excel would run as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_chunks(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """The header and rows as CSV bytes, a chunk at a time, starting with the BOM."""
    yield BOM
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else safe(v) for v in row])
        if buffer.tell() > CHUNK:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def xlsx_chunks(header: list[str], rows: Iterable[list], title: str) -> Iterator[bytes]:
    """A one-sheet workbook, built row by row on disk, then read out a chunk at a time."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([safe(v) for v in row])
    with tempfile.TemporaryFile() as out:
        book.save(out)
        out.seek(0)
        while chunk := out.read(CHUNK):
            yield chunk


def chunks(file_format: str, header: list[str], rows: Iterable[list], title: str) -> Iterator[bytes]:
    """The file in the asked format ("xlsx" or "csv")."""
    if file_format == "csv":
        return csv_chunks(header, rows)
    return xlsx_chunks(header, rows, title)

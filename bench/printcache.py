"""Emptying the PDF cache (stored in the database since issue 10), as an approved change does."""
from sqlalchemy import create_engine, text

from printing.cache import PREFIX


def empty(database_url: str) -> None:
    """Delete every cached PDF and pointer, so the next poster is rendered anew."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM stored_blobs WHERE key LIKE :p"), {"p": f"{PREFIX}%"})
    finally:
        engine.dispose()

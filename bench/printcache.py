"""Emptying the PDF cache (stored in the database since issue 10), as an approved change does."""
from sqlalchemy import create_engine, text

from printing.cache import PREFIX


def empty(database_url: str, change: tuple[str, int] | None = None) -> None:
    """Delete every cached PDF and pointer, so the next poster is rendered anew.

    `change` (slug, n): also change what that community's poster shows (its hall's phone)
    and raise its data version, as an approved change does: a worker remembers the posters
    it served by their content, so only new content makes it render again.
    """
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM stored_blobs WHERE key LIKE :p"), {"p": f"{PREFIX}%"})
            if change is not None:
                connection.execute(text(
                    "UPDATE communities SET hall_phone = :phone, data_version = data_version + 1 "
                    "WHERE slug = :slug"), {"phone": f"0317-{5500000 + change[1]}", "slug": change[0]})
    finally:
        engine.dispose()

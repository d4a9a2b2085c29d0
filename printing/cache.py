"""PDFs cached on disk by a hash of the HTML they were made from.

An optional second level maps a cheap pre-render key (document, options, a data
fingerprint, the day, the print templates) to the content key, so an unchanged
document is served without building or rendering its HTML. The PDF itself is
always stored under the hash of its HTML: same content, same bytes.
"""
import hashlib
import os
import tempfile
from pathlib import Path

import weasyprint


def content_key(html: str) -> str:
    """Same HTML and same WeasyPrint give the same PDF, so they make the key."""
    digest = hashlib.sha256(html.encode())
    digest.update(weasyprint.__version__.encode())
    return digest.hexdigest()


class PdfCache:
    """A folder of `<key>.pdf` files (and `<prekey>.key` pointers), written atomically."""

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def get(self, key: str) -> bytes | None:
        path = self.folder / f"{key}.pdf"
        return path.read_bytes() if path.exists() else None

    def put(self, key: str, pdf: bytes) -> None:
        self._write(f"{key}.pdf", pdf)

    def lookup(self, prekey: str) -> tuple[str, str] | None:
        """(content key, file name) last rendered for this pre-render key, if any."""
        path = self.folder / f"{prekey}.key"
        if not path.exists():
            return None
        key, _sep, filename = path.read_text().partition("\n")
        return key, filename

    def remember(self, prekey: str, key: str, filename: str) -> None:
        self._write(f"{prekey}.key", f"{key}\n{filename}".encode())

    def _write(self, name: str, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Write beside, then rename: another worker never reads half a file.
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, self.folder / name)

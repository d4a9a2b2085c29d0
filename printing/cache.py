"""PDFs cached on disk by a hash of the HTML they were made from."""
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
    """A folder of `<key>.pdf` files, written atomically."""

    def __init__(self, folder: str):
        self.folder = Path(folder)

    def get(self, key: str) -> bytes | None:
        path = self.folder / f"{key}.pdf"
        return path.read_bytes() if path.exists() else None

    def put(self, key: str, pdf: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # Write beside, then rename: another worker never reads half a file.
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
        os.replace(tmp, self.folder / f"{key}.pdf")

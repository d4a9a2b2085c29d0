"""Uploaded images: checked, re-encoded with Pillow (EXIF/GPS stripped), kept in the storage.

Used for issue photos, quote scans and partner logos. They live in the shared storage
(storage.py: the database), never under static/, so every app server serves them, and
only through routes that check who may see them. A row names an image by its file name;
the image's key is "<folder>/<file name>", e.g. "uploads/issues/<name>.jpg".
"""
import secrets
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from flask import Response, abort, send_file
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from storage import get_storage

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 2000
# Most pixels an upload may have (a 12-megapixel phone photo has 12 million).
Image.MAX_IMAGE_PIXELS = 40_000_000


class ImageRejected(ValueError):
    """The upload is not an acceptable image; `reason` is one of the codes below."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "too_large", "not_image", "format"


@dataclass
class StoredImage:
    """Where a re-encoded image was stored and what it is."""

    name: str  # file name inside the folder, random
    content_type: str
    width: int
    height: int


def read_limited(stream, max_bytes: int = MAX_BYTES) -> bytes:
    """The upload's bytes, or ImageRejected('too_large') past max_bytes."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ImageRejected("too_large")
    return data


_STRICT = threading.Lock()


@contextmanager
def strict_decoding():
    """Refuse truncated images whatever the process-wide setting says.

    WeasyPrint sets ImageFile.LOAD_TRUNCATED_IMAGES = True on import, for every Pillow
    user of the process: a half-uploaded JPEG would then decode (grey at the bottom) and
    be stored. Uploads switch it off while they decode.
    """
    with _STRICT:
        kept = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = kept


def reencode(data: bytes, max_side: int = MAX_SIDE) -> tuple[bytes, str]:
    """Decode, drop metadata, shrink to max_side, encode again: (bytes, format)."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: a 250 KB PNG of
            # 8900×8900 px would take ~600 MB to decode. Refuse before decoding.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with strict_decoding():
                with Image.open(BytesIO(data)) as probe:
                    kind = probe.format
                    probe.verify()
                image = Image.open(BytesIO(data))
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ImageRejected("too_large")
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ImageRejected("not_image")
    if kind not in ALLOWED_FORMATS:
        raise ImageRejected("format")
    image = ImageOps.exif_transpose(image)  # keep the visible orientation, lose the EXIF
    image.thumbnail((max_side, max_side))
    out = BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
    elif kind == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "WEBP", quality=85)
    return out.getvalue(), kind


def save_image(stream, folder: str, max_bytes: int = MAX_BYTES,
               max_side: int = MAX_SIDE) -> StoredImage:
    """Check and re-encode an uploaded image stream and store it in `folder` of the storage."""
    data, kind = reencode(read_limited(stream, max_bytes), max_side)
    name = f"{secrets.token_hex(16)}.{ALLOWED_FORMATS[kind]}"
    get_storage().put(f"{folder}/{name}", data, Image.MIME[kind])
    with Image.open(BytesIO(data)) as image:
        width, height = image.size
    return StoredImage(name, Image.MIME[kind], width, height)


def delete_image(folder: str, name: str) -> None:
    """Forget a stored image (an upload refused after it was stored)."""
    get_storage().delete(f"{folder}/{name}")


def send_image(folder: str, name: str, mimetype: str, max_age: int = 0) -> Response:
    """The stored image as a response, or 404 when the storage does not hold it."""
    blob = get_storage().get(f"{folder}/{name}")
    if blob is None:
        abort(404)
    # The name is random and never reused for other bytes: it makes a good ETag.
    return send_file(BytesIO(blob.data), mimetype=mimetype or blob.content_type,
                     max_age=max_age, etag=name)

"""Uploaded images are re-encoded without EXIF, shrunk, stored, and refused when not images."""
from io import BytesIO

import pytest
from PIL import Image
from sqlalchemy import func, select

from blueprints.core.uploads import ImageRejected, delete_image, save_image
from extensions import db
from models import StoredBlob
from storage import get_storage

FOLDER = "uploads/test"


def stored_count() -> int:
    return db.session.scalar(select(func.count()).select_from(StoredBlob))


def jpeg_with_gps(size=(3000, 1500)) -> bytes:
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 0.0)}  # GPS IFD
    out = BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_jpeg_loses_exif_and_gps_and_is_shrunk_and_is_stored(app):
    stored = save_image(BytesIO(jpeg_with_gps()), FOLDER)
    blob = get_storage().get(f"{FOLDER}/{stored.name}")
    assert blob.content_type == stored.content_type == "image/jpeg"
    with Image.open(BytesIO(blob.data)) as image:
        assert image.size == (2000, 1000)
        assert not image.getexif()
    delete_image(FOLDER, stored.name)
    assert not get_storage().exists(f"{FOLDER}/{stored.name}")


def test_renamed_text_file_is_refused(app):
    with pytest.raises(ImageRejected) as error:
        save_image(BytesIO(b"not an image at all" * 10), FOLDER)
    assert error.value.reason == "not_image"
    assert stored_count() == 0


def test_oversized_upload_is_refused(app):
    with pytest.raises(ImageRejected) as error:
        save_image(BytesIO(b"\xff" * 2048), FOLDER, max_bytes=1024)
    assert error.value.reason == "too_large"


def test_gif_is_not_an_accepted_format(app):
    out = BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(ImageRejected) as error:
        save_image(BytesIO(out.getvalue()), FOLDER)
    assert error.value.reason == "format"


def test_small_file_with_huge_dimensions_is_refused_before_decoding(app):
    out = BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")  # compresses to a few KB
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ImageRejected) as error:
        save_image(BytesIO(out.getvalue()), FOLDER)
    assert error.value.reason == "too_large"


def test_a_half_uploaded_jpeg_is_refused_even_after_weasyprint_is_imported():
    from io import BytesIO as Buffer

    import pytest as _pytest
    import weasyprint  # noqa: F401  (sets ImageFile.LOAD_TRUNCATED_IMAGES = True for the process)
    from PIL import Image as PilImage
    from PIL import ImageFile

    from blueprints.core.uploads import ImageRejected, reencode

    out = Buffer()
    PilImage.effect_noise((400, 300), 60).convert("RGB").save(out, "JPEG", quality=90)
    whole = out.getvalue()
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    assert reencode(whole)[1] == "JPEG"
    with _pytest.raises(ImageRejected):
        reencode(whole[: len(whole) // 2])  # the connection dropped halfway
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's own setting is left as it was

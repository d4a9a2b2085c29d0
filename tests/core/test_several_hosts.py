"""Two app servers on one database, each with an instance folder of its own.

What one host stores (a resident's photo, a rendered poster) the other serves: uploads and
cached PDFs live in the database (storage.py), not in instance/. On the
PostgreSQL run both apps use TEST_DATABASE_URL's server; on SQLite they open the same file.
"""
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import weasyprint
from PIL import Image
from sqlalchemy import select

from extensions import db
from models import IssuePhoto
from tests.factories import make_community, make_compound
from tests.issues.factories import png_bytes
from tests.offers.factories import make_offer, make_partner


def _instance(folder: Path) -> dict:
    """The settings that differ from host to host."""
    return {"INSTANCE_DIR": str(folder), "UPLOAD_DIR": str(folder / "uploads"),
            "PRINT_CACHE_DIR": str(folder / "print-cache")}


def _two_hosts(fresh_app, tmp_path):
    db.session.commit()  # end the test's own transaction: the hosts write (SQLite lock)
    return fresh_app(**_instance(tmp_path / "one")), fresh_app(**_instance(tmp_path / "two"))


def _pixels(data: bytes) -> bytes:
    with Image.open(BytesIO(data)) as image:
        return image.convert("RGB").tobytes()


def test_a_photo_uploaded_through_one_host_is_served_by_the_other(app, fresh_app, tmp_path):
    compound = make_compound(make_community(slug="xy", name="兴元社区"), name="水产宿舍")
    form = {"compound": compound.id, "category": "road", "what": "井盖松动", "building": 0,
            "where": "大门内", "photos": (BytesIO(png_bytes(colour="teal")), "井盖.png")}
    one, two = _two_hosts(fresh_app, tmp_path)

    sent = one.test_client().post("/c/xy/issues/new", data=form, content_type="multipart/form-data")
    assert sent.status_code == 303
    follow = urlsplit(sent.headers["Location"]).path  # the reporter's own link
    photo = db.session.scalar(select(IssuePhoto))
    url = f"/c/xy/issues/{photo.issue_id}/photos/{photo.id}?t={follow.rsplit('/', 1)[1]}"
    db.session.commit()

    reader = two.test_client()
    assert url.replace("&", "&amp;") in reader.get(follow).get_data(as_text=True)
    served_by_two, served_by_one = reader.get(url), one.test_client().get(url)
    assert served_by_two.status_code == 200 and served_by_two.mimetype == "image/png"
    assert served_by_two.data == served_by_one.data  # the very bytes host one stored
    assert _pixels(served_by_two.data) == _pixels(png_bytes(colour="teal"))  # re-encoded, same picture
    assert not any((tmp_path / host / "uploads").exists() for host in ("one", "two"))


def test_a_pdf_rendered_by_one_host_is_served_from_the_cache_by_the_other(app, fresh_app, tmp_path,
                                                                          monkeypatch):
    community = make_community(slug="liujin", name="流津社区")
    make_offer(make_partner(community, name="温州饭吧"), title="八十岁以上免费午餐")
    one, two = _two_hosts(fresh_app, tmp_path)

    rendered = one.test_client().get("/c/liujin/services.pdf")  # host one's queue renders it
    assert rendered.mimetype == "application/pdf" and rendered.headers["X-Print-Cache"] == "hit"

    def no_rendering(*args, **kwargs):
        raise AssertionError("host two rendered the poster again")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", no_rendering)
    cached = two.test_client().get("/c/liujin/services.pdf")
    assert cached.status_code == 200 and cached.headers["X-Print-Cache"] == "hit"
    assert cached.data == rendered.data
    assert not any((tmp_path / host / "print-cache").exists() for host in ("one", "two"))

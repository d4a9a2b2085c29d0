"""The demo's pages as each kind of visitor reaches them: one address per shape of address."""
import re

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from extensions import db
from models import User
from tests.conftest import csrf_token_from
from tests.core.test_masking_walk import _public_addresses
from tests.crawl import ALL_LINKS, PUBLIC_LINKS, walk
from tests.factories import PASSWORD


def shape(path: str) -> str:
    """The address with numbers and tokens blanked: /c/liujin/issues/N for every issue."""
    return re.sub(r"/[0-9a-zA-Z_.-]{20,}", "/TOKEN", re.sub(r"\d+", "N", path.split("?")[0]))


def pages_of(app, role: str | None, limit: int = 300,
             username: str | None = None) -> tuple[str | None, list[str]]:
    """(username, one address per shape) that this visitor reaches by link.

    None is a resident or volunteer without an account: the public pages, an issue's
    follow link and a volunteer's /me link (both arrive by SMS). A role's first user
    is signed in, or the one named by `username`.
    """
    if role:
        named = User.username == username if username else User.role == role
        user = db.session.scalars(select(User).where(named).order_by(User.id)).first()
        user.password_hash = generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")  # fast to check
        username = user.username
        db.session.commit()
    with app.app_context():  # its own g, so its own CSRF token: the test's context is shared
        shapes = _crawl(app, role, username, limit)
        db.session.commit()  # ends the read: on SQLite it holds the write lock
    return username, sorted(shapes.values())


def _crawl(app, role: str | None, username: str | None, limit: int) -> dict[str, str]:
    """{shape: first address} of what this visitor reaches, signed in when a username is given."""
    client = app.test_client()
    if username:
        token = csrf_token_from(client.get("/login").get_data(as_text=True))
        answer = client.post("/login", data={"identifier": username, "password": PASSWORD,
                                             "csrf_token": token})
        assert answer.status_code == 303
        landing = client.get("/staff/" if role != "partner" else "/partner/", follow_redirects=True)
        starts, links = [landing.request.path], ALL_LINKS
    else:
        starts, links = ["/c/liujin/", "/c/xingyuan/", *_public_addresses(app)[:30]], PUBLIC_LINKS
    shapes = {}
    for path, _html in walk(client, starts, links=links, limit=limit):
        shapes.setdefault(shape(path), path)
    return shapes

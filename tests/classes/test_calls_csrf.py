"""With CSRF on, as in production: applying needs the token the (cached) call page carries."""
import pytest

from extensions import db
from models import Application
from tests.classes.factories import make_call
from tests.conftest import csrf_token_from
from tests.factories import make_community


@pytest.fixture
def csrf_client(fresh_app):
    return fresh_app(WTF_CSRF_ENABLED=True).test_client()


def test_applying_needs_the_pages_token(app, csrf_client):
    call_id = make_call(make_community(slug="liujin"), "书法老师").id
    db.session.commit()  # the second app writes: end this session's read first (SQLite lock)
    url = f"/c/liujin/classes/calls/{call_id}/apply"
    data = {"name": "陈国栋", "mobile": "13912345678", "skill": "楷书"}
    assert csrf_client.post(url, data=data).status_code == 400
    csrf_client.get(f"/c/liujin/classes/calls/{call_id}")  # built once, then from the cache
    token = csrf_token_from(csrf_client.get(f"/c/liujin/classes/calls/{call_id}").get_data(as_text=True))
    assert csrf_client.post(url, data={**data, "csrf_token": token}).status_code == 303
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Application.id))) == 1

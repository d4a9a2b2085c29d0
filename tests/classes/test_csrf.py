"""With CSRF on, as in production: supporting and proposing need the token the (cached) page carries."""
import pytest

from extensions import db
from models import CourseRequest
from tests.classes.factories import make_request
from tests.conftest import csrf_token_from
from tests.factories import make_community


@pytest.fixture
def csrf_client(fresh_app):
    return fresh_app(WTF_CSRF_ENABLED=True).test_client()


def test_support_and_propose_need_the_pages_token(app, csrf_client):
    item = make_request(make_community(slug="liujin"), "钩针编织", supporters=1)
    item_id = item.id
    db.session.commit()  # the second app writes: end this session's read first (SQLite lock)
    url = f"/c/liujin/classes/requests/{item_id}/support"
    data = {f"r{item_id}-name": "王芳", f"r{item_id}-mobile": "13912345678"}
    assert csrf_client.post(url, data=data).status_code == 400
    csrf_client.get("/c/liujin/classes")  # built once, then served from the page cache
    token = csrf_token_from(csrf_client.get("/c/liujin/classes").get_data(as_text=True))
    assert csrf_client.post(url, data={**data, f"r{item_id}-csrf_token": token}).status_code == 303
    proposal = {"subject": "面塑", "name": "李桂兰", "mobile": "13812345678"}
    assert csrf_client.post("/c/liujin/classes/requests", data=proposal).status_code == 400
    response = csrf_client.post("/c/liujin/classes/requests", data={**proposal, "csrf_token": token})
    assert response.status_code == 303
    db.session.expire_all()
    assert db.session.get(CourseRequest, item_id).support_count == 2
    assert db.session.scalar(db.select(db.func.count(CourseRequest.id))) == 2

"""With CSRF on, as in production: the sign-up needs the token the page carries."""
import pytest

from extensions import db
from models import Signup
from tests.conftest import csrf_token_from
from tests.factories import make_community
from tests.volunteers.factories import make_activity, make_shift


@pytest.fixture
def csrf_client(fresh_app):
    secured = fresh_app(WTF_CSRF_ENABLED=True)
    return secured.test_client()


def test_signup_without_token_fails_and_with_token_works(app, csrf_client):
    community = make_community(slug="liujin")
    shift = make_shift(make_activity(community))
    url = f"/c/liujin/activities/{shift.activity_id}/shifts/{shift.id}/signup"
    data = {f"s{shift.id}-name": "王芳", f"s{shift.id}-mobile": "13912345678",
            f"s{shift.id}-team": "0"}
    activity_id, shift_id = shift.activity_id, shift.id
    db.session.commit()  # the second app writes: end this session's read first (SQLite lock)
    assert csrf_client.post(url, data=data).status_code == 400
    page = csrf_client.get(f"/c/liujin/activities/{activity_id}").get_data(as_text=True)
    token = csrf_token_from(page)
    response = csrf_client.post(url, data={**data, f"s{shift_id}-csrf_token": token})
    assert response.status_code == 303
    assert db.session.scalar(db.select(db.func.count(Signup.id))) == 1

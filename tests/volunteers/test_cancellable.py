"""One cancel rule: the /me page offers the button exactly when the cancel service would accept."""
from datetime import timedelta

import pytest

from blueprints.volunteers import activities, services, tokens
from blueprints.volunteers.services import SignupError
from extensions import db
from models.base import utcnow
from tests.factories import make_community, make_person, make_user
from tests.volunteers.factories import make_activity, make_shift, make_signup


@pytest.fixture
def community(app):
    return make_community(slug="liujin")


def _cases(community):
    """(sign-up, expected cancellable) in every state that matters."""
    person = make_person(community)
    soon = make_shift(make_activity(community, title="明天"), start_in=timedelta(days=1))
    started = make_shift(make_activity(community, title="进行中"), start_in=timedelta(minutes=-30))
    called_off = make_shift(make_activity(community, title="取消了"), start_in=timedelta(days=2))
    cases = [(make_signup(soon, person), True),
             (make_signup(started, person), False),
             (make_signup(called_off, person), True),
             (make_signup(make_shift(soon.activity, start_in=timedelta(days=3)), person, status="waitlisted"), True),
             (make_signup(make_shift(soon.activity, start_in=timedelta(days=4)), person, status="cancelled"), False)]
    activities.cancel_shift(called_off, make_user("staff", [community]))
    return person, cases


def test_cancellable_agrees_with_the_cancel_service(community):
    person, cases = _cases(community)
    for signup, expected in cases:
        assert services.cancellable(signup, utcnow()) is expected, signup
        if expected:
            services.cancel(signup)
        else:
            with pytest.raises(SignupError):
                services.cancel(signup)


def test_me_page_shows_the_button_exactly_for_cancellable_signups(client, community):
    person, cases = _cases(community)
    page = client.get(f"/me/{tokens.me_token(person)}").get_data(as_text=True)
    db.session.expire_all()
    for signup, expected in cases:
        button = f"/me/{tokens.me_token(person)}/signups/{signup.id}/cancel"
        assert (button in page) is expected, signup

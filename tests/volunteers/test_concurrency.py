"""50 parallel sign-ups for 10 places: exactly 10 confirmed, 40 waitlisted."""
import threading

import pytest

from flask import current_app

from blueprints.volunteers import services
from extensions import db
from models import Community, Shift, Signup
from tests.classes.factories import make_course
from tests.factories import make_community
from tests.volunteers.factories import make_activity, make_shift


def _slot(community, kind: str):
    """A volunteer shift, or a class session: one place engine, the same test for both."""
    if kind == "shift":
        return make_shift(make_activity(community), capacity=10)
    return make_course(community, capacity=10).activity.shifts[0]


@pytest.mark.parametrize("kind", ["shift", "class session"])
def test_fifty_parallel_signups_never_overbook(app, kind):
    community = make_community()
    shift = _slot(community, kind)
    community_id, shift_id = community.id, shift.id
    db.session.commit()  # end the test's own transaction before the workers start
    application = current_app._get_current_object()
    errors = []
    start = threading.Barrier(50)

    def worker(n: int):
        with application.app_context():
            try:
                start.wait()
                community = db.session.get(Community, community_id)
                target = db.session.get(Shift, shift_id)
                person = services.find_or_add_person(community, f"志愿者{n}", f"1390000{n:04d}")
                services.sign_up(target, person)
            except Exception as error:  # collected and asserted below
                errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = db.session.scalars(db.select(Signup.status).where(Signup.shift_id == shift_id)).all()
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 40
    assert db.session.get(Shift, shift_id).taken == 10

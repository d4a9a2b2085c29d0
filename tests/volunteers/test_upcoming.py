"""Upcoming activities and their next shift in SQL; grouped waitlist places; hours per year."""
from datetime import datetime, timedelta, timezone

import pytest

from blueprints.volunteers import activities, listing, services
from blueprints.volunteers.upcoming import upcoming_with_next_shift
from extensions import db
from models import Activity
from models.base import utcnow
from tests.factories import make_community, make_person
from tests.queries import count_queries
from tests.volunteers.factories import make_activity, make_shift, make_signup


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def calendar(community):
    """A daily duty whose first shift is cancelled, a talk, a past and a cancelled activity."""
    duty = make_activity(community, title="值班")
    skipped = make_shift(duty, start_in=timedelta(hours=20))
    skipped.cancelled_at = utcnow()
    later = [make_shift(duty, start_in=timedelta(days=d)) for d in (3, 2, 4)]
    talk = make_activity(community, title="讲座")
    make_shift(talk, start_in=timedelta(days=1))
    make_shift(make_activity(community, title="已结束"), start_in=timedelta(days=-2))
    off = make_activity(community, title="取消了", cancelled_at=utcnow())
    make_shift(off, start_in=timedelta(days=1))
    make_shift(make_activity(make_community(), title="别的社区"), start_in=timedelta(hours=1))
    db.session.commit()
    return {"duty": duty, "talk": talk, "next_duty": later[1]}


def test_upcoming_with_next_shift_is_one_query(community, calendar):
    found = []
    assert community.id and calendar["talk"].shifts[0].id  # loaded before counting
    queries = count_queries(lambda: found.extend(upcoming_with_next_shift(community, 5)), fresh=False)
    assert queries == 1
    assert [(a.title, s.id) for a, s in found] == [
        ("讲座", calendar["talk"].shifts[0].id), ("值班", calendar["next_duty"].id)]
    assert [a.title for a, _s in upcoming_with_next_shift(community, 1)] == ["讲座"]


def test_the_old_signature_still_works_and_next_shift_reads_one_row(community, calendar):
    listed = activities.upcoming_activities(community)
    assert [a.title for a in listed] == ["讲座", "值班"]
    assert [a.title for a in activities.upcoming_activities(community, limit=1)] == ["讲座"]
    day = calendar["next_duty"].starts_at.astimezone(timezone(timedelta(hours=8))).date()
    assert [a.title for a in activities.upcoming_activities(community, day=day)] == ["值班"]
    db.session.expire_all()
    duty = db.session.get(Activity, calendar["duty"].id)
    shift = []
    assert count_queries(lambda: shift.append(activities.next_shift(duty)), fresh=False) == 1
    assert shift[0].id == calendar["next_duty"].id
    assert duty.shifts  # now loaded: answered from memory, as before
    assert count_queries(lambda: activities.next_shift(duty), fresh=False) == 0


def test_waitlist_positions_of_a_page_match_one_by_one(community):
    shift = make_shift(make_activity(community), capacity=1)
    other = make_shift(make_activity(community, title="另一个"), capacity=1)
    make_signup(shift, make_person(community))
    waiting = [make_signup(shift, make_person(community), status="waitlisted") for _ in range(3)]
    elsewhere = make_signup(other, make_person(community), status="waitlisted")
    mine = [waiting[2], waiting[0], elsewhere]
    assert all(s.status == "waitlisted" for s in mine)  # loaded before counting
    positions = []
    assert count_queries(lambda: positions.append(listing.waitlist_positions(mine)), fresh=False) == 1
    assert positions[0] == {s.id: services.waitlist_position(s) for s in mine}
    assert positions[0] == {waiting[2].id: 3, waiting[0].id: 1, elsewhere.id: 1}


def test_hours_count_the_year_in_shanghai_time(community):
    person = make_person(community, name="孙丽华")
    activity = make_activity(community)
    new_year = datetime(2025, 12, 31, 17, 0, tzinfo=timezone.utc)  # 01:00 on 1 Jan 2026 in Shanghai
    for start in (new_year, new_year - timedelta(hours=2)):
        shift = make_shift(activity, start_in=timedelta(0), starts_at=start,
                           ends_at=start + timedelta(hours=1))
        make_signup(shift, person, status="attended")
    assert services.community_hours(community, 2026) == [(person, 1.0, 1)]
    assert services.community_hours(community, 2025) == [(person, 1.0, 1)]
    assert services.hours_by_year(person) == {2026: 1.0, 2025: 1.0}
    page = listing.hours_page(community, 2026, 1)
    assert page.items == [(person, 1.0, 1)] and not page.has_next

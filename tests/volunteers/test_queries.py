"""Every volunteer list page sends as many queries with 10× the rows as with 1× (issue 10).

One "unit" of data gives each list something more: an activity shift with a sign-up for
the remembered volunteer (confirmed or waitlisted), a day of the hall's duty, a past shift
with attended hours, teams with members, outbox messages and a partner's team.
"""
from datetime import timedelta

import pytest

from blueprints.core import clock
from blueprints.volunteers import tokens
from extensions import db
from models import Activity, OutboxMessage, Shift, Signup, Team, TeamMember
from models.base import utcnow
from tests.factories import login, make_community, make_person, make_user
from tests.offers.factories import make_partner, make_partner_user
from tests.queries import add_units, assert_bounded
from tests.volunteers.factories import make_activity

PAST = timedelta(days=3)


@pytest.fixture
def world(app):
    """A community with its hall's duty, a remembered volunteer, a partner and one unit of data."""
    community = make_community(slug="liujin", name="流津社区")
    volunteer = make_person(community, name="王芳", mobile="13912345678")
    duty = make_activity(community, title="党群服务中心值班", category="venue")
    partner = make_partner(community, name="温州饭吧")
    world = {"community": community, "volunteer": volunteer, "duty": duty, "partner": partner,
             "units": 0}
    add_units(world, 1, _unit)
    team = db.session.scalar(db.select(Team).where(Team.community_id == community.id))
    db.session.add(TeamMember(team_id=team.id, person_id=volunteer.id, status="accepted"))
    db.session.commit()
    return world



def _unit(world: dict, n: int) -> None:
    community, volunteer = world["community"], world["volunteer"]
    now = utcnow().replace(microsecond=0)
    others = [make_person(community, name=f"队员{n}-{i}") for i in range(3)]
    team = Team(community_id=community.id, name=f"队伍{n:03d}", kind="service",
                partner_id=world["partner"].id)
    team.members = [TeamMember(person_id=p.id, status=s)
                    for p, s in zip(others, ("accepted", "pending", "declined"))]
    activity = Activity(community_id=community.id, title=f"活动{n:03d}", category="action",
                        team_id=team.id if n % 2 else None)
    db.session.add_all([team, activity])
    starts = now + timedelta(days=1 + n, hours=2)
    # An activity with an open shift and a full one (the volunteer waits on the full one).
    open_shift = Shift(activity=activity, starts_at=starts, ends_at=starts + timedelta(hours=2),
                       capacity=5, taken=1)
    full = Shift(activity=activity, starts_at=starts + timedelta(hours=3),
                 ends_at=starts + timedelta(hours=5), capacity=1, taken=1)
    past = Shift(activity=activity, starts_at=now - PAST, ends_at=now - PAST + timedelta(hours=2),
                 capacity=5, taken=1)
    # Two shifts of the hall's duty that day.
    duty = [Shift(activity=world["duty"], starts_at=starts + timedelta(hours=h),
                  ends_at=starts + timedelta(hours=h + 2), capacity=1, taken=1) for h in (0, 4)]
    db.session.add_all([open_shift, full, past, *duty])
    db.session.flush()
    signups = [
        Signup(shift_id=open_shift.id, person_id=volunteer.id, status="confirmed"),
        Signup(shift_id=full.id, person_id=others[0].id, status="confirmed"),
        Signup(shift_id=full.id, person_id=others[1].id, status="waitlisted", queued_at=now),
        Signup(shift_id=full.id, person_id=volunteer.id, status="waitlisted",
               queued_at=now + timedelta(seconds=1)),
        Signup(shift_id=past.id, person_id=others[2].id, status="attended", minutes=120),
        Signup(shift_id=duty[0].id, person_id=others[0].id, status="confirmed"),
        Signup(shift_id=duty[1].id, person_id=volunteer.id, status="confirmed"),
        Signup(shift_id=duty[1].id, person_id=others[2].id, status="waitlisted"),
    ]
    db.session.add_all(signups)
    db.session.flush()
    db.session.add_all([
        OutboxMessage(community_id=community.id, person_id=s.person_id, signup_id=s.id,
                      kind="me_link", key=f"me_link:{s.id}", recipient="13900000000",
                      body=f"消息{n}") for s in signups[:2]])


def _public_urls(world) -> list[str]:
    day = clock.today(utcnow() + timedelta(days=1, hours=2))
    return ["/c/liujin/activities", f"/c/liujin/activities?category=action&day={day}",
            f"/c/liujin/activities/{world['duty'].id}",
            f"/c/liujin/activities/{_first_activity(world['community'])}"]


def test_public_pages_stay_bounded(client, world):
    """The list (also filtered) and an activity's shift cards, for anyone."""
    assert_bounded(client, _public_urls(world), lambda: add_units(world, 9, _unit))


def test_remembered_volunteers_pages_stay_bounded(client, world):
    """The same pages for a remembered volunteer (their sign-ups, waitlist places), and /me."""
    volunteer = world["volunteer"]
    client.set_cookie("volunteer_liujin", tokens.remember_token(volunteer))
    urls = _public_urls(world) + [f"/me/{tokens.me_token(volunteer)}"]
    counts = assert_bounded(client, urls, lambda: add_units(world, 9, _unit))
    assert counts[f"/c/liujin/activities/{world['duty'].id}"] < 15


def _first_activity(community) -> int:
    return db.session.scalar(db.select(Activity.id).where(Activity.title == "活动000"))


def test_staff_pages_stay_bounded(client, world):
    """Activities, an activity's rosters, teams, hours and the outbox."""
    login(client, make_user("staff", [world["community"]]))
    year = clock.local(utcnow() - PAST).year
    urls = ["/staff/liujin/activities", f"/staff/liujin/activities/{world['duty'].id}",
            f"/staff/liujin/activities/{_first_activity(world['community'])}",
            "/staff/liujin/teams", f"/staff/liujin/hours?year={year}", "/staff/liujin/outbox"]
    counts = assert_bounded(client, urls, lambda: add_units(world, 9, _unit))
    assert counts[f"/staff/liujin/activities/{world['duty'].id}"] < 20


def test_grid_worker_roster_stays_bounded(client, world):
    login(client, make_user("grid_worker", [world["community"]]))
    urls = ["/staff/liujin/activities", f"/staff/liujin/activities/{world['duty'].id}"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))


def test_partner_team_page_stays_bounded(client, world):
    login(client, make_partner_user(world["partner"]))
    assert_bounded(client, ["/partner/teams"], lambda: add_units(world, 9, _unit))

"""A small community with known figures in October and November 2026 (Shanghai time)."""
from datetime import date, datetime, timedelta, timezone

import pytest

from extensions import db
from models import Issue
from models.homeservice import HomeBooking, ServiceUse, VisitDate
from models.issues import IssueEvent
from models.visits import Visit
from tests.factories import make_community, make_compound, make_grid, make_household, make_person
from tests.homeservice.factories import make_home_offer
from tests.offers.factories import make_offer, make_partner
from tests.visits.factories import make_campaign
from tests.volunteers.factories import make_activity, make_signup, make_team

UTC = timezone.utc


def at(day: str, hour: int = 10) -> datetime:
    """A Shanghai wall time as UTC (Shanghai is UTC+8)."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC) - timedelta(hours=8)


def plant_issue(community, compound, created, resolved=None, category="road", status=None):
    issue = Issue(community_id=community.id, compound_id=compound.id, channel="web",
                  category=category, what="井盖松动", created_at=created, resolved_at=resolved,
                  status=status or ("resolved" if resolved else "new"))
    db.session.add(issue)
    return issue


def plant_shift(activity, start, minutes=120):
    from models import Shift
    shift = Shift(activity=activity, starts_at=start, ends_at=start + timedelta(minutes=minutes),
                  capacity=10)
    db.session.add(shift)
    db.session.commit()
    return shift


@pytest.fixture
def world(app):
    """兴元社区 (xy): issues, hours, sign-ups, services and a round with planted numbers."""
    return build_world()


def build_world():
    """The planted community of `world`, for tests that make their data elsewhere (browser)."""
    community = make_community(slug="xy", name="兴元社区")
    east, west = make_compound(community, name="水产宿舍"), make_compound(community, name="颐和新园")
    # October: 2 road issues in 水产宿舍 (one fixed the same day in 3 h, one in 30 h);
    # November: 1 greening issue in 颐和新园, fixed in 10 h, then reopened ("not fixed").
    plant_issue(community, east, at("2026-10-05", 9), at("2026-10-05", 12))
    plant_issue(community, east, at("2026-10-20", 9), at("2026-10-21", 15))
    reopened = plant_issue(community, west, at("2026-11-02", 8), at("2026-11-02", 18),
                           category="sanitation")
    plant_issue(community, west, at("2026-11-03"), status="rejected")  # not counted
    db.session.flush()
    db.session.add(IssueEvent(issue_id=reopened.id, at=at("2026-11-04"), kind="move",
                              from_status="resolved", to_status="in_progress", by_reporter=True))
    # Hours: 红马甲 2 h in October (2 attended), 敲门队 1.5 h in November; one no-show.
    red, knock = make_team(community, name="红马甲", kind="red_vest"), make_team(community)
    one, two = make_person(community, mobile="13900000001"), make_person(community, mobile="13900000002")
    clean = make_activity(community, team_id=red.id)
    october = plant_shift(clean, at("2026-10-10"), 60)
    make_signup(october, one, "attended")
    make_signup(october, two, "attended")
    knocking = plant_shift(make_activity(community, title="敲门", team_id=knock.id), at("2026-11-11"), 90)
    make_signup(knocking, one, "attended")
    make_signup(knocking, two, "no_show")
    # A class in November: 2 learners signed up, 1 came.
    lesson = plant_shift(make_activity(community, title="钩针编织", category="class"), at("2026-11-15"))
    make_signup(lesson, one, "attended", minutes=0)
    make_signup(lesson, two, "confirmed")
    # Services: the barber did 2 home visits (one not home) in November, 3 card scans.
    barber = make_partner(community, name="微发馆", kind="barber")
    home = make_home_offer(barber)
    visit_day = VisitDate(home_offer_id=home.id, day=date(2026, 11, 28), capacity=8, taken=3)
    db.session.add(visit_day)
    db.session.flush()
    for n, outcome in enumerate(("done", "done", "not_home")):
        door = make_household(east, address=f"1号楼{n}")
        db.session.add(HomeBooking(community_id=community.id, visit_date_id=visit_day.id,
                                   household_id=door.id, contact_name="王", outcome=outcome))
    shop = make_partner(community, name="惠民超市", kind="shop")
    for day in (3, 4, 5):
        db.session.add(ServiceUse(community_id=community.id, offer_id=make_offer(shop).id,
                                  day=date(2026, 11, day), kind="card"))
    # A round in November over 1 grid of 4 households: 3 visited, 1 not home.
    grid = make_grid(community, [west], name="第一网格")
    doors = [make_household(west, address=f"5号楼{n}") for n in range(4)]
    campaign = make_campaign(community, [grid], name="冬季走访", starts_on=date(2026, 11, 1),
                             ends_on=date(2026, 11, 30))
    for n, door in enumerate(doors):
        db.session.add(Visit(community_id=community.id, campaign_id=campaign.id, household_id=door.id,
                             client_id=f"c-{n}", outcome="not_home" if n == 3 else "visited",
                             visited_at=at("2026-11-20")))
    db.session.commit()
    return community

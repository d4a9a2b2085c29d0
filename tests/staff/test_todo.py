"""The start page's counts, each on planted data with a known answer (and when there is nothing)."""
import uuid
from datetime import time, timedelta

import pytest

from blueprints.core import clock
from blueprints.offers import services as offers
from blueprints.staff import todo
from extensions import db
from models import Household, Issue, OutboxMessage, VisitDate
from models.issues import CHANNELS
from models.visits import Visit
from tests.classes.factories import make_course
from tests.factories import make_community, make_compound, make_grid, make_household, make_person, make_user
from tests.homeservice.factories import make_home_offer
from tests.issues.factories import make_issue
from tests.offers.factories import make_offer, make_partner
from tests.visits.factories import make_campaign
from tests.volunteers.factories import make_activity, make_shift


def aged(issue: Issue, **change) -> Issue:
    """Move an issue's creation (hours=…) back, or set its status/assignee, as time would."""
    values = {k: v for k, v in change.items() if k != "hours"}
    if "hours" in change:
        values["created_at"] = clock.now() - timedelta(hours=change["hours"])
    db.session.execute(db.update(Issue).where(Issue.id == issue.id).values(**values))
    db.session.commit()
    return issue


def shift_at(activity, day, hour, capacity=10, taken=0):
    start = clock.at(day, time(hour))
    return make_shift(activity, starts_at=start, ends_at=start + timedelta(hours=2),
                      capacity=capacity, taken=taken)


@pytest.fixture
def liujin(app):
    return make_community(slug="liujin", name="流津社区")


def test_an_empty_community_has_nothing_to_do(liujin):
    staff = make_user("staff", [liujin])
    result = todo.todo(staff, liujin, None)
    assert result.new_by_channel == dict.fromkeys(CHANNELS, 0) and result.new_total == 0
    assert (result.overdue, result.awaiting_verdict, result.mine, result.revisions,
            result.partners_due, result.boxes_late, result.outbox_failed) == (0,) * 7
    assert [d.anything for d in result.days] == [False, False] and result.rounds == []
    assert result.since > clock.now() - timedelta(days=7, minutes=1)  # never seen: the last week


def test_new_issues_since_the_last_visit_by_channel(liujin):
    staff = make_user("staff", [liujin])
    compound = make_compound(liujin)
    make_issue(liujin, compound, channel="box")
    make_issue(liujin, compound, channel="box")
    make_issue(liujin, compound, channel="open311")
    aged(make_issue(liujin, compound, channel="phone"), hours=3)  # before the last visit
    result = todo.todo(staff, liujin, clock.now() - timedelta(hours=1))
    assert result.new_by_channel == {**dict.fromkeys(CHANNELS, 0), "box": 2, "open311": 1}


def test_overdue_against_each_categorys_target_and_awaiting_the_reporter(liujin):
    staff = make_user("staff", [liujin])
    compound = make_compound(liujin)
    aged(make_issue(liujin, compound, category="safety"), hours=25)  # target 24 h: late
    aged(make_issue(liujin, compound, category="parking"), hours=25)  # target 120 h: in time
    aged(make_issue(liujin, compound, category="safety"), hours=50, status="resolved")
    aged(make_issue(liujin, compound, category="road"), hours=1, status="resolved")
    aged(make_issue(liujin, compound, category="road"), hours=99, status="closed")
    result = todo.todo(staff, liujin, None)
    assert (result.overdue, result.awaiting_verdict) == (1, 2)


def test_revisions_partners_boxes_and_failed_messages(liujin):
    staff = make_user("staff", [liujin])
    waiting = make_partner(liujin)  # never visited: due
    offers.submit(make_offer(waiting, published=False), None)  # pending review
    make_offer(waiting)  # approved: nothing to review
    visited = make_partner(liujin)
    offers.record_visit(visited, staff, "")
    opened, closed = make_compound(liujin), make_compound(liujin)
    from blueprints.issues import boxes
    boxes.record_opening(liujin, opened.id, clock.today() - timedelta(days=3), staff, "许书记", 0)
    boxes.record_opening(liujin, closed.id, clock.today() - timedelta(days=8), staff, "许书记", 0)
    person = make_person(liujin)
    for key, error, sent in (("a", "短信网关超时", None), ("b", "", None), ("c", "旧错误", clock.now())):
        db.session.add(OutboxMessage(community_id=liujin.id, person_id=person.id, kind="reminder",
                                     key=key, recipient=person.mobile, body="提醒", error=error,
                                     sent_at=sent))
    db.session.commit()
    result = todo.todo(staff, liujin, None)
    assert (result.revisions, result.partners_due, result.boxes_late, result.outbox_failed) == (1, 1, 1, 1)


def test_todays_and_tomorrows_places(liujin):
    staff = make_user("staff", [liujin])
    today, tomorrow = clock.today(), clock.today() + timedelta(days=1)
    activity = make_activity(liujin)
    shift_at(activity, today, 7)  # over by the time of the look at 08:00
    shift_at(activity, today, 20, taken=3)  # places left
    shift_at(activity, today, 21, capacity=5, taken=5)  # full
    shift_at(activity, tomorrow, 9)  # nobody yet
    shift_at(activity, tomorrow + timedelta(days=1), 9)  # the day after: not shown
    make_course(liujin, days_ahead=1, actor=staff)  # a session tomorrow 14:00
    home = make_home_offer(make_partner(liujin))
    db.session.add_all([VisitDate(home_offer_id=home.id, day=today, capacity=8, taken=8),
                        VisitDate(home_offer_id=home.id, day=tomorrow, capacity=8, taken=2)])
    db.session.commit()
    first, second = todo.todo(staff, liujin, None, now=clock.at(today, time(8))).days
    assert (first.day, first.shifts_open, first.shifts_empty, first.sessions_open,
            first.home_dates_open) == (today, 1, 0, 0, 0)
    assert (second.day, second.shifts_open, second.shifts_empty, second.sessions_open,
            second.home_dates_open) == (tomorrow, 1, 1, 1, 1)


def _round_with_doors(community, outcomes, **dates):
    compound = make_compound(community)
    doors = [make_household(compound) for _ in outcomes]
    grid = make_grid(community, compounds=[compound])
    campaign = make_campaign(community, [grid], name=f"走访{grid.id}", **dates)
    for door, outcome in zip(doors, outcomes):
        if outcome:
            db.session.add(Visit(community_id=community.id, campaign_id=campaign.id,
                                 household_id=door.id, client_id=str(uuid.uuid4()), outcome=outcome))
    db.session.commit()
    return grid, campaign


def test_rounds_in_progress_and_their_coverage(liujin):
    staff = make_user("staff", [liujin])
    today = clock.today()
    now = {"starts_on": today - timedelta(days=2), "ends_on": today + timedelta(days=9)}
    _round_with_doors(liujin, ["visited", "refused", "not_home", None], **now)
    _round_with_doors(liujin, ["visited"], starts_on=today - timedelta(days=30),
                      ends_on=today - timedelta(days=1))  # over
    [current] = todo.todo(staff, liujin, None).rounds
    assert (current.done, current.total, current.percent) == (2, 4, 50)


def test_a_targeted_rounds_coverage_counts_its_own_doors_only(liujin):
    from models.visits import campaign_households
    staff = make_user("staff", [liujin])
    today = clock.today()
    grid, campaign = _round_with_doors(liujin, ["visited", None, None, None],
                                       starts_on=today, ends_on=today + timedelta(days=13))
    doors = sorted(v.household_id for v in db.session.scalars(db.select(Visit)))
    campaign.targeted = True  # made of the home-service gap list: the visited door and one more
    other = db.session.scalars(db.select(Household.id).where(
        Household.compound_id == grid.compounds[0].id, Household.id.not_in(doors))).first()
    db.session.execute(campaign_households.insert(), [
        {"campaign_id": campaign.id, "household_id": doors[0]},
        {"campaign_id": campaign.id, "household_id": other}])
    db.session.commit()
    [current] = todo.todo(staff, liujin, None).rounds
    assert (current.done, current.total) == (1, 2)


def test_a_grid_worker_counts_their_grids_only_and_their_queue(liujin):
    worker = make_user("grid_worker", [liujin])
    mine, other = make_compound(liujin), make_compound(liujin)
    grid = make_grid(liujin, compounds=[mine], workers=[worker])
    make_issue(liujin, mine, channel="box")
    make_issue(liujin, other, channel="box")
    aged(make_issue(liujin, mine), status="assigned", assignee_id=worker.id)
    aged(make_issue(liujin, other, category="safety"), hours=30)  # late, but not in the grid
    make_partner(liujin)  # due, but the office's
    today = clock.today()
    dates = {"starts_on": today, "ends_on": today + timedelta(days=5)}
    campaign = make_campaign(liujin, [grid], **dates)
    make_household(mine)
    _round_with_doors(liujin, ["visited"], **dates)  # another grid's round
    result = todo.todo(worker, liujin, None)
    assert result.grid_only and result.mine == 1
    assert result.new_by_channel["box"] == 1 and result.overdue == 0
    assert result.partners_due == 0 and result.days == []
    assert [(r.id, r.total, r.done) for r in result.rounds] == [(campaign.id, 1, 0)]


def test_new_counts_from_the_visit_before_this_sitting(liujin):
    other = make_community(slug="xingyuan")
    staff = make_user("staff", [liujin, other])
    monday = clock.now().replace(microsecond=0)
    assert todo.visit(staff, liujin, monday - timedelta(days=3)) is None  # never before
    assert todo.visit(staff, liujin, monday - timedelta(days=3, minutes=-10)) is None  # reload
    assert todo.visit(staff, liujin, monday) == monday - timedelta(days=3, minutes=-10)
    # Coming back from a linked page in the same sitting keeps what was new.
    assert todo.visit(staff, liujin, monday + timedelta(minutes=20)) == monday - timedelta(days=3, minutes=-10)
    assert todo.visit(staff, liujin, monday + timedelta(hours=2)) == monday + timedelta(minutes=20)
    assert todo.last_seen(staff, liujin) == monday + timedelta(hours=2)
    assert todo.last_seen(staff, other) is None  # per community

"""Rounds without HTTP: walking order, outcomes and the revisit rule, answers, need → issue,
a visit resent with the same id, and the coverage figures."""
import uuid

import pytest

from blueprints.issues import services as issues
from blueprints.visits import campaigns, services
from blueprints.visits.coverage import coverage
from extensions import db
from models import Issue
from models.visits import Visit
from tests.factories import make_community, make_compound, make_grid, make_household, make_user
from tests.visits.factories import make_round


def _visit(r, door, outcome="visited", **kwargs):
    return services.record_visit(r.campaign, door, r.worker, str(uuid.uuid4()), outcome, **kwargs)


def test_roster_walks_floor_by_floor_and_shows_states(app):
    r = make_round()
    _visit(r, r.doors[1], "not_home")
    _visit(r, r.doors[2], "refused")
    rows = services.roster(r.campaign, r.grid).items
    assert [row.household.address for row in rows] == [d.address for d in r.doors]
    assert [row.state for row in rows] == ["pending", "not_home", "refused", "pending"]
    assert [row.state_label for row in rows] == ["未访", "不在家", "拒访", "未访"]


def test_not_home_goes_on_revisit_list_until_tries_run_out(app):
    r = make_round()  # max_tries 2
    door = r.doors[0]
    _visit(r, door, "not_home")
    assert [row.household for row in services.roster(r.campaign, r.grid, show="revisit").items] == [door]
    _visit(r, door, "not_home")
    row = services.roster(r.campaign, r.grid).items[0]
    assert (row.state, row.tries, row.revisit) == ("not_home", 2, False)
    assert services.roster(r.campaign, r.grid, show="revisit").items == []
    assert door not in [row.household for row in services.roster(r.campaign, r.grid, show="pending").items]


def test_a_later_visit_replaces_not_home(app):
    r = make_round()
    _visit(r, r.doors[0], "not_home")
    _visit(r, r.doors[0], "visited", answers={r.temperature.id: "16.5"})
    row = services.roster(r.campaign, r.grid).items[0]
    assert (row.state, row.tries, row.revisit) == ("visited", 1, False)


def test_same_client_id_is_stored_once(app):
    r = make_round()
    client_id = str(uuid.uuid4())
    first = services.record_visit(r.campaign, r.doors[0], r.worker, client_id, "visited",
                                  need="楼道灯坏了")
    again = services.record_visit(r.campaign, r.doors[0], r.worker, client_id, "visited",
                                  need="楼道灯坏了")
    assert again.id == first.id
    assert db.session.query(Visit).count() == 1
    with pytest.raises(services.VisitRefused):  # the same id for another door is refused
        services.record_visit(r.campaign, r.doors[1], r.worker, client_id, "visited")
    with pytest.raises(services.VisitRefused):
        services.record_visit(r.campaign, r.doors[1], r.worker, "not-a-uuid", "visited")


@pytest.mark.parametrize("typed, message", [("200", "-10 到 40"), ("暖和", "数字"), ("nan", "数字")])
def test_temperature_out_of_range_or_not_a_number_is_refused(app, typed, message):
    r = make_round()
    with pytest.raises(services.VisitRefused) as refused:
        _visit(r, r.doors[0], answers={r.temperature.id: typed})
    assert refused.value.field == f"q{r.temperature.id}" and message in str(refused.value.message)
    assert db.session.query(Visit).count() == 0


def test_answers_are_kept_only_for_a_visit_made(app):
    r = make_round()
    yes_no = r.campaign.questions[1]
    visit = _visit(r, r.doors[0], answers={r.temperature.id: "17", yes_no.id: "是"})
    assert [(a.number, a.text) for a in visit.answers] == [(17.0, ""), (None, "是")]
    away = _visit(r, r.doors[1], "not_home", answers={r.temperature.id: "17"}, need="x")
    assert away.answers == [] and away.need == ""
    with pytest.raises(services.VisitRefused):
        _visit(r, r.doors[2], answers={yes_no.id: "也许"})


def test_need_becomes_an_issue_assigned_to_the_grid_worker(app):
    r = make_round()
    staff = make_user("staff", [r.community])
    visit = services.record_visit(r.campaign, r.doors[0], staff, str(uuid.uuid4()), "visited",
                                  need="想要一个室内锻炼的地方")
    issue = services.need_to_issue(visit, staff)
    assert (issue.channel, issue.status, issue.assignee_id) == ("visit", "assigned", r.worker.id)
    assert issue.what == "想要一个室内锻炼的地方" and issue.where == r.doors[0].address
    assert visit.issue_id == issue.id
    assert services.need_to_issue(visit, staff).id == issue.id  # one tap twice: one issue
    assert db.session.query(Issue).count() == 1


def test_grid_worker_turns_a_need_into_their_own_issue_while_recording(app):
    r = make_round()
    visit = _visit(r, r.doors[0], need="暖气不热", make_issue=True)
    assert visit.issue.assignee_id == r.worker.id and visit.issue.channel == "visit"


def test_visitor_grids(app):
    r = make_round()
    other_worker = make_user("grid_worker", [r.community])
    second = make_grid(r.community, [make_compound(r.community)], [other_worker])
    r.campaign.grids.append(second)
    db.session.commit()
    assert services.visitor_grid_ids(r.worker, r.campaign) == {r.grid.id}
    assert services.visitor_grid_ids(other_worker, r.campaign) == {second.id}
    assert services.visitor_grid_ids(make_user("staff", [r.community]), r.campaign) == {r.grid.id, second.id}
    assert services.visitor_grid_ids(make_user("partner", [r.community]), r.campaign) == set()
    assert services.household_in(r.campaign, {second.id}, r.doors[0].id) is None
    # An assignment lets a grid worker walk another grid.
    campaigns.assign(r.campaign, make_user("staff", [r.community]), second.id, user_id=r.worker.id)
    assert services.visitor_grid_ids(r.worker, r.campaign) == {r.grid.id, second.id}


def test_coverage_counts_each_door_by_its_latest_visit(app):
    r = make_round(doors=6)
    vacant = make_household(r.doors[0].compound, address="2号楼1单元101", status="vacant")
    _visit(r, r.doors[0], answers={r.temperature.id: "16"}, need="暖气不热", make_issue=True)
    _visit(r, r.doors[1], answers={r.temperature.id: "21"})
    _visit(r, r.doors[2], "not_home")
    _visit(r, r.doors[3], "refused")
    _visit(r, r.doors[4], "not_home")
    _visit(r, r.doors[4], "visited", answers={r.temperature.id: "19"})
    figures = coverage(r.campaign)
    grid = figures.grids[0]
    assert (grid.total, grid.visited, grid.not_home, grid.refused, grid.vacant, grid.pending) == (
        7, 3, 1, 1, 1, 1)
    assert (grid.needs, grid.issues, grid.resolved) == (1, 1, 0)
    assert figures.total.done == 5
    ((name, n, mean, low, high),) = figures.numbers[r.temperature.id]
    assert (name, n, round(mean, 2), low, high) == ("明珠公寓", 3, 18.67, 16, 21)
    assert [row[2] for row in figures.flagged] == [r.doors[0].address]
    issue = r.doors[0] and db.session.query(Issue).one()
    issues.change_status(issue, "resolved", r.worker)
    assert coverage(r.campaign).grids[0].resolved == 1
    assert vacant.id


def test_campaign_rules(app):
    community = make_community()
    staff = make_user("staff", [community])
    grid = make_grid(community, [make_compound(community)])
    from datetime import date
    with pytest.raises(campaigns.CampaignError):
        campaigns.create_campaign(community, staff, "走访", date(2026, 12, 5), date(2026, 12, 1), 3, [grid.id])
    with pytest.raises(campaigns.CampaignError):
        campaigns.create_campaign(community, staff, "走访", date(2026, 12, 1), date(2026, 12, 5), 3, [])
    made = campaigns.create_campaign(community, staff, "走访", date(2026, 12, 1), date(2026, 12, 5), 3, [grid.id])
    with pytest.raises(campaigns.CampaignError):
        campaigns.add_question(made, staff, "choice", "满意吗", choices="满意")
    q = campaigns.add_question(made, staff, "choice", "满意吗", choices="满意、一般，不满意")
    assert q.choices == ["满意", "一般", "不满意"]
    with pytest.raises(campaigns.CampaignError):
        campaigns.add_question(made, staff, "number", "温度", min_value=30, max_value=10)
    other = make_community()
    with pytest.raises(campaigns.CampaignError):
        campaigns.create_campaign(community, staff, "走访2", date(2026, 12, 1), date(2026, 12, 5), 3,
                                  [make_grid(other).id])


def test_a_visit_id_made_on_the_server_never_reads_like_a_mobile_number(monkeypatch):
    import uuid

    from blueprints.core.privacy import MOBILE_IN_TEXT
    from blueprints.visits import services as visit_services

    drawn = iter([uuid.UUID("5f0c1e2d-a168-9242-4787-0a1b2c3d4e5f"),
                  uuid.UUID("5f0c1e2d-abcd-4242-8787-0a1b2c3d4e5f")])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(drawn))
    assert MOBILE_IN_TEXT.search("5f0c1e2d-a168-9242-4787-0a1b2c3d4e5f")
    assert visit_services.new_client_id() == "5f0c1e2d-abcd-4242-8787-0a1b2c3d4e5f"

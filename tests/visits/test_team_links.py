"""A 敲门队 member's link: their grids' roster, recording visits as the member, a need turned
into an issue for the grid worker, numbers masked, and every link that must not work (404)."""
import re
import uuid
from datetime import timedelta

import pytest

from blueprints.core import clock
from blueprints.visits import services, team_links
from extensions import db
from models import AuditEvent, Issue, OutboxMessage, TeamMember
from models.visits import Visit, VisitAssignment
from tests.factories import login, make_compound, make_grid, make_household, make_person, make_user
from tests.queries import add_units, assert_bounded
from tests.visits.factories import make_round
from tests.volunteers.factories import make_team


def _member(r, **overrides) -> TeamMember:
    person = make_person(r.community, name="李阿姨", mobile="13912345678")
    member = TeamMember(team=make_team(r.community), person=person,
                        status=overrides.pop("status", "accepted"))
    db.session.add(member)
    db.session.add(VisitAssignment(campaign=r.campaign, grid=r.grid, team_member=member))
    db.session.commit()
    return member


@pytest.fixture
def knock(app):
    r = make_round()
    member = _member(r)
    with app.test_request_context():
        token = team_links.link_token(r.campaign, member)
    return r, member, f"/c/{r.community.slug}/visits/r/{token}"


def _post(client, url, door, **data):
    values = {"client_id": str(uuid.uuid4()), "outcome": "visited"}
    values.update(data)
    return client.post(f"{url}/households/{door.id}", data=values)


def test_member_records_a_visit_through_the_link(client, knock):
    r, member, url = knock
    roster = client.get(url).get_data(as_text=True)
    addresses = [a.split(" ", 1)[1] for a in re.findall(r'data-address="([^"]+)"', roster)]
    assert addresses == [d.address for d in r.doors] and "李阿姨" in roster
    assert f'action="{url}/households/{r.doors[0].id}"' in roster  # the queue posts here
    response = _post(client, url, r.doors[0], grid=r.grid.id, **{f"q{r.temperature.id}": "16"})
    assert response.status_code == 303 and response.location.endswith(f"?grid={r.grid.id}#h{r.doors[0].id}")
    visit = db.session.query(Visit).one()
    assert (visit.visitor_id, visit.visitor_team_member_id) == (None, member.id)
    assert visit.answers[0].number == 16
    page = client.get(f"{url}/households/{r.doors[0].id}").get_data(as_text=True)
    assert "已访" in page and "李阿姨" in page
    assert "已访" in client.get(url).get_data(as_text=True)


def test_the_phone_queue_gets_204_through_the_link(client, knock):
    r, _member, url = knock
    values = {"client_id": str(uuid.uuid4()), "outcome": "not_home"}
    queued = {"X-Visit-Queue": "1"}
    for _ in range(2):  # sent twice, stored once
        assert client.post(f"{url}/households/{r.doors[1].id}", data=values,
                           headers=queued).status_code == 204
    assert db.session.query(Visit).count() == 1


def test_a_need_becomes_an_issue_for_the_grid_worker(client, knock):
    r, _member, url = knock
    _post(client, url, r.doors[0], need="暖气不热", make_issue="y")
    issue = db.session.query(Issue).one()
    assert (issue.channel, issue.status, issue.assignee_id) == ("visit", "assigned", r.worker.id)
    _post(client, url, r.doors[1], need="楼道灯坏了")
    visit = db.session.query(Visit).filter_by(household_id=r.doors[1].id).one()
    page = client.get(f"{url}/households/{r.doors[1].id}").get_data(as_text=True)
    assert "转为诉求" in page and "/staff/" not in page
    assert client.post(f"{url}/visits/{visit.id}/issue").status_code == 303
    assert db.session.get(Visit, visit.id).issue.assignee_id == r.worker.id


def test_another_grids_household_and_visit_are_404(client, knock):
    r, _member, url = knock
    compound = make_compound(r.community, name="别的小区")
    other_grid = make_grid(r.community, [compound], [], name="第二网格")
    r.campaign.grids.append(other_grid)
    db.session.commit()
    stranger = make_household(compound, address="9号楼1单元101")
    assert client.get(f"{url}/households/{stranger.id}").status_code == 404
    assert _post(client, url, stranger).status_code == 404
    assert client.get(f"{url}?grid={other_grid.id}").status_code == 404
    services.record_visit(r.campaign, stranger, r.worker, str(uuid.uuid4()), "visited",
                          need="别人的需求")
    visit = db.session.query(Visit).one()
    assert client.post(f"{url}/visits/{visit.id}/issue").status_code == 404
    assert db.session.query(Issue).count() == 0 and db.session.query(Visit).count() == 1


def _ends_yesterday(r, member):
    r.campaign.ends_on = clock.today() - timedelta(days=1)


def _removed(r, member):
    db.session.query(VisitAssignment).filter_by(team_member_id=member.id).delete()


def _left(r, member):
    member.status = "left"


@pytest.mark.parametrize("end", [_ends_yesterday, _removed, _left])
def test_link_stops_when_round_ends_assignment_goes_or_member_leaves(client, knock, end):
    r, member, url = knock
    assert client.get(url).status_code == 200
    end(r, member)
    db.session.commit()
    assert client.get(url).status_code == 404
    assert client.get(f"{url}/households/{r.doors[0].id}").status_code == 404
    assert _post(client, url, r.doors[0]).status_code == 404
    assert db.session.query(Visit).count() == 0


def test_staff_send_and_revoke_the_link_and_both_are_logged(client, knock):
    r, member, url = knock
    staff = make_user("staff", [r.community])
    login(client, staff)
    assignment = db.session.query(VisitAssignment).filter_by(team_member_id=member.id).one()
    base = f"/staff/{r.community.slug}/visits/{r.campaign.id}/assignments/{assignment.id}"
    assert "发送走访链接" in client.get(f"/staff/{r.community.slug}/visits/{r.campaign.id}/edit").get_data(as_text=True)
    assert client.post(f"{base}/send-link").status_code == 303
    message = db.session.query(OutboxMessage).filter_by(kind="visit_link").one()
    assert message.recipient == "13912345678" and url.split("/r/")[1] in message.body
    assert client.post(f"{base}/revoke-link").status_code == 303
    client.post("/logout")
    assert client.get(url).status_code == 404  # revoked
    assert client.post(f"{base}/send-link").status_code in (302, 303, 401, 403)  # signed out
    login(client, staff)
    client.post(f"{base}/send-link")
    fresh = db.session.query(OutboxMessage).filter_by(kind="visit_link").order_by(
        OutboxMessage.id.desc()).first()
    new_url = re.search(r"/c/\S+", fresh.body).group()
    assert new_url != url and client.get(new_url).status_code == 200
    r.campaign.ends_on = clock.today() - timedelta(days=1)
    db.session.commit()
    refused = client.post(f"{base}/send-link", follow_redirects=True).get_data(as_text=True)
    assert "这个链接现在打不开" in refused
    assert db.session.query(OutboxMessage).filter_by(kind="visit_link").count() == 2
    actions = {e.action for e in db.session.query(AuditEvent)}
    assert {"visit_link.sent", "visit_link.revoked"} <= actions
    assert client.post(f"/staff/{r.community.slug}/visits/{r.campaign.id}/assignments/999/send-link").status_code == 404


def test_grid_worker_cannot_send_or_revoke(client, knock):
    r, member, url = knock
    assignment = db.session.query(VisitAssignment).filter_by(team_member_id=member.id).one()
    login(client, r.worker)
    base = f"/staff/{r.community.slug}/visits/{r.campaign.id}/assignments/{assignment.id}"
    assert client.post(f"{base}/revoke-link").status_code == 403
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("token", ["x", "WzEsMSwxXQ.forged", "e30"])
def test_forged_or_foreign_tokens_are_404(client, knock, token):
    r, _member, url = knock
    assert client.get(f"/c/{r.community.slug}/visits/r/{token}").status_code == 404
    real = url.split("/r/")[1]
    assert client.get(f"/c/{r.community.slug}/visits/r/{real[:-2]}ab").status_code == 404


def test_a_token_of_another_community_is_404(client, knock):
    r, _member, url = knock
    make_round(slug="xingyuan")
    assert client.get(url.replace("/c/liujin/", "/c/xingyuan/")).status_code == 404


def test_the_page_shows_no_full_number(client, knock):
    r, _member, url = knock
    _post(client, url, r.doors[0], need="请联系 13987654321 修暖气")
    page = client.get(f"{url}/households/{r.doors[0].id}").get_data(as_text=True)
    assert "修暖气" in page and "13987654321" not in page and "139****4321" in page
    assert "13912345678" not in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize("typed, message", [("200", "请填写 -10 到 40 之间的数"), ("很冷", "请填写数字")])
def test_bad_input_is_refused_next_to_the_field(client, knock, typed, message):
    r, _member, url = knock
    response = _post(client, url, r.doors[0], need="楼道灯不亮", **{f"q{r.temperature.id}": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html and f'value="{typed}"' in html
    assert _post(client, url, r.doors[0], outcome="").status_code == 422
    refused = _post(client, url, r.doors[0], client_id="x")
    assert refused.status_code == 422 and "刷新页面" in refused.get_data(as_text=True)
    assert client.get(f"{url}?grid=abc").status_code == 200
    assert db.session.query(Visit).count() == 0


def _unit(world: dict, n: int) -> None:
    r = world["round"]
    compound = make_compound(r.community, name=f"小区{n}")
    r.grid.compounds.append(compound)
    doors = [make_household(compound, address=f"{n}号楼1单元10{i}", unit="1", floor=1,
                            room=f"10{i}") for i in range(3)]
    services.record_visit(r.campaign, doors[0], None, str(uuid.uuid4()), "visited",
                          {r.temperature.id: "16"}, need=f"需求{n}", make_issue=True,
                          team_member=world["member"])
    services.record_visit(r.campaign, doors[1], r.worker, str(uuid.uuid4()), "not_home")
    services.record_visit(r.campaign, r.doors[0], None, str(uuid.uuid4()), "not_home",
                          team_member=world["member"])


def test_roster_through_the_link_stays_bounded(client, knock):
    r, member, url = knock
    world = {"round": r, "member": member, "units": 0}
    add_units(world, 1, _unit)
    urls = [url, f"{url}?show=revisit", f"{url}/households/{r.doors[0].id}"]
    assert_bounded(client, urls, lambda: add_units(world, 9, _unit))


def test_bad_input_of_every_kind_through_a_real_link_is_never_a_500(app, client, knock):
    from tests.core.test_bad_input_walk import BAD_SEGMENTS, BAD_VALUES, FIELDS, QUERY_VALUES
    r, _member, url = knock
    app.config.update(PROPAGATE_EXCEPTIONS=False)
    fields = FIELDS + ["outcome", "client_id", "need", "make_issue", "show",
                       f"q{r.temperature.id}", f"q{r.campaign.questions[1].id}"]
    door = f"{url}/households/{r.doors[0].id}"
    for bad in BAD_SEGMENTS:
        assert client.get(f"{url}/households/{bad}").status_code in (400, 404)
        assert client.post(f"{url}/visits/{bad}/issue").status_code in (400, 404)
    for turn, value in enumerate(BAD_VALUES):
        data = {field: BAD_VALUES[(n + turn) % len(BAD_VALUES)] for n, field in enumerate(fields)}
        assert client.post(door, data=data).status_code in (303, 400, 422), value
        assert client.post(f"{url}/visits/1/issue", data=data).status_code in (303, 400, 404)
    for value in QUERY_VALUES:
        for path in (url, door):
            assert client.get(path, query_string=dict.fromkeys(fields, value)).status_code in (
                200, 400, 404), (path, value)
    assert all(visit.visitor_team_member_id for visit in db.session.query(Visit))

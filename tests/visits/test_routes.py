"""The rounds over HTTP: pages, recording a visit, refusals next to the field, and every
denial (another grid, another community's staff, partners, the public)."""
import re
import uuid

import pytest

from extensions import db
from models import Issue
from models.visits import Visit, VisitCampaign
from tests.factories import login, make_compound, make_grid, make_household, make_user
from tests.visits.factories import make_round


def _base(r):
    return f"/staff/{r.community.slug}/visits/{r.campaign.id}"


def _post_visit(client, r, door, **data):
    values = {"client_id": str(uuid.uuid4()), "outcome": "visited", "grid": r.grid.id}
    values.update(data)
    return client.post(f"{_base(r)}/households/{door.id}", data=values)


def test_roster_lists_doors_in_walking_order_with_states(client):
    r = make_round()
    login(client, r.worker)
    _post_visit(client, r, r.doors[1], outcome="not_home")
    html = client.get(f"{_base(r)}/grids/{r.grid.id}").get_data(as_text=True)
    addresses = [a.split(" ", 1)[1] for a in re.findall(r'data-address="([^"]+)"', html)]
    assert addresses == [d.address for d in r.doors]
    assert "不在家 · 1次" in html and "未访" in html and "室内温度（℃）" in html
    revisit = client.get(f"{_base(r)}/grids/{r.grid.id}?show=revisit").get_data(as_text=True)
    assert re.findall(r'data-address="([^"]+)"', revisit) == [f"明珠公寓 {r.doors[1].address}"]


def test_grid_worker_records_a_visit_and_its_need_becomes_an_issue(client):
    r = make_round()
    login(client, r.worker)
    response = _post_visit(client, r, r.doors[0], **{f"q{r.temperature.id}": "16",
                                                     "need": "暖气不热", "make_issue": "y"})
    assert response.status_code == 303 and response.location.endswith(f"/grids/{r.grid.id}#h{r.doors[0].id}")
    visit = db.session.query(Visit).one()
    assert visit.answers[0].number == 16 and visit.issue.assignee_id == r.worker.id
    page = client.get(f"{_base(r)}/households/{r.doors[0].id}").get_data(as_text=True)
    assert "暖气不热" in page and f"诉求 #{visit.issue.id}" in page


def test_one_tap_turns_a_recorded_need_into_an_issue(client):
    r = make_round()
    login(client, r.worker)
    _post_visit(client, r, r.doors[0], need="想要室内健身的地方")
    visit = db.session.query(Visit).one()
    page = client.get(f"{_base(r)}/households/{r.doors[0].id}").get_data(as_text=True)
    assert "转为诉求" in page
    response = client.post(f"{_base(r)}/visits/{visit.id}/issue")
    assert response.status_code == 303
    issue = db.session.query(Issue).one()
    assert (issue.channel, issue.status, issue.what) == ("visit", "assigned", "想要室内健身的地方")


def test_the_phone_queue_gets_204_only_when_stored(client):
    r = make_round()
    queued = {"X-Visit-Queue": "1"}
    values = {"client_id": str(uuid.uuid4()), "outcome": "visited"}
    url = f"{_base(r)}/households/{r.doors[0].id}"
    assert client.post(url, data=values, headers=queued).status_code == 302  # signed out
    login(client, r.worker)
    assert client.post(url, data=values, headers=queued).status_code == 204
    assert client.post(url, data=values, headers=queued).status_code == 204  # resent
    bad = client.post(url, data={**values, "client_id": str(uuid.uuid4()),
                                 f"q{r.temperature.id}": "200"}, headers=queued)
    assert bad.status_code == 422
    assert db.session.query(Visit).count() == 1


def test_resend_with_same_client_id_stores_once(client):
    r = make_round()
    login(client, r.worker)
    client_id = str(uuid.uuid4())
    assert _post_visit(client, r, r.doors[0], client_id=client_id).status_code == 303
    assert _post_visit(client, r, r.doors[0], client_id=client_id).status_code == 303
    assert db.session.query(Visit).filter_by(client_id=client_id).count() == 1


@pytest.mark.parametrize("typed, message", [("200", "请填写 -10 到 40 之间的数"), ("很冷", "请填写数字")])
def test_bad_temperature_is_refused_next_to_the_field_and_kept(client, typed, message):
    r = make_round()
    login(client, r.worker)
    response = _post_visit(client, r, r.doors[0], need="楼道灯不亮",
                           **{f"q{r.temperature.id}": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html
    assert f'value="{typed}"' in html and "楼道灯不亮" in html
    assert f'id="q{r.temperature.id}-error"' in html
    assert db.session.query(Visit).count() == 0


def test_missing_outcome_and_bad_client_id_are_refused(client):
    r = make_round()
    login(client, r.worker)
    assert _post_visit(client, r, r.doors[0], outcome="").status_code == 422
    response = _post_visit(client, r, r.doors[0], client_id="x")
    assert response.status_code == 422 and "刷新页面" in response.get_data(as_text=True)
    assert db.session.query(Visit).count() == 0


def test_grid_worker_never_reads_or_writes_another_grid(client):
    r = make_round()
    stranger = make_household(make_compound(r.community), address="9号楼1单元101")
    other_grid = make_grid(r.community, [stranger.compound], [make_user("grid_worker", [r.community])])
    r.campaign.grids.append(other_grid)
    db.session.commit()
    login(client, r.worker)
    assert client.get(f"{_base(r)}/grids/{other_grid.id}").status_code == 403
    assert client.get(f"{_base(r)}/grids/{other_grid.id}/entry").status_code == 403
    assert client.get(f"{_base(r)}/households/{stranger.id}").status_code == 403
    assert _post_visit(client, r, stranger).status_code == 403
    assert db.session.query(Visit).count() == 0
    html = client.get(_base(r)).get_data(as_text=True)
    assert other_grid.name not in html and r.grid.name in html


def test_staff_of_another_community_partners_and_public_are_refused(app, client):
    r = make_round()
    other = make_round(slug="xingyuan")
    door = r.doors[0]
    urls = [f"/staff/liujin/visits", _base(r), f"{_base(r)}/grids/{r.grid.id}",
            f"{_base(r)}/households/{door.id}", f"{_base(r)}/grids/{r.grid.id}/entry",
            f"/staff/liujin/visits/new", f"{_base(r)}/edit"]
    for url in urls:
        assert client.get(url).status_code == 302, url  # the public: to the login page
    assert _post_visit(client, r, door).status_code == 302
    for user in (make_user("staff", [other.community]), make_user("partner", [r.community])):
        browser = app.test_client()
        login(browser, user)
        for url in urls:
            assert browser.get(url).status_code == 403, (user.role, url)
        assert _post_visit(browser, r, door).status_code == 403
    assert db.session.query(Visit).count() == 0
    # A campaign of another community is not found under this one's address.
    login(client, make_user("staff", [r.community]))
    assert client.get(f"/staff/liujin/visits/{other.campaign.id}").status_code == 404
    assert client.get(f"/staff/liujin/visits/{r.campaign.id}/grids/{other.grid.id}").status_code == 404


def test_grid_worker_cannot_create_or_edit_campaigns(client):
    r = make_round()
    login(client, r.worker)
    assert client.get("/staff/liujin/visits/new").status_code == 403
    assert client.post(f"{_base(r)}/questions", data={"kind": "text", "label": "x"}).status_code == 403


def test_staff_create_a_campaign_with_questions_and_visitors(client):
    r = make_round()
    login(client, make_user("staff", [r.community]))
    bad = client.post("/staff/liujin/visits/new", data={
        "name": "春季走访", "starts_on": "2027-03-10", "ends_on": "2027-03-01", "max_tries": "3",
        "grids": [str(r.grid.id)]})
    assert bad.status_code == 422 and "结束日期不能早于开始日期" in bad.get_data(as_text=True)
    response = client.post("/staff/liujin/visits/new", data={
        "name": "春季走访", "starts_on": "2027-03-01", "ends_on": "2027-03-10", "max_tries": "3",
        "grids": [str(r.grid.id)]})
    assert response.status_code == 303
    made = db.session.query(VisitCampaign).filter_by(name="春季走访").one()
    base = f"/staff/liujin/visits/{made.id}"
    assert client.post(f"{base}/questions", data={"kind": "number", "label": "室内温度", "unit": "℃",
                                                  "min_value": "abc"}).status_code == 422
    assert client.post(f"{base}/questions", data={"kind": "number", "label": "室内温度", "unit": "℃",
                                                  "min_value": "-10", "max_value": "40",
                                                  "flag_below": "18"}).status_code == 303
    assert client.post(f"{base}/assignments", data={"grid": str(r.grid.id),
                                                    "visitor": f"u{r.worker.id}"}).status_code == 303
    page = client.get(f"{base}/edit").get_data(as_text=True)
    assert "室内温度（数字，℃，-10–40）" in page and "王网格" in page
    listing = client.get("/staff/liujin/visits").get_data(as_text=True)
    assert "春季走访" in listing and "冬季入户走访" in listing


def test_campaign_page_shows_coverage_and_cold_flats(app, client):
    r = make_round()
    worker = app.test_client()
    login(worker, r.worker)
    _post_visit(worker, r, r.doors[0], **{f"q{r.temperature.id}": "15.5"})
    _post_visit(worker, r, r.doors[1], outcome="refused")
    login(client, make_user("staff", [r.community]))
    html = client.get(_base(r)).get_data(as_text=True)
    assert "2 / 4" in html and "50%" in html and "明珠公寓" in html and "第一网格 · 走访名单" in html
    assert "15.5℃" in html and r.doors[0].address in html


def test_entry_page_types_a_sheet_in_door_after_door(client):
    r = make_round()
    login(client, r.worker)
    page = client.get(f"{_base(r)}/grids/{r.grid.id}/entry").get_data(as_text=True)
    client_id = re.search(r'name="client_id" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(f"{_base(r)}/grids/{r.grid.id}/entry", data={
        "client_id": client_id, "household": str(r.doors[0].id), "outcome": "visited",
        f"q{r.temperature.id}": "17"})
    assert response.status_code == 303
    assert db.session.query(Visit).one().source == "paper"
    following = client.get(response.location).get_data(as_text=True)
    assert re.search(rf'<option selected value="{r.doors[1].id}"', following)
    refused = client.post(f"{_base(r)}/grids/{r.grid.id}/entry", data={
        "client_id": str(uuid.uuid4()), "household": str(r.doors[1].id), "outcome": "visited",
        f"q{r.temperature.id}": "200"})
    assert refused.status_code == 422 and 'value="200"' in refused.get_data(as_text=True)

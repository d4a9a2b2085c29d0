"""The GeoReport v2 endpoints over HTTP: reading public issues, filing with a key, refusals."""
import pytest
from sqlalchemy import func, select

from blueprints.issues import services as issue_services
from extensions import db
from models import AuditEvent, Issue
from tests.factories import make_community, make_compound
from tests.issues.factories import make_issue

API = "/open311/v2"


def _count() -> int:
    return db.session.scalar(select(func.count(Issue.id)))


def test_services_lists_every_category(client, place):
    body = client.get(f"{API}/services.json?jurisdiction_id=xy").get_json()
    codes = {s["service_code"]: s["service_name"] for s in body}
    assert codes["road"] == "道路井盖" and "safety" in codes and len(codes) == 8


def test_unknown_jurisdiction_is_a_georeport_404(client, place):
    response = client.get(f"{API}/services.json?jurisdiction_id=nowhere")
    assert response.status_code == 404
    assert response.get_json() == [{"code": 404, "description": "jurisdiction_id not found"}]


def test_requests_show_public_issues_without_personal_data(client, place):
    community, compound = place
    shown = make_issue(community, compound, public=True, what="井盖松动 请联系13912345678")
    issue_services.add_comment(shown, "内部备注：物业经理13800001111不配合", None)
    make_issue(community, compound, public=False, what="不公开的诉求")
    body = client.get(f"{API}/requests.json?jurisdiction_id=xy").get_json()
    assert [r["service_request_id"] for r in body] == [str(shown.id)]
    text = client.get(f"{API}/requests/{shown.id}.json").get_data(as_text=True)
    for secret in ("13912345678", "王阿姨", "13800001111", "内部备注", "不公开的诉求"):
        assert secret not in text
    request = client.get(f"{API}/requests/{shown.id}.json").get_json()[0]
    assert request["description"] == "井盖松动 请联系139****5678"
    assert request["status"] == "open" and request["status_notes"] == "新建"
    assert request["address"] == "水产宿舍，3号楼前" and request["service_code"] == "road"


def test_status_maps_to_open_and_closed_with_the_detail_in_notes(client, place):
    community, compound = place
    make_issue(community, compound, public=True, status="in_progress")
    done = make_issue(community, compound, public=True, status="resolved")
    closed = client.get(f"{API}/requests.json?status=closed").get_json()
    assert [(r["service_request_id"], r["status"], r["status_notes"]) for r in closed] == [
        (str(done.id), "closed", "已解决")]
    opened = client.get(f"{API}/requests.json?status=open").get_json()
    assert [r["status_notes"] for r in opened] == ["处理中"]


def test_filters_by_service_code_and_dates(client, place):
    community, compound = place
    road = make_issue(community, compound, public=True, category="road")
    make_issue(community, compound, public=True, category="parking")
    body = client.get(f"{API}/requests.json?service_code=road").get_json()
    assert [r["service_request_id"] for r in body] == [str(road.id)]
    assert client.get(f"{API}/requests.json?end_date=2020-01-01T00:00:00Z").get_json() == []


def test_private_issue_is_not_found(client, place):
    hidden = make_issue(*place, public=False)
    response = client.get(f"{API}/requests/{hidden.id}.json")
    assert response.status_code == 404
    assert response.get_json()[0]["description"] == "service_request_id not found"


@pytest.mark.parametrize("query, status, words", [
    ("start_date=yesterday", 400, "start_date"),
    ("end_date=2026-13-45", 400, "end_date"),
    ("start_date=2026-12-02&end_date=2026-12-01", 400, "end_date is before start_date"),
    ("service_code=nope", 404, "service_code not found"),
    ("status=pending", 400, "status"),
    ("jurisdiction_id=nowhere", 404, "jurisdiction_id"),
    ("page_size=100000", 400, "page_size"),
])
def test_bad_filters_are_georeport_errors(client, place, query, status, words):
    response = client.get(f"{API}/requests.json?{query}")
    assert response.status_code == status
    [error] = response.get_json()
    assert error["code"] == status and words in error["description"]


def _post(client, **fields):
    values = {"service_code": "road", "description": "路灯不亮", "address_string": "水产宿舍 5号楼",
              "jurisdiction_id": "xy"}
    values.update(fields)
    return client.post(f"{API}/requests.json", data={k: v for k, v in values.items() if v is not None})


def test_post_files_an_issue_on_the_board(client, place, api_key):
    response = _post(client, api_key=api_key, phone="13912345678", first_name="明", last_name="李")
    assert response.status_code == 201
    issue_id = int(response.get_json()[0]["service_request_id"])
    issue = db.session.get(Issue, issue_id)
    assert (issue.channel, issue.channel_label, issue.category) == ("open311", "外部系统 (Open311)", "road")
    assert (issue.compound.name, issue.reporter_mobile, issue.public) == ("水产宿舍", "13912345678", False)
    logged = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "issue.created"))
    assert logged.detail["channel"] == "open311" and logged.detail["name"] == "12345 市民热线"
    # Not public, but the filer's key reads it back, without the reporter's number.
    assert client.get(f"{API}/requests/{issue_id}.json").status_code == 404
    mine = client.get(f"{API}/requests/{issue_id}.json?api_key={api_key}")
    assert mine.status_code == 200 and "13912345678" not in mine.get_data(as_text=True)


def test_post_accepts_json_and_address_id(client, place, api_key):
    compound = place[1]
    response = client.post(f"{API}/requests.json", json={
        "api_key": api_key, "service_code": "safety", "description": "电线裸露",
        "address_id": compound.id})
    assert response.status_code == 201
    assert db.session.get(Issue, int(response.get_json()[0]["service_request_id"])).category == "safety"


def test_post_refusals_store_nothing(client, place, api_key):
    from blueprints.open311 import keys

    community = place[0]
    other = make_community(slug="other")
    make_compound(other, name="别处小区")
    revoked = keys.create_key(community, "旧物业", None)
    keys.revoke_key(revoked[0], None)
    cases = [
        ({}, 403, "api_key was not provided"),
        ({"api_key": "guess"}, 403, "api_key is not valid"),
        ({"api_key": revoked[1]}, 403, "api_key has been revoked"),
        ({"api_key": api_key, "service_code": "nope"}, 404, "service_code not found"),
        ({"api_key": api_key, "service_code": ""}, 400, "service_code was not provided"),
        ({"api_key": api_key, "description": "坏" * 100_000}, 400, "4000"),
        ({"api_key": api_key, "description": "  "}, 400, "description"),
        ({"api_key": api_key, "jurisdiction_id": "nowhere"}, 404, "jurisdiction_id not found"),
        ({"api_key": api_key, "jurisdiction_id": "other"}, 403, "jurisdiction_id"),
        ({"api_key": api_key, "address_string": "别处"}, 400, "address_id"),
        ({"api_key": api_key, "address_id": "99999999999"}, 404, "address_id"),
    ]
    for fields, status, words in cases:
        response = _post(client, **fields)
        assert response.status_code == status, fields
        [error] = response.get_json()
        assert error["code"] == status and words in error["description"], fields
    assert _count() == 0


def test_post_needs_no_csrf_token_but_the_console_does(app, client, place, api_key):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"{API}/requests.json", data={
        "api_key": api_key, "service_code": "road", "description": "井盖", "address_id": place[1].id})
    assert response.status_code == 201
    for url in ("/c/xy/issues/new", "/staff/xy/open311"):  # forms next to it keep CSRF
        assert client.post(url, data={"what": "x", "name": "x"}).status_code == 400


def test_api_is_rate_limited_with_a_georeport_error(client, app, place):
    app.config["OPEN311_RATE_LIMIT"] = "2 per minute"
    for _ in range(2):
        assert client.get(f"{API}/services.json").status_code == 200
    response = client.get(f"{API}/services.json")
    assert response.status_code == 429 and response.get_json()[0]["code"] == 429

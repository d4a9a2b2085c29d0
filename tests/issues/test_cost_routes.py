"""HTTP for deliberation and cost sharing; the public page shows totals, never names."""
import re
from io import BytesIO

import pytest
from sqlalchemy import select

from blueprints.issues import costs
from extensions import db
from models import CostShare, Deliberation, Quote
from tests.factories import login, make_community, make_compound, make_household, make_user
from tests.issues.factories import make_issue, png_bytes

HX = {"HX-Request": "true"}


@pytest.fixture
def setting(app, client):
    community = make_community(slug="xy")
    compound = make_compound(community, name="水产宿舍")
    homes = [make_household(compound, address=f"1号楼{n}室") for n in range(1, 4)]
    issue = make_issue(community, compound, category="sewage", public=True)
    staff = make_user("staff", [community])
    login(client, staff)
    return issue, staff, homes


def test_cost_page_records_meeting_and_quotes(client, setting):
    issue, staff, homes = setting
    base = f"/staff/xy/issues/{issue.id}/costs"
    assert "居民代表议事" in client.get(base).get_data(as_text=True)
    r = client.post(base + "/meetings", data={"held_on": "2026-11-20", "attendees": "楼长三人",
                                             "decision": "请两家报价"})
    assert r.status_code == 303
    assert db.session.scalar(select(Deliberation)).decision == "请两家报价"
    r = client.post(base + "/quotes", data={"contractor": "甲队", "amount": "1,000.50", "note": "",
                                           "scan": (BytesIO(png_bytes()), "q.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 303
    quote = db.session.scalar(select(Quote))
    assert quote.amount_fen == 100050 and quote.scan_file
    scan = client.get(f"/staff/xy/issues/{issue.id}/quotes/{quote.id}/scan")
    assert scan.status_code == 200 and scan.mimetype == "image/png"


def test_bad_amount_is_refused_with_values_kept(client, setting):
    issue, staff, homes = setting
    r = client.post(f"/staff/xy/issues/{issue.id}/costs/quotes",
                    data={"contractor": "甲队", "amount": "12.345"}, headers=HX)
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and "最多两位小数" in html and 'value="甲队"' in html
    assert html.lstrip().startswith('<div id="issues-costs-panel"')


def test_choosing_a_dearer_quote_needs_a_reason(client, setting):
    issue, staff, homes = setting
    cheap = costs.add_quote(issue, "便宜队", 30000, "", staff)
    dear = costs.add_quote(issue, "贵队", 45000, "", staff)
    page = client.get(f"/staff/xy/issues/{issue.id}/costs").get_data(as_text=True)
    assert re.search(rf'<input checked [^>]*value="{cheap.id}"', page)  # the lowest by default
    assert not re.search(rf'<input checked [^>]*value="{dear.id}"', page)
    r = client.post(f"/staff/xy/issues/{issue.id}/costs/choose", data={"quote": dear.id, "reason": ""})
    assert r.status_code == 422 and "必须写明理由" in r.get_data(as_text=True)
    r = client.post(f"/staff/xy/issues/{issue.id}/costs/choose", data={"quote": dear.id, "reason": "质保更长"})
    assert r.status_code == 303 and costs.chosen_quote(issue).id == dear.id


def test_equal_and_custom_split_and_payment(client, setting):
    issue, staff, homes = setting
    quote = costs.add_quote(issue, "甲队", 100000, "", staff)
    costs.choose_quote(issue, quote.id, "", staff)
    base = f"/staff/xy/issues/{issue.id}/costs"
    assert client.post(base + "/split", data={"mode": "equal"}).status_code == 303
    assert sorted(s.amount_fen for s in db.session.scalars(select(CostShare))) == [33333, 33333, 33334]
    bad = {"mode": "custom", f"share-{homes[0].id}": "500", f"share-{homes[1].id}": "400"}
    r = client.post(base + "/split", data=bad)
    assert r.status_code == 422 and "正好等于选定报价" in r.get_data(as_text=True)
    assert 'value="400"' in r.get_data(as_text=True)
    good = {"mode": "custom", f"share-{homes[0].id}": "600", f"share-{homes[1].id}": "400"}
    assert client.post(base + "/split", data=good).status_code == 303
    share = db.session.scalar(select(CostShare).where(CostShare.household_id == homes[0].id))
    assert share.amount_fen == 60000
    r = client.post(base + "/payments", data={"share": share.id, "amount": "600", "paid_on": "2026-11-25",
                                              "payer_name": "户主", "collected_by": "楼长老周"})
    assert r.status_code == 303
    public = client.get(f"/c/xy/issues/{issue.id}").get_data(as_text=True)
    assert "1,000.00元" in public and "600.00元" in public and "400.00元" in public
    assert "户主" not in public and "楼长老周" not in public and "1号楼1室" not in public


def test_grid_worker_cannot_change_costs(client, setting):
    issue, staff, homes = setting
    client.post("/logout")
    login(client, make_user("grid_worker", [issue.community]))
    r = client.post(f"/staff/xy/issues/{issue.id}/costs/quotes", data={"contractor": "x", "amount": "1"})
    assert r.status_code == 403

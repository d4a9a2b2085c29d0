"""HTTP for deliberation and cost sharing; the public page shows totals, never names."""
import re
from io import BytesIO

import pytest
from sqlalchemy import select

from blueprints.issues import costs
from extensions import db
from models import CostShare, Deliberation, Quote
from tests.conftest import HX
from tests.factories import (
    login,
    make_community,
    make_compound,
    make_household,
    make_user,
)
from tests.issues.factories import make_issue, png_bytes


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


def test_a_payment_line_is_reversed_from_the_cost_page(client, setting):
    from models import Payment

    issue, staff, homes = setting
    quote = costs.add_quote(issue, "甲队", 30000, "", staff)
    costs.choose_quote(issue, quote.id, "", staff)
    base = f"/staff/xy/issues/{issue.id}/costs"
    client.post(base + "/split", data={"mode": "equal"})
    share = db.session.scalar(select(CostShare).order_by(CostShare.id))
    client.post(base + "/payments", data={"share": share.id, "amount": "100", "paid_on": "2026-11-25",
                                          "payer_name": "", "collected_by": "楼长老周"})
    wrong = db.session.scalar(select(Payment))
    page = client.get(base).get_data(as_text=True)
    assert "冲销这笔" in page
    refused = client.post(base + "/payments/reverse", data={"payment": wrong.id, "reason": ""}, headers=HX)
    assert refused.status_code == 422 and "请写明冲销理由" in refused.get_data(as_text=True)
    assert client.post(base + "/payments/reverse",
                       data={"payment": wrong.id, "reason": "记错户了"}).status_code == 303
    page = client.get(base).get_data(as_text=True)
    assert "记错户了" in page and "（已冲销）" in page and "-100.00" in page


# ---- review item 14: cost steps on the timeline, without names ----

def test_cost_steps_go_onto_the_public_timeline_without_names(client, setting):
    from datetime import date

    from blueprints.issues import ledger

    issue, staff, homes = setting
    costs.record_deliberation(issue, date(2026, 11, 20), "楼长赵大爷", "请两家报价", staff)
    quote = costs.add_quote(issue, "甲队", 30000, "", staff)
    costs.choose_quote(issue, quote.id, "", staff)
    shares = costs.split_equally(issue, None, staff)
    payment = ledger.record_payment(issue, shares[0].id, 10000, date(2026, 11, 25), "户主钱先生", "楼长老周", staff)
    ledger.reverse_payment(issue, payment.id, "记错户了", date(2026, 11, 26), staff)
    kinds = [e.kind for e in db.session.get(type(issue), issue.id).events]
    assert kinds[-6:] == ["meeting", "quote", "quote_chosen", "split", "payment", "payment_reversed"]
    client.post("/logout")
    html = client.get(f"/c/xy/issues/{issue.id}").get_data(as_text=True)
    for line in ("召开居民代表议事会", "收到一份报价：300.00元", "选定报价：300.00元", "费用分摊到户：共300.00元",
                 "收到一笔分摊款：100.00元", "更正一笔登记错的收款：100.00元"):
        assert line in html
    for name in ("赵大爷", "钱先生", "老周", "记错户了", staff.display_name):
        assert name not in html

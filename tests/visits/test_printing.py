"""The visit sheet and the campaign report: PDF text, CJK fonts, masked numbers; CLI and routes."""
import re
import uuid

from blueprints.visits import services
from printing.render import render_pdf
from tests.factories import login, make_person, make_user
from tests.pdf import assert_cjk_only, page_count, pdf_text
from tests.printing.conftest import held  # noqa: F401  (the fixture)
from tests.visits.factories import make_round


def _round_with_people():
    r = make_round()
    make_person(r.community, name="李秀英", mobile="13812345678", household_id=r.doors[0].id)
    services.record_visit(r.campaign, r.doors[1], r.worker, str(uuid.uuid4()), "visited",
                          answers={r.temperature.id: "16"}, need="暖气不热", make_issue=True)
    services.record_visit(r.campaign, r.doors[2], r.worker, str(uuid.uuid4()), "not_home")
    return r


def test_visit_sheet_has_addresses_in_walking_order_and_only_masked_numbers(app):
    r = _round_with_people()
    with app.test_request_context():
        data = render_pdf("visit-sheet", r.community, {"campaign": r.campaign.id,
                                                        "grid": r.grid.id}).data
    text = re.sub(r"\s+", "", pdf_text(data))
    assert "冬季入户走访·第一网格入户走访表" in text and "流津社区" in text
    positions = [text.index(d.address) for d in r.doors]
    assert positions == sorted(positions)
    assert "李秀英138****5678" in text and "室内温度（℃）" in text and "需求与建议" in text
    assert "不在家（1次）" in text and "扫码打开走访名单" in text
    assert not re.search(r"1[3-9]\d{9}", text)
    assert_cjk_only(data)
    assert page_count(data) == 1


def test_campaign_report_has_coverage_temperatures_and_needs(app):
    r = _round_with_people()
    with app.test_request_context():
        data = render_pdf("visit-report", r.community, {"campaign": r.campaign.id}).data
    text = re.sub(r"\s+", "", pdf_text(data))
    assert "冬季入户走访走访报告" in text and "共4户，已走访1户" in text
    assert "室内温度（℃）·各小区" in text and "明珠公寓" in text and "需要关注的住户" in text
    assert "暖气不热" in text and "已派单" in text
    assert_cjk_only(data)


def test_print_cli_writes_visit_sheet(app, tmp_path):
    r = _round_with_people()
    out = tmp_path / "sheet.pdf"
    result = app.test_cli_runner().invoke(args=[
        "print", "visit-sheet", "--community", "liujin", "--campaign", str(r.campaign.id),
        "--grid", str(r.grid.id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert r.doors[0].address in re.sub(r"\s+", "", pdf_text(out.read_bytes()))
    bad = app.test_cli_runner().invoke(args=[
        "print", "visit-sheet", "--community", "liujin", "--campaign", str(r.campaign.id),
        "--grid", "999999", "--out", str(out)])
    assert bad.exit_code != 0 and "not in campaign" in bad.output


def test_print_centre_offers_the_sheet_and_refuses_grid_workers(client):
    r = _round_with_people()
    url = f"/staff/liujin/print/visit-sheet.html?campaign={r.campaign.id}&grid={r.grid.id}"
    login(client, r.worker)
    assert client.get(url).status_code == 403
    staff = make_user("staff", [r.community])
    from tests.factories import login as log_in
    browser = client.application.test_client()
    log_in(browser, staff)
    html = browser.get(url).get_data(as_text=True)
    assert r.doors[0].address in html and "138****5678" in html and "13812345678" not in html
    centre = browser.get("/staff/liujin/print/").get_data(as_text=True)
    assert "入户走访表" in centre and "入户走访报告" in centre

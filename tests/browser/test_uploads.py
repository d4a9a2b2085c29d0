"""On a phone: a photo over 5 MB (20 MB in the report) is refused as soon as it is picked, before any upload."""
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from extensions import db
from models import Quote
from tests.browser.conftest import log_in
from tests.factories import make_community, make_compound, make_user
from tests.issues.factories import make_issue, png_bytes


def test_a_too_large_quote_scan_never_leaves_the_phone_and_nothing_typed_is_lost(live, page: Page):
    community = make_community(slug="xy", name="兴元社区")
    issue = make_issue(community, make_compound(community, name="水产宿舍"), category="sewage")
    make_user("staff", [community], username="xy-staff")
    issue_id = issue.id
    db.session.commit()
    log_in(page, live, "xy-staff")
    page.goto(f"{live}/staff/xy/issues/{issue_id}/costs")
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    page.get_by_label("施工队").fill("沧州市政维修队")
    page.get_by_label("报价（元）").fill("4800")
    scan = page.get_by_label("报价单照片（选填）")
    scan.set_input_files({"name": "scan.jpg", "mimeType": "image/jpeg",
                          "buffer": png_bytes() + b"\0" * (6 * 1024 * 1024)})
    error = page.locator("#quote-scan-error")
    expect(error).to_contain_text("文件超过5MB")
    expect(scan).to_have_attribute("aria-invalid", "true")
    assert scan.evaluate("input => input.files.length") == 0
    expect(page.get_by_label("施工队")).to_have_value("沧州市政维修队")
    assert posts == []

    scan.set_input_files({"name": "scan.png", "mimeType": "image/png", "buffer": png_bytes()})
    expect(error).to_have_count(0)
    page.get_by_role("button", name="添加报价").click()
    expect(page.locator("#issues-costs-panel")).to_contain_text("沧州市政维修队")
    assert db.session.scalar(select(func.count(Quote.id))) == 1
    db.session.commit()

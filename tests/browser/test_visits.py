"""On a phone in a stairwell: visits recorded offline wait on the phone and are stored once
when the network is back; a need heard at the door goes on the issue board in one tap."""
import re

from playwright.sync_api import Page, expect

from extensions import db
from models import Issue
from models.visits import Visit
from tests.browser.conftest import log_in
from tests.visits.factories import make_round


def _round():
    r = make_round()
    r.worker.username = "lj-grid"
    ids = {"campaign": r.campaign.id, "grid": r.grid.id, "doors": [d.id for d in r.doors],
           "addresses": [d.address for d in r.doors]}
    db.session.commit()  # end the test's read so the server can write (SQLite lock)
    return ids


RESEND = """async item => {
  const body = new URLSearchParams(item.body);
  body.set("csrf_token", document.querySelector('meta[name="csrf-token"]').content);
  const response = await fetch(item.action, {method: "POST", body, redirect: "manual",
                                            headers: {"X-Visit-Queue": "1"}});
  return response.status;
}"""


def _record(page: Page, door: int, outcome: str, temperature: str | None = None, need: str = ""):
    row = page.locator(f"#h{door}")
    row.locator("summary").click()
    row.locator("label.visit-outcome", has_text=outcome).click()
    if temperature is not None:
        row.get_by_label("室内温度（℃）").fill(temperature)
    if need:
        row.get_by_label("需求与建议").fill(need)
    row.get_by_role("button", name="保存走访").click()


def test_visits_made_offline_wait_then_are_stored_once(live, page: Page):
    ids = _round()
    log_in(page, live, "lj-grid")
    page.goto(f"{live}/staff/liujin/visits/{ids['campaign']}/grids/{ids['grid']}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.context.set_offline(True)
    _record(page, ids["doors"][0], "已访", "16.5", need="楼道灯坏了")
    _record(page, ids["doors"][1], "不在家")
    waiting = page.locator("#visits-waiting li")
    expect(waiting).to_have_count(2)
    expect(waiting.first).to_contain_text(ids["addresses"][0])
    expect(waiting.first).to_contain_text("待发送")
    expect(page.locator(f"#h{ids['doors'][1]} [data-state]")).to_have_text("待发送")
    first = page.evaluate("() => JSON.parse(localStorage.getItem('doorstep.visits.queue'))[0]")
    page.context.set_offline(False)
    expect(page.locator("#visits-queue")).to_be_hidden()
    expect(page.locator(f"#h{ids['doors'][0]} [data-state]")).to_have_text("已发送")
    # The phone sends the first visit again (its answer was lost on the way): stored once.
    assert page.evaluate(RESEND, first) == 204
    db.session.commit()
    visits = db.session.query(Visit).order_by(Visit.id).all()
    assert [(v.household_id, v.outcome) for v in visits] == [
        (ids["doors"][0], "visited"), (ids["doors"][1], "not_home")]
    assert visits[0].answers[0].number == 16.5 and visits[0].need == "楼道灯坏了"
    assert len({v.client_id for v in visits}) == 2
    db.session.commit()

    page.reload()
    expect(page.locator(f"#h{ids['doors'][0]} [data-state]")).to_have_text("已访")
    expect(page.locator(f"#h{ids['doors'][1]} [data-state]")).to_contain_text("不在家 · 1次")


def test_a_need_heard_at_the_door_becomes_an_issue_in_one_tap(live, page: Page):
    ids = _round()
    log_in(page, live, "lj-grid")
    page.goto(f"{live}/staff/liujin/visits/{ids['campaign']}/grids/{ids['grid']}")
    _record(page, ids["doors"][0], "已访", "200")
    # 200 ℃ is refused next to the field, what was typed kept.
    expect(page.locator(".field__error")).to_contain_text("-10 到 40")
    expect(page.get_by_label("室内温度（℃）")).to_have_value("200")
    page.get_by_label("室内温度（℃）").fill("17")
    page.get_by_label("需求与建议").fill("想要一个室内锻炼的地方")
    page.get_by_role("button", name="保存走访").click()
    expect(page.locator(".flash")).to_contain_text("已记录")
    page.goto(f"{live}/staff/liujin/visits/{ids['campaign']}/households/{ids['doors'][0]}")
    page.get_by_role("button", name="转为诉求").click()
    expect(page.locator(".flash")).to_contain_text(re.compile(r"已转为诉求 #\d+"))
    page.get_by_role("link", name=re.compile("诉求 #")).click()
    expect(page.locator("main")).to_contain_text("想要一个室内锻炼的地方")
    db.session.commit()
    issue = db.session.query(Issue).one()
    assert (issue.channel, issue.status, issue.assignee.username) == ("visit", "assigned", "lj-grid")
    db.session.commit()


def test_roster_fits_a_360px_phone_in_elder_mode(live, browser):
    ids = _round()
    context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True,
                                  has_touch=True, locale="zh-CN")
    page = context.new_page()
    log_in(page, live, "lj-grid")
    context.add_cookies([{"name": "elder", "value": "1", "url": live}])
    page.goto(f"{live}/staff/liujin/visits/{ids['campaign']}/grids/{ids['grid']}")
    page.locator(f"#h{ids['doors'][0]} summary").click()
    outcome = page.locator(f"#h{ids['doors'][0]} label.visit-outcome").first
    assert outcome.bounding_box()["height"] >= 60  # elder mode's main tap targets
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()

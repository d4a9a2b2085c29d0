"""axe-core (WCAG 2.1 A and AA) on every page of the demo, as each kind of visitor sees it.

Every page a resident, volunteer, partner, grid worker, staff member or administrator
reaches by link (one address per shape), on a phone (390×844) and a desktop (1280×900),
in the standard version, in 长辈版 and in English; then the pages whose htmx fragments
change: a shift card after sign-up, the partner's autosaved offer form, a form's errors.
A violation of impact "serious" or "critical" fails, named by rule, element and page.

Run it alone: .venv/bin/python -m pytest -m a11y
"""
import re
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from extensions import db
from blueprints.core.clock import now
from demo.foundation import DEMO_PASSWORD
from models import Activity, Shift
from tests.browser.site import pages_of
from tests.factories import PASSWORD, make_community

pytestmark = pytest.mark.a11y

AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # copied there by `make test` (package.json)
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
MODES = {"standard": {"elder": "0", "lang": "zh"}, "elder": {"elder": "1", "lang": "zh"},
         "english": {"elder": "0", "lang": "en"}}  # their cookies, as the header's buttons set them
LANGS = {"standard": "zh-CN", "elder": "zh-CN", "english": "en"}  # <html lang> in each
# A resident or volunteer (no account), then one account of each kind: a different community
# for staff than for the grid worker, so that between them both communities' pages are seen.
VISITORS = ((None, None), ("partner", "liujin-partner"), ("grid_worker", "liujin-grid"),
            ("staff", "xingyuan-staff"))

RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    resultTypes: ["violations"], noHtml: true, iframes: false});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .flatMap(v => v.nodes.map(n => ({rule: v.id, target: n.target.join(" "),
                                     summary: (n.failureSummary || "").split("\\n").slice(1, 2).join("")})));
}"""


class Audit:
    """The violations found so far, and how many page × viewport checks found them."""

    def __init__(self):
        self.found, self.checks = [], 0

    def check(self, page: Page, where: str) -> None:
        """Run axe on the page as it is now (after any swap)."""
        self.checks += 1
        for v in page.evaluate(RUN_AXE):
            self.found.append(f"{v['rule']}: {v['target']} on {where} — {v['summary']}")

    def report(self) -> str:
        rules = Counter(line.split(":")[0] for line in self.found)
        return (f"{len(self.found)} serious/critical violations in {self.checks} checks; "
                f"by rule: {dict(rules.most_common())}\n" + "\n".join(sorted(set(self.found))))


@pytest.fixture(scope="module")
def axe_present():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make setup-test` copies it from node_modules/axe-core")


def _context(browser: Browser, live: str, mode: str):
    """A desktop-capable browser with the mode's cookie; axe is in every page it opens
    (an init script: the Content-Security-Policy, which forbids inline code, stays on)."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="zh-CN")
    context.add_init_script(path=str(AXE))
    context.add_cookies([{"name": k, "value": v, "url": live} for k, v in MODES[mode].items()])
    return context


def test_every_page_has_no_serious_violation(demo, live_app, browser: Browser, axe_present):
    audit, seen, visits = Audit(), set(), []
    for role, username in VISITORS:
        _user, paths = pages_of(live_app, role, username=username)
        paths = [p for p in paths if p not in seen and not p.endswith(".html")]  # print previews: paper
        seen.update(paths)
        visits.append((role, username, paths))
    # Every kind of visitor's pages are there: a volunteer's /me link and a reporter's
    # follow link (both sent by SMS), the partner portal, the staff console.
    for needle in ("/me/", "/follow/", "/partner/offers/", "/staff/liujin/", "/staff/xingyuan/issues/"):
        assert any(needle in p for p in seen), needle
    for role, username, paths in visits:  # one sign-in per visitor: logins are rate-limited
        context = _context(browser, demo, "standard")
        page = context.new_page()
        if username:
            _log_in(page, demo, username)
        for mode in MODES:
            context.add_cookies([{"name": k, "value": v, "url": demo} for k, v in MODES[mode].items()])
            for path in paths:
                page.goto(demo + path, wait_until="load")
                expect(page.locator("html")).to_have_attribute("lang", LANGS[mode])
                if mode == "elder":
                    expect(page.locator("html")).to_have_class("elder")
                for name, size in VIEWPORTS.items():
                    resize(page, size)
                    audit.check(page, f"{path} ({role or 'resident'}, {mode}, {name})")
        context.close()
    print(f"\naxe: {len(seen)} pages × {len(VIEWPORTS)} viewports × {len(MODES)} modes = {audit.checks} checks")
    assert audit.checks >= 250
    assert not audit.found, audit.report()


def resize(page: Page, size: dict) -> None:
    """Resize the window and let a frame pass, so the page's resize handlers have run
    (app.js makes a table box that now scrolls reachable by keyboard)."""
    page.set_viewport_size(size)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))")


def _log_in(page: Page, live: str, username: str, password: str = PASSWORD) -> None:
    """log_in by the fields' names, which are the same in every language."""
    page.goto(f"{live}/login")
    page.locator("input[name=identifier]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main button[type=submit], main form button").last.click()
    expect(page).to_have_url(re.compile(r"/(staff|partner)/"))


def _open_shift() -> tuple[str, int, int]:
    """(community slug, activity id, shift id) of a shift with places left, soonest first."""
    shift = db.session.scalars(select(Shift).join(Shift.activity).where(
        Shift.taken < Shift.capacity, Shift.cancelled_at.is_(None), Activity.cancelled_at.is_(None),
        Shift.starts_at > now()).order_by(Shift.starts_at)).first()
    found = shift.activity.community.slug, shift.activity_id, shift.id
    db.session.commit()  # no read left open while the browser writes (SQLite)
    return found


@pytest.mark.parametrize("mode", MODES)
def test_swapped_fragments_have_no_serious_violation(demo, browser: Browser, mode, axe_present):
    audit = Audit()
    context = _context(browser, demo, mode)
    page = context.new_page()
    announcer = page.locator("#live-announcer")  # the live region app.js reads swaps out in

    def both_sizes(where):
        for name, size in VIEWPORTS.items():
            resize(page, size)
            audit.check(page, f"{where} ({mode}, {name})")
        page.set_viewport_size(VIEWPORTS["phone"])

    # A resident signs up for a shift: the card is swapped for 已报名; an error before that.
    slug, activity_id, shift_id = _open_shift()
    page.goto(f"{demo}/c/{slug}/activities/{activity_id}")
    card = page.locator(f"#volunteers-shift-{shift_id}")
    card.locator("button[type=submit]").click()
    expect(card.locator(".field__error").first).to_be_visible()
    expect(announcer).to_contain_text(card.locator(".field__error").first.inner_text())
    both_sizes("sign-up form with errors")
    card.locator("input[name$=name]").fill("王芳")
    card.locator("input[name$=mobile]").fill("13912345678")
    card.locator("button[type=submit]").click()
    expect(card.locator(".status--ok")).to_be_visible()
    expect(announcer).to_contain_text(card.locator(".status--ok").inner_text())  # read out
    both_sizes("shift card after sign-up")

    # The opinion-box form sent empty: its errors are swapped in.
    page.goto(f"{demo}/c/xingyuan/issues/new")
    page.locator("#issues-report-form button[type=submit]").click()
    expect(page.locator("#issues-report-form .field__error").first).to_be_visible()
    both_sizes("report form with errors")

    # A partner's offer: a wrong day is refused, then the draft is saved.
    _log_in(page, demo, "liujin-partner", DEMO_PASSWORD)
    page.locator("a[href^='/partner/offers/']").first.click()
    page.locator("select[name=schedule]").select_option("monthday")
    page.locator("input[name=month_day]").fill("32")
    page.locator("input[name=title]").focus()
    expect(page.locator("#month_day-error")).to_be_visible()
    both_sizes("offer form with an error")
    page.locator("input[name=month_day]").fill("15")
    page.locator("input[name=title]").focus()
    expect(page.locator("#offer-saved")).to_be_visible()
    expect(announcer).to_have_text(page.locator("#offer-saved").inner_text())
    both_sizes("offer form after autosave")
    context.close()
    assert not audit.found, audit.report()


def test_the_audit_reports_rule_element_and_page(live, browser: Browser, axe_present):
    """The audit is not blind: a nameless button and a faint text are found and named."""
    make_community(slug="liujin", name="流津社区")
    db.session.commit()
    context = _context(browser, live, "standard")
    page = context.new_page()
    page.goto(f"{live}/c/liujin/")
    page.evaluate("""() => {
      const button = document.createElement("button"); button.id = "planted-button";
      const faint = document.createElement("p"); faint.id = "planted-text";
      faint.textContent = "看不清的字"; faint.style.color = "#ddd";
      document.querySelector("main").append(button, faint);
    }""")
    audit = Audit()
    audit.check(page, "/c/liujin/ (planted)")
    context.close()
    report = audit.report()
    assert "button-name: #planted-button on /c/liujin/ (planted)" in report
    assert "color-contrast: #planted-text on /c/liujin/ (planted)" in report

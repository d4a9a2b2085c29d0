"""200% zoom (a 320 px wide window) and reduced motion, in Chromium.

At 320 px no page scrolls sideways: a table scrolls inside its own box. A visitor
who asked the system for less motion gets no transitions or animations.
"""
import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import log_in
from tests.browser.site import pages_of

pytestmark = pytest.mark.a11y

ZOOMED = {"width": 320, "height": 640}  # a 640 px wide phone at 200% zoom

WIDTHS = """() => ({
  page: document.scrollingElement.scrollWidth,
  loose: Array.from(document.querySelectorAll("main table")).filter(t => {
    const box = t.closest(".table-scroll");
    return !box || getComputedStyle(box).overflowX !== "auto";
  }).length,
  wide: Array.from(document.querySelectorAll(".table-scroll"))
    .filter(box => box.scrollWidth > box.clientWidth && box.tabIndex !== 0).length,
})"""


@pytest.mark.parametrize("role", [None, "staff", "partner"])
def test_nothing_scrolls_sideways_at_320px_but_tables_in_their_box(demo, live_app, page: Page, role):
    username, paths = pages_of(live_app, role)
    paths = [p for p in paths if not p.endswith(".html")]  # print previews are paper
    if username:
        log_in(page, demo, username)
    page.set_viewport_size(ZOOMED)
    problems, tables = [], 0
    for path in paths:
        page.goto(demo + path, wait_until="load")
        found = page.evaluate(WIDTHS)
        tables += page.locator("main table").count()
        if found["page"] > ZOOMED["width"]:
            problems.append(f"{path}: the page is {found['page']} px wide")
        if found["loose"]:
            problems.append(f"{path}: {found['loose']} table(s) outside a .table-scroll box")
        if found["wide"]:
            problems.append(f"{path}: {found['wide']} scrolling table box(es) not reachable by keyboard")
    assert len(paths) >= 8
    assert tables or role is None or role == "partner"
    assert not problems, "\n".join(problems)


TRANSITIONS = """() => {
  const probe = document.createElement("span");
  probe.className = "htmx-indicator";  // app.css fades it in over 200 ms
  document.body.appendChild(probe);
  const moving = Array.from(document.querySelectorAll("*")).filter(el => {
    const style = getComputedStyle(el);
    return style.transitionDuration.split(",").some(d => parseFloat(d) > 0)
      || style.animationDuration.split(",").some(d => parseFloat(d) > 0);
  }).map(el => el.tagName.toLowerCase() + "." + el.className);
  probe.remove();
  return moving;
}"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_reduced_motion_turns_transitions_off(live, browser: Browser, motion):
    context = browser.new_context(reduced_motion=motion, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live}/login")
    moving = page.evaluate(TRANSITIONS)
    context.close()
    if motion == "reduce":
        assert moving == []
    else:
        assert "span.htmx-indicator" in moving  # the probe is a real transition

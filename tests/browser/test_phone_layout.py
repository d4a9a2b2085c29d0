"""Every page on a 360 px phone: nothing sideways; in elder mode, large text and large targets.

The pages come from a crawl of the demo as each kind of visitor (one page per address
shape, e.g. one offer page for all offers), then each is measured in Chromium.
"""
import re

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import log_in
from tests.browser.site import pages_of

SMALL_PHONE = {"width": 360, "height": 740}

# Interactive elements a finger aims at; a link inside a sentence is text, not a target.
MEASURE = """() => {
  const seen = el => el.offsetParent !== null && getComputedStyle(el).visibility !== "hidden";
  const inSentence = a => a.tagName === "A" && !a.className && a.parentElement &&
      a.parentElement.textContent.trim().length > a.textContent.trim().length + 2;
  const targets = Array.from(document.querySelectorAll(
      "a, button, select, textarea, input:not([type=hidden]), label.check"))
    .filter(el => seen(el) && !el.closest(".skip-link") && !inSentence(el)
                  && !(el.matches("input[type=checkbox], input[type=radio]") && el.closest("label.check")))
    .map(el => { const r = el.getBoundingClientRect();
      return {what: el.tagName.toLowerCase() + "." + el.className + " " + (el.textContent || el.name || "").trim().slice(0, 16),
              w: Math.round(r.width), h: Math.round(r.height)}; });
  const boxes = Array.from(document.querySelectorAll("input[type=checkbox], input[type=radio]")).filter(seen)
    .map(el => { const r = el.getBoundingClientRect(); return {what: "box " + el.name, w: r.width, h: r.height}; });
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !seen(el) || el.closest(".skip-link, script, style")) continue;
    texts.push({what: node.textContent.trim().slice(0, 16), size: parseFloat(getComputedStyle(el).fontSize)});
  }
  // Content cut off inside a box that scrolls sideways (a menu showing "工作" of 工作台);
  // only tables may scroll in their own box.
  // (.visually-hidden text is for screen readers: clipped on purpose.)
  const cut = Array.from(document.querySelectorAll("body *")).filter(el => seen(el)
      && !el.closest(".visually-hidden")
      && ["auto", "scroll", "hidden"].includes(getComputedStyle(el).overflowX)
      && el.scrollWidth > el.clientWidth + 1 && !el.querySelector("table"))
    .map(el => el.tagName.toLowerCase() + "." + el.className);
  return {targets, boxes, texts, cut, width: document.documentElement.scrollWidth};
}"""


def _measure(page: Page, url: str) -> dict:
    page.goto(url, wait_until="load")
    return page.evaluate(MEASURE)


@pytest.mark.parametrize("role", [None, "staff", "grid_worker", "partner"])
def test_no_page_scrolls_sideways_on_a_360px_phone(demo, live_app, page: Page, role):
    username, paths = pages_of(live_app, role)
    assert len(paths) >= (8 if role else 10)
    page.set_viewport_size(SMALL_PHONE)
    if username:
        log_in(page, demo, username)
    wide = []
    for path in paths:
        result = _measure(page, demo + path)
        if re.search(r"/print/[\w-]+\.html$", path):
            # A print preview is the paper sheet: without a phone viewport the browser
            # shrinks the whole sheet onto the screen instead of scrolling it.
            assert page.locator('meta[name="viewport"]').count() == 0, path
        elif result["width"] > SMALL_PHONE["width"]:
            wide.append(f"{path}: {result['width']} px")
        wide += [f"{path}: cut off in {box}" for box in result["cut"]]
    assert not wide, "\n".join(wide)


def test_elder_mode_meets_its_sizes_on_every_public_page(demo, live_app, page: Page):
    _username, paths = pages_of(live_app, None)
    page.set_viewport_size(SMALL_PHONE)
    page.context.add_cookies([{"name": "elder", "value": "1", "url": demo}])
    problems = []
    for path in paths:
        result = _measure(page, demo + path)
        problems += [f"{path}: text {t['size']} px «{t['what']}»" for t in result["texts"] if t["size"] < 18]
        problems += [f"{path}: target {t['w']}×{t['h']} «{t['what']}»" for t in result["targets"]
                     if t["w"] < 60 or t["h"] < 60]
        problems += [f"{path}: {t['what']} {t['w']}×{t['h']}" for t in result["boxes"]
                     if t["w"] < 44 or t["h"] < 44]
        if result["width"] > SMALL_PHONE["width"]:
            problems.append(f"{path}: {result['width']} px wide")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems))[:80])

"""A grid worker records a visit with the keyboard alone: Tab, Space, arrows and Enter."""
import re

import pytest
from playwright.sync_api import Page, expect

from extensions import db
from models.visits import Visit
from tests.browser.test_keyboard import keyboard_page, log_in_by_keyboard, tab_to  # noqa: F401
from tests.visits.factories import make_round

pytestmark = pytest.mark.a11y


def test_grid_worker_records_a_visit_by_keyboard(live, keyboard_page: Page):  # noqa: F811
    page = keyboard_page
    r = make_round()
    r.worker.username = "lj-grid"
    campaign, grid, door, question = r.campaign.id, r.grid.id, r.doors[0].id, r.temperature.id
    db.session.commit()
    log_in_by_keyboard(page, live, "lj-grid")
    page.goto(f"{live}/staff/liujin/visits/{campaign}/grids/{grid}")
    tab_to(page, f"#h{door} summary")
    page.keyboard.press("Enter")  # opens the door's form
    tab_to(page, f"#h{door}-outcome-visited")
    page.keyboard.press("Space")
    expect(page.locator(f"#h{door}-outcome-visited")).to_be_checked()
    tab_to(page, f"#h{door}-q{question}")
    page.keyboard.type("17.5")
    tab_to(page, f"#h{door}-need")
    page.keyboard.type("楼道灯坏了")
    tab_to(page, f"#h{door} button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_contain_text(re.compile("已记录"))
    db.session.commit()
    visit = db.session.query(Visit).one()
    assert (visit.outcome, visit.answers[0].number, visit.need) == ("visited", 17.5, "楼道灯坏了")
    db.session.commit()

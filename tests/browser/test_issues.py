"""On a phone: report from the poster's QR link with a photo, assign, resolve, follow the link."""
import re

from PIL import Image
from playwright.sync_api import Page, expect

from extensions import db
from tests.browser.conftest import log_in
from tests.factories import (
    make_community,
    make_compound,
    make_grid,
    make_user,
)


def _logout(page: Page) -> None:
    page.get_by_role("button", name="退出").click()


def test_report_assign_resolve_and_follow_on_a_phone(live, page: Page, tmp_path):
    community = make_community(slug="xingyuan", name="兴元社区")
    compound = make_compound(community, name="外贸小区")
    make_compound(community, name="水产宿舍")
    make_user("staff", [community], username="xy-staff", display_name="兴元工作人员")
    worker = make_user("grid_worker", [community], username="xy-grid", display_name="兴元网格员")
    make_grid(community, compounds=[compound], workers=[worker], name="第一网格")
    compound_id = compound.id
    db.session.commit()
    photo = tmp_path / "wire.jpg"
    Image.new("RGB", (800, 600), "gray").save(photo, "JPEG")

    # The resident scans the opinion-box poster: the compound is already chosen.
    page.goto(f"{live}/c/xingyuan/issues/new?compound={compound_id}")
    expect(page.get_by_label("小区")).to_have_value(str(compound_id))
    page.get_by_label("问题类别").select_option("safety")
    page.get_by_label("遇到了什么问题").fill("一根电线垂到地面上了")
    page.get_by_label("具体位置").fill("3号楼后面")
    page.get_by_label("照片").set_input_files(str(photo))
    page.get_by_label("手机号（选填）").fill("13912345678")
    page.get_by_role("button", name="提交").click()
    expect(page).to_have_url(re.compile(r"/c/xingyuan/issues/\d+/follow/"))
    expect(page.get_by_text("已收到您反映的问题")).to_be_visible()
    expect(page.locator(".timeline img")).to_have_count(1)
    follow_url = page.url

    # Staff see it on the board, accept it and assign it to the grid worker.
    log_in(page, live, "xy-staff")
    page.goto(f"{live}/staff/xingyuan/issues")
    new_column = page.locator('.board__column[data-status="new"]')
    expect(new_column.get_by_text("一根电线垂到地面上了")).to_be_visible()
    new_column.get_by_role("button", name="受理").click()
    accepted = page.locator('.board__column[data-status="accepted"]')
    expect(accepted.get_by_text("一根电线垂到地面上了")).to_be_visible()
    accepted.get_by_role("link", name=re.compile("一根电线")).click()
    page.get_by_label("派给").select_option(label="兴元网格员（网格员）")
    page.get_by_role("button", name="派单").click()
    expect(page.locator("#issues-staff-panel .badge--assigned")).to_have_text("已派单")
    _logout(page)

    # The grid worker, on a phone, sees it first in their own queue and resolves it.
    log_in(page, live, "xy-grid")
    page.goto(f"{live}/staff/xingyuan/issues")
    expect(page.locator("#issues-mine")).to_contain_text("一根电线垂到地面上了")
    page.locator("#issues-mine").get_by_role("link", name=re.compile("一根电线")).click()
    page.get_by_role("button", name="开始处理").click()
    expect(page.locator("#issues-staff-panel .badge--in_progress")).to_have_text("处理中")
    page.locator("form[action$='/move'] textarea[name='note']").fill("已联系产权单位把电线固定好")
    page.locator("#move-public-note").check()  # staff notes stay internal unless marked public
    page.get_by_role("button", name="已解决").click()
    expect(page.locator("#issues-staff-panel .badge--resolved")).to_have_text("已解决")
    _logout(page)

    # The reporter opens their link and is asked whether it is really fixed.
    page.goto(follow_url)
    expect(page.locator("#issues-follow-panel .badge--resolved")).to_have_text("已解决")
    expect(page.get_by_text("问题真的解决了吗？")).to_be_visible()
    expect(page.get_by_text("已联系产权单位把电线固定好")).to_be_visible()
    page.get_by_role("button", name="已经解决了").click()
    expect(page.locator("#issues-follow-panel .badge--closed")).to_have_text("已关闭")


def test_box_slips_typed_from_the_keyboard_keep_compound_and_date(live, page: Page):
    community = make_community(slug="xingyuan", name="兴元社区")
    make_compound(community, name="水产宿舍", position=0)
    other = make_compound(community, name="外贸小区", position=1)
    make_user("staff", [community], username="xy-staff")
    other_id = other.id
    db.session.commit()
    log_in(page, live, "xy-staff")
    page.goto(f"{live}/staff/xingyuan/issues/box")
    expect(page.locator("tr.box-row--stale")).to_have_count(2)
    page.locator("#issues-slip-form").get_by_label("小区").select_option(str(other_id))
    page.locator("#issues-slip-form").get_by_label("开箱日期").fill("2026-11-23")
    content = page.get_by_label("纸条内容")
    content.fill("楼道灯坏了")
    content.press("Enter")
    expect(page.locator("#issues-slip-form .flash--success")).to_contain_text("楼道灯坏了")
    expect(page.get_by_label("纸条内容")).to_have_value("")
    expect(page.get_by_label("纸条内容")).to_be_focused()
    expect(page.locator("#issues-slip-form").get_by_label("小区")).to_have_value(str(other_id))
    expect(page.locator("#issues-slip-form").get_by_label("开箱日期")).to_have_value("2026-11-23")
    page.get_by_label("纸条内容").fill("垃圾桶满了")
    page.keyboard.press("Enter")
    expect(page.locator("#issues-slip-form .flash--success")).to_contain_text("垃圾桶满了")


def test_a_card_can_be_dragged_to_another_column(live, page: Page):
    community = make_community(slug="xingyuan", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    make_user("staff", [community], username="xy-staff")
    from tests.issues.factories import make_issue

    make_issue(community, compound, what="拖动测试的诉求")
    db.session.commit()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live, "xy-staff")
    page.goto(f"{live}/staff/xingyuan/issues")
    card = page.locator(".board-card", has_text="拖动测试的诉求")
    card.drag_to(page.locator('.board__column[data-status="accepted"]'))
    accepted = page.locator('.board__column[data-status="accepted"]')
    expect(accepted.get_by_text("拖动测试的诉求")).to_be_visible()


def test_a_full_column_links_to_its_list_whose_buttons_move_cards(live, page: Page):
    from blueprints.issues.board import COLUMN_SIZE
    from tests.issues.factories import make_issue

    community = make_community(slug="xingyuan", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    make_user("staff", [community], username="xy-staff")
    for i in range(COLUMN_SIZE + 2):
        make_issue(community, compound, what=f"排队的诉求{i:02d}")
    db.session.commit()
    log_in(page, live, "xy-staff")
    page.goto(f"{live}/staff/xingyuan/issues")
    new_column = page.locator('.board__column[data-status="new"]')
    expect(new_column.locator(".board-card")).to_have_count(COLUMN_SIZE)
    new_column.get_by_role("link", name=re.compile("查看全部")).click()
    expect(page).to_have_url(re.compile(r"/staff/xingyuan/issues/list\?status=new"))
    cards = page.locator("#issues-staff-list .board-card")
    expect(cards).to_have_count(COLUMN_SIZE + 2)
    cards.filter(has_text="排队的诉求00").get_by_role("button", name="受理").click()
    expect(cards).to_have_count(COLUMN_SIZE + 1)  # the list reloaded without the accepted card
    expect(page.locator("#issues-staff-list")).not_to_contain_text("排队的诉求00")

"""A 敲门队 member on a phone, through their link (no account): a visit made offline waits
on the phone and is stored, once, as theirs when the network is back (CSRF on)."""
from playwright.sync_api import Page, expect

from blueprints.visits import team_links
from extensions import db
from models import TeamMember
from models.visits import Visit, VisitAssignment
from tests.factories import make_person
from tests.visits.factories import make_round
from tests.volunteers.factories import make_team


def test_member_records_visits_offline_through_their_link(live, page: Page):
    r = make_round()
    member = TeamMember(team=make_team(r.community), status="accepted",
                        person=make_person(r.community, name="李阿姨", mobile="13912345678"))
    db.session.add(VisitAssignment(campaign=r.campaign, grid=r.grid, team_member=member))
    db.session.commit()
    url = f"/c/liujin/visits/r/{team_links.link_token(r.campaign, member)}"
    doors, member_id = [d.id for d in r.doors], member.id
    db.session.commit()  # end the test's read so the server can write (SQLite lock)

    page.goto(live + url)
    expect(page.get_by_text("李阿姨")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.context.set_offline(True)
    row = page.locator(f"#h{doors[0]}")
    row.locator("summary").click()
    row.locator("label.visit-outcome", has_text="已访").click()
    row.get_by_label("室内温度（℃）").fill("17")
    row.get_by_label("需求与建议").fill("请联系 13987654321")
    row.get_by_role("button", name="保存走访").click()
    expect(page.locator(f"#h{doors[0]} [data-state]")).to_have_text("待发送")
    page.context.set_offline(False)
    expect(page.locator("#visits-queue")).to_be_hidden()
    expect(page.locator(f"#h{doors[0]} [data-state]")).to_have_text("已发送")

    db.session.commit()
    visit = db.session.query(Visit).one()
    assert (visit.visitor_id, visit.visitor_team_member_id) == (None, member_id)
    assert visit.answers[0].number == 17
    page.goto(f"{live}{url}/households/{doors[0]}")
    expect(page.get_by_text("139****4321")).to_be_visible()
    assert "13987654321" not in page.content()

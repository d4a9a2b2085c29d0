"""The console's start page: counts that link to where the work is done, "new since your last
visit" right on every visit, a grid worker's own view, refusals, and a fixed number of queries."""
import re
from datetime import timedelta

import pytest

from blueprints.core import clock
from extensions import db
from models import ConsoleSeen, Issue
from tests.factories import login, make_community, make_compound, make_grid, make_user
from tests.issues.factories import make_issue
from tests.offers.factories import make_partner, make_partner_user
from tests.queries import assert_bounded
from tests.staff.test_todo import _round_with_doors, aged, shift_at
from tests.volunteers.factories import make_activity


@pytest.fixture
def liujin(app):
    return make_community(slug="liujin", name="流津社区")


def line(html: str, href: str) -> int:
    """The count of the start page's line that links to `href`."""
    match = re.search(r'<a href="%s"><strong class="todo__count">(\d+)%%?</strong>'
                      % re.escape(href.replace("&", "&amp;")), html)
    assert match, f"no line links to {href}"
    return int(match.group(1))


def test_each_line_links_to_the_page_where_it_is_done(client, liujin):
    staff = make_user("staff", [liujin])
    compound = make_compound(liujin)
    make_issue(liujin, compound, channel="box")
    aged(make_issue(liujin, compound, category="safety"), hours=30)
    aged(make_issue(liujin, compound), status="resolved")
    make_partner(liujin)
    login(client, staff)
    html = client.get("/staff/liujin/").get_data(as_text=True)
    assert line(html, "/staff/liujin/issues/list?channel=box") == 1
    assert line(html, "/staff/liujin/issues/list?channel=phone") == 0
    assert line(html, "/staff/liujin/issues/list?overdue=y&status=open") == 1
    assert line(html, "/staff/liujin/issues/list?status=resolved") == 1
    assert line(html, "/staff/liujin/services/partners") == 1
    assert line(html, "/staff/liujin/services/") == 0
    assert line(html, "/staff/liujin/issues/box") == 1
    assert line(html, "/staff/liujin/outbox") == 0
    # The linked lists show what was counted.
    listed = client.get("/staff/liujin/issues/list?overdue=y&status=open").get_data(as_text=True)
    assert "安全隐患" in listed


def _break(hours=2):
    """Time passes: every last visit and every issue move `hours` back."""
    for row in db.session.scalars(db.select(ConsoleSeen)):
        row.seen_at -= timedelta(hours=hours)
    for issue in db.session.scalars(db.select(Issue)):
        issue.created_at -= timedelta(hours=hours)
    db.session.commit()


def test_new_since_the_last_visit_is_right_on_every_visit(client, liujin):
    staff = make_user("staff", [liujin])
    compound = make_compound(liujin)
    make_issue(liujin, compound, channel="box")
    login(client, staff)
    box = "/staff/liujin/issues/list?channel=box"
    assert line(client.get("/staff/liujin/").get_data(as_text=True), box) == 1
    # Back from the list in the same sitting: still listed as new.
    assert line(client.get("/staff/liujin/").get_data(as_text=True), box) == 1
    _break()
    assert line(client.get("/staff/liujin/").get_data(as_text=True), box) == 0  # seen last time
    make_issue(liujin, compound, channel="box")
    _break()
    assert line(client.get("/staff/liujin/").get_data(as_text=True), box) == 1
    # Another account's visits change nothing for this one.
    colleague = client.application.test_client()
    login(colleague, make_user("staff", [liujin]))
    assert line(colleague.get("/staff/liujin/").get_data(as_text=True), box) == 2


def test_places_and_rounds_link_to_their_pages(client, liujin):
    staff = make_user("staff", [liujin])
    shift_at(make_activity(liujin), clock.today() + timedelta(days=1), 9)
    today = clock.today()
    _, campaign = _round_with_doors(liujin, ["visited", None], starts_on=today,
                                    ends_on=today + timedelta(days=3))
    login(client, staff)
    html = client.get("/staff/liujin/").get_data(as_text=True)
    assert line(html, "/staff/liujin/activities") == 0  # today's line first, then tomorrow's
    assert html.count('<a href="/staff/liujin/activities"><strong class="todo__count">1</strong>') == 2
    assert line(html, f"/staff/liujin/visits/{campaign.id}") == 50


def test_a_grid_worker_sees_their_grids_and_their_queue_first(client, liujin):
    worker = make_user("grid_worker", [liujin])
    mine, other = make_compound(liujin), make_compound(liujin)
    grid = make_grid(liujin, compounds=[mine], workers=[worker])
    aged(make_issue(liujin, mine), status="assigned", assignee_id=worker.id)
    make_issue(liujin, other, channel="phone")
    make_partner(liujin)
    login(client, worker)
    html = client.get("/staff/liujin/").get_data(as_text=True)
    queue = f"/staff/liujin/issues/list?mine=y&status=open&grid={grid.id}"
    assert line(html, queue) == 1
    assert html.index(queue.replace("&", "&amp;")) < html.index("channel=box")
    phone = f"/staff/liujin/issues/list?channel=phone&grid={grid.id}"
    assert line(html, phone) == 0  # not in the grid, and the list it links to agrees
    assert "/staff/liujin/services/partners" not in html and "/staff/liujin/outbox" not in html


def test_refused_to_the_public_partners_and_other_communities(client, liujin):
    response = client.get("/staff/liujin/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    partner, stranger = client.application.test_client(), client.application.test_client()
    login(partner, make_partner_user(make_partner(liujin)))
    assert partner.get("/staff/liujin/").status_code == 403
    login(stranger, make_user("staff", [make_community(slug="xingyuan")]))
    assert stranger.get("/staff/liujin/").status_code == 403


def _everything(community, staff, n):
    """`n` of each thing the start page counts."""
    today = clock.today()
    activity = make_activity(community)
    for i in range(n):
        compound = make_compound(community)
        make_issue(community, compound, channel="box")
        aged(make_issue(community, compound, category="safety"), hours=30, assignee_id=staff.id,
             status="assigned")
        make_partner(community)
        shift_at(activity, today + timedelta(days=i % 2), 20)
        if staff.role == "grid_worker" and i % 3 == 0:  # "my grids" grows too
            make_grid(community, compounds=[compound], workers=[staff])
    for _ in range(max(1, n // 3)):
        _round_with_doors(community, ["visited", None, "refused"], starts_on=today,
                          ends_on=today + timedelta(days=3))
    db.session.commit()


@pytest.mark.parametrize("role", ["staff", "grid_worker"])
def test_the_start_page_sends_as_many_queries_at_10x(client, liujin, role):
    user = make_user(role, [liujin])
    make_grid(liujin, compounds=[make_compound(liujin)], workers=[user])
    _everything(liujin, user, 3)
    login(client, user)
    assert_bounded(client, ["/staff/liujin/"], lambda: _everything(liujin, user, 27))

"""HTTP: the bounded lists of the issue board, one page at a time, filters kept."""
import re
from datetime import timedelta

from blueprints.issues import services
from blueprints.issues.board import COLUMN_SIZE, LIST_SIZE
from extensions import db
from models.base import utcnow
from tests.conftest import HX
from tests.factories import login, make_compound, make_user


def _issues(community, compound, n, **values):
    """`n` issues 诉求00…, one hour apart, the last the newest; not overdue (category other)."""
    fields = {"category": "other", "public": True, **values}
    status, assignee = fields.pop("status", "new"), fields.pop("assignee", None)
    for i in range(n):
        issue = services.build_issue(community, services.Report(compound.id, what=f"诉求{i:02d}", **fields))
        issue.created_at = utcnow() - timedelta(hours=n - i)
        issue.status, issue.assignee = status, assignee
    db.session.commit()


def _titles(html: str) -> list[str]:
    return re.findall(r"诉求\d\d", html)


def _region(html: str, region_id: str) -> str:
    """The element with this id, up to the next section or the end (enough for these lists)."""
    start = html.index(f'id="{region_id}"')
    return html[start:]


def _newest(n, count):
    """Titles of the `count` newest of `n` issues, newest first."""
    return [f"诉求{i:02d}" for i in range(n - 1, n - 1 - count, -1)]


# ---- the public board ------------------------------------------------------

def test_public_board_shows_twenty_newest_and_page_two_the_rest(client, place):
    community, compound = place
    _issues(community, compound, 25)
    first = client.get("/c/xy/issues").get_data(as_text=True)
    assert _titles(_region(first, "issues-list")) == _newest(25, 20)
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/c/xy/issues?page=2").get_data(as_text=True)
    assert _titles(_region(second, "issues-list")) == ["诉求04", "诉求03", "诉求02", "诉求01", "诉求00"]
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_public_board_pager_keeps_the_filters_and_swaps_the_list(client, place):
    community, compound = place
    _issues(community, compound, 22, category="road")
    _issues(community, make_compound(community), 3, category="safety")
    url = f"/c/xy/issues?compound={compound.id}&category=road"
    partial = client.get(url, headers=HX).get_data(as_text=True)
    assert partial.lstrip().startswith('<section id="issues-list"')
    next_link = re.search(r'<a class="pager__link nav-link" rel="next" href="([^"]+)"', partial).group(1)
    assert next_link == f"/c/xy/issues?compound={compound.id}&amp;category=road&amp;page=2"
    assert 'hx-target="#issues-list"' in partial
    second = client.get(next_link.replace("&amp;", "&")).get_data(as_text=True)
    assert _titles(_region(second, "issues-list")) == ["诉求01", "诉求00"]


def test_public_board_survives_garbage_and_huge_page_numbers(client, place):
    community, compound = place
    _issues(community, compound, 3)
    for page in ("abc", "-1", "0", "1e9", "99999999999"):
        html = client.get(f"/c/xy/issues?page={page}").get_data(as_text=True)
        assert _titles(_region(html, "issues-list")) == ["诉求02", "诉求01", "诉求00"], page
    past = client.get("/c/xy/issues?page=999")
    html = past.get_data(as_text=True)
    assert past.status_code == 200 and "暂时没有公开的诉求" in html and 'rel="prev"' in html


# ---- the staff board and its lists -----------------------------------------

def test_a_board_column_shows_its_newest_cards_its_total_and_a_link_to_all(client, place):
    community, compound = place
    _issues(community, compound, 25, category="road")
    login(client, make_user("staff", [community]))
    html = client.get("/staff/xy/issues?category=road").get_data(as_text=True)
    column = html[html.index('data-status="new"'):html.index('data-status="accepted"')]
    assert _titles(column) == _newest(25, COLUMN_SIZE)
    assert '<span class="badge">25</span>' in column and "共25条，查看全部" in column
    assert "/staff/xy/issues/list?category=road&amp;status=new" in column
    accepted = html[html.index('data-status="accepted"'):html.index('data-status="assigned"')]
    assert "查看全部" not in accepted  # nothing hidden, no link


def test_overdue_cards_come_first_in_their_column(client, place):
    community, compound = place
    _issues(community, compound, 25)
    late = services.build_issue(community, services.Report(compound.id, "safety", "诉求99"))
    late.created_at = utcnow() - timedelta(days=3)
    db.session.commit()
    login(client, make_user("staff", [community]))
    html = client.get("/staff/xy/issues").get_data(as_text=True)
    column = html[html.index('data-status="new"'):html.index('data-status="accepted"')]
    assert _titles(column) == ["诉求99"] + _newest(25, COLUMN_SIZE - 1)
    assert "board-card--overdue" in column.split("诉求24")[0]


def test_the_list_behind_a_column_pages_through_all_with_filters_kept(client, place):
    community, compound = place
    _issues(community, compound, 35, category="road")
    _issues(community, compound, 3, category="road", status="accepted")
    login(client, make_user("staff", [community]))
    first = client.get("/staff/xy/issues/list?status=new&category=road").get_data(as_text=True)
    assert LIST_SIZE == 30
    assert _titles(_region(first, "issues-staff-list")) == _newest(35, 30)
    assert '<option selected value="new">' in first
    partial = client.get("/staff/xy/issues/list?status=new&category=road", headers=HX).get_data(as_text=True)
    assert partial.lstrip().startswith('<section id="issues-staff-list"')
    next_link = re.search(r'rel="next" href="([^"]+)"', partial).group(1)
    assert next_link == "/staff/xy/issues/list?status=new&amp;category=road&amp;page=2"
    second = client.get(next_link.replace("&amp;", "&")).get_data(as_text=True)
    assert _titles(_region(second, "issues-staff-list")) == ["诉求04", "诉求03", "诉求02", "诉求01", "诉求00"]
    assert 'name="to_status" value="accepted"' in second  # the cards keep their move buttons


def test_the_list_of_every_unfinished_issue_and_of_all(client, place):
    community, compound = place
    _issues(community, compound, 2, status="closed")
    _issues(community, compound, 1, status="in_progress")
    login(client, make_user("staff", [community]))
    assert _titles(client.get("/staff/xy/issues/list?status=open").get_data(as_text=True)) == ["诉求00"]
    everything = client.get("/staff/xy/issues/list").get_data(as_text=True)
    assert _titles(_region(everything, "issues-staff-list")) == ["诉求00", "诉求01", "诉求00"]


def test_the_staff_list_survives_garbage_page_numbers_and_statuses(client, place):
    community, compound = place
    _issues(community, compound, 2)
    login(client, make_user("staff", [community]))
    for query in ("page=abc", "page=-3", "page=99999999", "status=nonsense", "compound=x&grid=y"):
        response = client.get(f"/staff/xy/issues/list?{query}")
        assert response.status_code == 200, query
        assert _titles(_region(response.get_data(as_text=True), "issues-staff-list")) == ["诉求01", "诉求00"], query
    past = client.get("/staff/xy/issues/list?page=500").get_data(as_text=True)
    assert "没有符合条件的诉求" in past and 'rel="prev"' in past


def test_a_grid_workers_queue_is_bounded_with_a_link_to_all_of_it(client, place):
    community, compound = place
    worker = make_user("grid_worker", [community])
    _issues(community, compound, 23, status="assigned", assignee=worker)
    login(client, worker)
    html = client.get("/staff/xy/issues").get_data(as_text=True)
    queue = html[html.index('id="issues-mine"'):html.index('id="issues-board"')]
    assert "我的待办（23）" in queue and _titles(queue) == _newest(23, COLUMN_SIZE)
    assert "/staff/xy/issues/list?status=open&amp;mine=y" in queue
    mine = client.get("/staff/xy/issues/list?status=open&mine=y").get_data(as_text=True)
    assert _titles(_region(mine, "issues-staff-list")) == _newest(23, 23)


def test_the_box_overview_pages_through_the_compounds(client, place):
    community, _compound = place
    for i in range(34):
        make_compound(community, name=f"第{i:02d}小区", position=i + 1)
    login(client, make_user("staff", [community]))
    first = client.get("/staff/xy/issues/box").get_data(as_text=True)
    table = first[first.index("<tbody>"):first.index("</tbody>")]
    assert table.count("<tr") == 30 and "水产宿舍" in table and "第28小区" in table
    second = client.get("/staff/xy/issues/box?page=2").get_data(as_text=True)
    table = second[second.index("<tbody>"):second.index("</tbody>")]
    assert re.findall(r"第\d\d小区", table) == ["第29小区", "第30小区", "第31小区", "第32小区", "第33小区"]
    assert client.get("/staff/xy/issues/box?page=zz").status_code == 200


def test_the_link_to_a_columns_list_keeps_only_the_filters_that_are_set(client, place):
    community, compound = place
    _issues(community, compound, 12, category="road")
    login(client, make_user("staff", [community]))
    board = client.get("/staff/xy/issues?compound=0&grid=0&category=road&channel=", headers=HX)
    assert 'href="/staff/xy/issues/list?category=road&amp;status=new"' in board.get_data(as_text=True)

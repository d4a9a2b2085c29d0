"""Query counts of the issue pages stay the same however many rows they show."""
from io import BytesIO

import pytest

from blueprints.core import clock
from extensions import db
from models import Issue
from tests.factories import login, make_compound, make_user
from tests.issues.factories import make_issue, png_bytes


# 16. Query counts do not grow with the number of rows.
def _get_ok(client, url):
    return lambda: client.get(url).status_code == 200 or pytest.fail(url)


def _busy_timeline(community, issue, staff_count):
    """Comments with photos by different staff, and reassignments to different workers."""
    from blueprints.issues import services

    for n in range(staff_count):
        actor = make_user("staff", [community])
        worker = make_user("grid_worker", [community])
        services.add_comment(issue, f"第{n}次补充", actor, photos=[BytesIO(png_bytes())], public_note=True)
        if issue.status in ("accepted", "assigned"):
            services.change_status(issue, "assigned", actor, assignee=worker)


def test_issue_pages_query_count_does_not_grow_with_the_timeline(app, client, place):
    from blueprints.issues import tokens
    from tests.queries import count_queries

    community, compound = place
    small = make_issue(community, compound, public=True, status="accepted")
    big = make_issue(community, compound, public=True, status="accepted")
    _busy_timeline(community, small, 1)
    _busy_timeline(community, big, 6)
    with app.test_request_context():
        tokens_ = {i.id: tokens.follow_token(i.id) for i in (small, big)}
    pages = ["/c/xy/issues/{id}", "/c/xy/issues/{id}/follow/{token}"]
    app.config["PAGE_CACHE"] = False  # what building the page costs, not serving it from memory
    client.get(f"/c/xy/issues/{small.id}")  # warm-up: the first request of a session reads more
    for page in pages:
        counts = [count_queries(_get_ok(client, page.format(id=i.id, token=tokens_[i.id]))) for i in (small, big)]
        assert counts[0] == counts[1], page
    login(client, make_user("staff", [community]))
    client.get("/staff/xy/issues")  # warm-up
    counts = [count_queries(_get_ok(client, f"/staff/xy/issues/{i.id}")) for i in (small, big)]
    assert counts[0] == counts[1]


def test_cost_page_query_count_does_not_grow_with_quotes_shares_and_payments(app, client, place):
    from datetime import date

    from blueprints.issues import costs, ledger
    from tests.factories import make_building, make_household
    from tests.queries import count_queries

    community, compound = place
    staff = make_user("staff", [community])

    def issue_with(n):
        where = make_compound(community)
        buildings = [make_building(where) for _ in range(n)]
        for building in buildings:
            make_household(where, building_id=building.id)
        issue = make_issue(community, where)
        for i in range(n):
            costs.add_quote(issue, f"队{i}", 1000 * (i + 1), "", staff)
        costs.choose_quote(issue, costs.lowest_quote(issue).id, "", staff)
        for share in costs.split_equally(issue, None, staff):
            ledger.record_payment(issue, share.id, share.amount_fen, date(2026, 11, 2), "", "楼长", staff)
        return issue

    small, big = issue_with(1), issue_with(6)
    login(client, staff)
    client.get("/staff/xy/issues")  # warm-up
    counts = [count_queries(_get_ok(client, f"/staff/xy/issues/{i.id}/costs")) for i in (small, big)]
    assert counts[0] == counts[1]


def test_monthly_report_query_count_does_not_grow_with_issues(app, client, place):
    from datetime import timedelta

    from blueprints.issues import figures
    from models.base import utcnow
    from tests.queries import count_queries

    community, compound = place
    login(client, make_user("staff", [community]))
    now = utcnow()
    month = figures.month_of(now.astimezone(clock.ZONE).date())

    def resolve(issue):
        db.session.execute(db.update(Issue).where(Issue.id == issue.id).values(
            status="resolved", resolved_at=issue.created_at + timedelta(minutes=5)))
        db.session.commit()

    resolve(make_issue(community, compound))
    url = f"/staff/xy/print/monthly-report.html?month={month}"
    client.get("/staff/xy/issues")  # warm-up
    few = count_queries(_get_ok(client, url))
    for _ in range(5):
        resolve(make_issue(community, make_compound(community)))
    assert count_queries(_get_ok(client, url)) == few


# 17. Every list page of the issue board sends as many queries at 10x the rows as at 1x.
def _fill(community, compounds, workers, n):
    """`n` issues in every board status, category and channel, some public, some assigned,
    some long overdue, some box openings: what the list pages show and load."""
    from datetime import date, timedelta

    from blueprints.issues import services
    from models import BoxOpening
    from models.base import utcnow
    from models.issues import CATEGORIES, CHANNELS

    statuses = ("new", "accepted", "assigned", "in_progress", "resolved", "closed")
    categories, channels = list(CATEGORIES), list(CHANNELS)
    for i in range(n):
        compound = compounds[i % len(compounds)]
        report = services.Report(compound.id, categories[i % len(categories)], f"诉求{i}",
                                 channel=channels[i % len(channels)], public=i % 2 == 0)
        issue = services.build_issue(community, report)
        issue.status = statuses[i % len(statuses)]
        issue.assignee = workers[i % len(workers)] if issue.status != "new" else None
        issue.created_at = utcnow() - timedelta(days=i % 10)
        if issue.status == "resolved":
            issue.resolved_at = utcnow()
    for i, compound in enumerate(compounds):
        db.session.add(BoxOpening(community_id=community.id, compound=compound, slips_found=2,
                                  opened_on=date(2026, 11, 2) - timedelta(days=7 * (n + i))))
    db.session.commit()


def test_issue_list_pages_send_as_many_queries_at_10x_the_issues(app, client, place):
    from tests.factories import make_grid
    from tests.queries import assert_bounded

    community, compound = place
    worker = make_user("grid_worker", [community])
    grid = make_grid(community, compounds=[compound], workers=[worker])
    workers = [worker, make_user("grid_worker", [community])]
    compounds = [compound, make_compound(community)]
    _fill(community, compounds, workers, 50)  # a second page of the public board and lists

    def grow():
        more = [make_compound(community) for _ in range(9)]
        _fill(community, compounds + more, workers + [make_user("grid_worker", [community])], 450)

    public = ["/c/xy/issues", "/c/xy/issues?page=2", f"/c/xy/issues?compound={compound.id}&category=road"]
    staff = ["/staff/xy/issues", "/staff/xy/issues?overdue=y", f"/staff/xy/issues?grid={grid.id}",
             "/staff/xy/issues/list", "/staff/xy/issues/list?status=open&page=2",
             "/staff/xy/issues/list?status=open&overdue=y", "/staff/xy/issues/box",
             "/staff/xy/figures"]
    shown = make_issue(community, compound, public=True, status="accepted")
    _busy_timeline(community, shown, 1)  # assigned to a worker, with a comment and a photo
    pages = [f"/c/xy/issues/{shown.id}", f"/staff/xy/issues/{shown.id}"]  # pickers of workers grow
    login(client, make_user("staff", [community]))
    assert_bounded(client, public + staff + pages, grow)


def test_grid_workers_board_and_queue_send_as_many_queries_at_10x(app, client, place):
    from tests.queries import assert_bounded

    community, compound = place
    worker = make_user("grid_worker", [community])
    _fill(community, [compound], [worker], 30)
    login(client, worker)
    urls = ["/staff/xy/issues", "/staff/xy/issues/list?status=open&mine=y"]
    assert_bounded(client, urls, lambda: _fill(community, [compound], [worker], 270))

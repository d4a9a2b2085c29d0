"""The console's list pages send as many queries at 10x the rows as at 1x."""
from blueprints.auth import services as accounts
from blueprints.auth import sessions
from tests.factories import login, make_community, make_compound, make_grid, make_user
from tests.queries import assert_bounded
from tests.staff.factories import make_log


def _people(community, staff, n):
    """`n` grid workers, each signed in once, with an unused invite; `n` compounds."""
    for _ in range(n):
        worker = make_user("grid_worker", [community])
        sessions.start(worker, False)
        accounts.create_invite(worker, community, staff, 7)
        make_compound(community)


def test_console_lists_send_as_many_queries_at_10x_the_rows(app, client):
    community = make_community(slug="liujin")
    staff = make_user("staff", [community])
    _people(community, staff, 6)
    make_log(community, 60, actor=staff)
    login(client, staff)
    urls = ["/staff/liujin/", "/staff/liujin/?page=2", "/staff/liujin/accounts",
            "/staff/liujin/invites", "/staff/liujin/audit", "/staff/liujin/audit?page=2",
            "/staff/liujin/audit?domain=offers"]

    def grow():
        _people(community, staff, 54)
        make_log(community, 540, actor=make_user("staff", [community]))

    assert_bounded(client, urls, grow)


def test_a_grid_workers_dashboard_sends_as_many_queries_at_10x(app, client):
    community = make_community(slug="liujin")
    worker = make_user("grid_worker", [community])
    grid = make_grid(community, compounds=[make_compound(community)], workers=[worker])
    login(client, worker)

    def grow():
        grid.compounds = grid.compounds + [make_compound(community) for _ in range(9)]

    assert_bounded(client, ["/staff/liujin/"], grow)

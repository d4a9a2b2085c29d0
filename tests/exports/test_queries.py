"""The exports page and a download send as many queries with 10× the rows (no query per row)."""
from blueprints.issues import services as issue_services
from extensions import db
from models import Issue
from tests.factories import login
from tests.issues.factories import make_issue
from tests.queries import assert_bounded, count_queries


def _grow(community, times):
    compound = community.compounds[0]
    for _ in range(times):
        issue = make_issue(community, compound)
        issue_services.add_comment(issue, "已联系物业", None)


def test_page_is_bounded(client, world):
    login(client, world[1])
    assert_bounded(client, ["/staff/xy/exports"], lambda: _grow(world[0], 9))


def test_download_is_bounded(client, world):
    community, staff = world
    login(client, staff)

    def download():
        for what in ("issues", "signups", "partners", "costs", "visits", "volunteers", "households"):
            response = client.post(f"/staff/xy/exports/{what}", data={"format": "csv"})
            assert response.status_code == 200 and len(response.get_data()) > 3

    client.post("/staff/xy/exports/issues", data={"format": "csv"}).get_data()  # warm up
    before = count_queries(download)
    _grow(community, 9)
    db.session.commit()
    assert db.session.query(Issue).count() == 10
    assert count_queries(download) == before

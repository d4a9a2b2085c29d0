"""The district view: an admin's communities side by side, sortable, fast, and refused to others."""
import re
from datetime import timedelta

import pytest

from blueprints.core import clock
from blueprints.figures.district import district, sort_rows
from extensions import db
from models import Issue
from models.homeservice import ServiceUse
from models.user import user_communities
from tests.factories import login, make_community, make_compound, make_household, make_user
from tests.figures.conftest import plant_issue
from tests.offers.factories import make_offer, make_partner, make_partner_user
from tests.queries import assert_bounded

URL = "/staff/district"


def make_town(n: int, open_issues: int = 0, overdue: int = 0, scans: int = 0):
    """A community with `open_issues` fresh open issues, `overdue` old ones and card scans today."""
    community = make_community(slug=f"c{n:03d}", name=f"社区{n:03d}")
    compound = make_compound(community, name=f"小区{n}")
    now = clock.now()
    for _ in range(open_issues):
        plant_issue(community, compound, now - timedelta(hours=1))
    for _ in range(overdue):
        plant_issue(community, compound, now - timedelta(days=10))  # road: target 48 h
    plant_issue(community, compound, now - timedelta(hours=5), now - timedelta(hours=1))  # 4 h
    make_household(compound, address="1号楼101")
    if scans:
        offer = make_offer(make_partner(community, name=f"单位{n}"))
        for _ in range(scans):
            db.session.add(ServiceUse(community_id=community.id, offer_id=offer.id,
                                      day=clock.today(), kind="card"))
    db.session.commit()
    return community


def test_rows_hold_each_communitys_figures(app):
    one, two = make_town(1, open_issues=2, overdue=1, scans=3), make_town(2, open_issues=1)
    make_town(3)  # not the admin's
    admin = make_user("admin", [one, two])
    rows = {r.name: r for r in district(admin).rows}
    assert set(rows) == {"社区001", "社区002"}
    assert (rows["社区001"].open, rows["社区001"].overdue, rows["社区001"].services) == (3, 1, 3)
    assert (rows["社区002"].open, rows["社区002"].overdue, rows["社区002"].services) == (1, 0, 0)
    assert rows["社区001"].median_hours == pytest.approx(4.0)
    assert rows["社区001"].households == 1 and rows["社区001"].coverage == 0


def test_sorting_by_a_column_keeps_empty_figures_last(app):
    one, two = make_town(1, open_issues=5), make_town(2, open_issues=1)
    admin = make_user("admin", [one, two])
    assert [r.name for r in district(admin, "open").rows] == ["社区002", "社区001"]
    assert [r.name for r in district(admin, "open", descending=True).rows] == ["社区001", "社区002"]
    rows = district(admin).rows
    rows[0].median_hours = None
    assert sort_rows(rows, "median_hours", True)[-1] is rows[0]


def test_the_page_sorts_with_links_and_aria_sort(client, app):
    one, two = make_town(1, open_issues=5), make_town(2, open_issues=1)
    login(client, make_user("admin", [one, two]))
    html = client.get(URL + "?sort=open&dir=desc").get_data(as_text=True)
    assert html.index("社区001") < html.index("社区002")
    assert re.search(r'<th scope="col" aria-sort="descending">\s*<a href="/staff/district\?sort=open&amp;dir=asc">', html)
    assert 'href="/staff/c001/"' in html and 'href="/staff/c002/figures"' in html
    html = client.get(URL + "?sort=open").get_data(as_text=True)
    assert html.index("社区002") < html.index("社区001") and 'aria-sort="ascending"' in html
    html = client.get(URL + "?sort=password&dir=up").get_data(as_text=True)  # unknown: by name
    assert html.index("社区001") < html.index("社区002")


@pytest.mark.parametrize("role", ["staff", "grid_worker", "partner"])
def test_others_are_refused(client, app, role):
    town = make_town(1)
    user = make_partner_user(make_partner(town)) if role == "partner" else make_user(role, [town])
    login(client, user)
    response = client.get(URL)
    assert response.status_code == 403 and "社区001" not in response.get_data(as_text=True)


def test_the_public_is_sent_to_login(client, app):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response.location


def test_two_or_twenty_communities_cost_the_same_queries(client, app):
    towns = [make_town(n, open_issues=1, overdue=1, scans=1) for n in range(2)]
    admin = make_user("admin", towns)
    login(client, admin)

    def grow():
        towns = [make_town(n, open_issues=2, overdue=1, scans=2) for n in range(2, 20)]
        db.session.execute(user_communities.insert(),
                           [{"user_id": admin.id, "community_id": t.id} for t in towns])
        db.session.commit()

    assert_bounded(client, [URL, URL + "?sort=overdue&dir=desc"], grow)
    assert db.session.query(Issue).count() > 60


def test_an_admin_opens_only_their_own_communities(client, app):
    mine, other = make_town(1), make_town(2)
    login(client, make_user("admin", [mine]))
    assert client.get("/staff/c001/figures").status_code == 200
    assert client.get("/staff/c002/figures").status_code == 403
    assert "社区002" not in client.get(URL).get_data(as_text=True)


def test_coverage_counts_households_found_this_month(app):
    from models import Household
    from models.visits import Visit
    from tests.visits.factories import make_campaign

    town = make_town(1)
    make_household(db.session.query(Household).first().compound, address="2号楼202")
    campaign = make_campaign(town, [])
    for n, (household, outcome) in enumerate(zip(db.session.query(Household).all(),
                                                 ("visited", "not_home"))):
        db.session.add(Visit(community_id=town.id, campaign_id=campaign.id, client_id=f"v{n}",
                             household_id=household.id, outcome=outcome, visited_at=clock.now()))
    db.session.commit()
    row = district(make_user("admin", [town])).rows[0]
    assert (row.households, row.visited, row.coverage) == (2, 1, 50)

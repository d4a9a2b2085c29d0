"""The figures page sends the same number of queries with 1× and 10× the data."""
from datetime import date

from extensions import db
from models import Grid
from models.homeservice import ServiceUse
from models.visits import Visit, VisitCampaign
from tests.factories import login, make_compound, make_grid, make_household, make_person, make_user
from tests.figures.conftest import at, plant_issue, plant_shift
from tests.offers.factories import make_offer, make_partner
from tests.queries import assert_bounded
from tests.volunteers.factories import make_activity, make_signup, make_team


def grow_world(community, times: int = 9) -> None:
    """`times` more compounds, teams, partners and grids, each with their own figures."""
    campaign = db.session.query(VisitCampaign).filter_by(community_id=community.id).one()
    for n in range(times):
        compound = make_compound(community, name=f"新小区{n}")
        for day in ("2026-10-07", "2026-11-08"):
            plant_issue(community, compound, at(day, 8), at(day, 20), category="safety")
        team = make_team(community, name=f"新队伍{n}")
        shift = plant_shift(make_activity(community, title=f"活动{n}", team_id=team.id), at("2026-11-12"))
        make_signup(shift, make_person(community, mobile=f"1370000{n:04d}"), "attended")
        offer = make_offer(make_partner(community, name=f"新单位{n}"))
        db.session.add(ServiceUse(community_id=community.id, offer_id=offer.id,
                                  day=date(2026, 11, 9), kind="card"))
        grid = make_grid(community, [compound], name=f"新网格{n}")
        campaign.grids.append(db.session.get(Grid, grid.id))
        door = make_household(compound, address=f"9号楼{n}")
        db.session.add(Visit(community_id=community.id, campaign_id=campaign.id,
                             household_id=door.id, client_id=f"grow-{n}", outcome="visited",
                             visited_at=at("2026-11-21")))
    db.session.commit()


def test_figures_page_is_bounded(client, world):
    login(client, make_user("staff", [world]))
    urls = ["/staff/xy/figures?start=2026-10&end=2026-11", "/staff/xy/figures?start=2026-11"]
    counts = assert_bounded(client, urls, lambda: grow_world(world))
    assert all(n < 40 for n in counts.values()), counts
    html = client.get(urls[0]).get_data(as_text=True)
    assert "新单位8" in html and "新网格8" in html and "新队伍8" in html and "新小区8" in html

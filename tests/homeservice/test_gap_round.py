"""The gap list becomes a door-knocking round in one step: only the unreached doors, in the
grid workers' own rosters; an ordinary round still walks every door of its grids."""
from datetime import timedelta

from sqlalchemy import select

from blueprints.core import clock
from blueprints.homeservice import gaps
from blueprints.visits import coverage, services as visits
from extensions import db
from models import VisitCampaign
from tests.factories import login, make_community, make_compound, make_grid, make_user
from tests.homeservice.factories import make_door
from tests.offers.factories import make_partner_user


def _gap_world(world):
    """A grid over the compound with its worker; in it two unreached doors (the fixture's and
    one more), one reached by a card scan and one untagged; an unreached door in no grid."""
    community, compound = world["community"], world["compound"]
    worker = make_user("grid_worker", [community], display_name="网格员李红")
    grid = make_grid(community, compounds=[compound], workers=[worker], name="第二网格")
    second = make_door(compound, address="3号楼101")
    reached = make_door(compound, address="吃过饭")
    untagged = make_door(compound, tags=(), address="没有标签")
    from blueprints.homeservice import cards
    from tests.offers.factories import make_offer
    meals = make_offer(world["barber"], title="免费午餐")
    cards.scan(meals, cards.card_token(cards.issue_card(reached, None, None)), None)
    outside = make_door(make_compound(community, name="没有网格的小区"), address="网格外")
    return {"worker": worker, "grid": grid, "in_round": {world["door"].id, second.id},
            "not_in_round": {reached.id, untagged.id, outside.id}}


def test_a_round_made_of_the_gap_list_walks_only_its_doors_in_their_grids(app, world):
    setup = _gap_world(world)
    staff = make_user("staff", [world["community"]])
    campaign = gaps.gap_round(world["community"], staff, clock.today())
    assert campaign.targeted and [g.name for g in campaign.grids] == ["第二网格"]
    assert campaign.name == f"服务空白回访 {clock.today().isoformat()}"
    assert (campaign.starts_on, campaign.ends_on) == (clock.today(),
                                                      clock.today() + timedelta(days=13))
    rows = visits.roster(campaign, setup["grid"]).items
    assert {row.household.id for row in rows} == setup["in_round"]
    mine = visits.visitor_grid_ids(setup["worker"], campaign)
    for door in setup["in_round"]:
        assert visits.household_in(campaign, mine, door) is not None
    for door in setup["not_in_round"]:
        assert visits.household_in(campaign, mine, door) is None
    figures = coverage.coverage(campaign)
    assert (figures.total.total, figures.total.pending) == (2, 2)
    again = gaps.gap_round(world["community"], staff, clock.today())
    assert again.name == f"服务空白回访 {clock.today().isoformat()} (2)"


def test_an_ordinary_round_of_the_same_grid_still_walks_every_door(app, world):
    setup = _gap_world(world)
    staff = make_user("staff", [world["community"]])
    gaps.gap_round(world["community"], staff, clock.today())
    from blueprints.visits import campaigns
    winter = campaigns.create_campaign(world["community"], staff, "冬季走访", clock.today(),
                                       clock.today(), 3, [setup["grid"].id])
    rows = visits.roster(winter, setup["grid"]).items
    in_compound = setup["in_round"] | (setup["not_in_round"] - {max(setup["not_in_round"])})
    assert {row.household.id for row in rows} == in_compound
    assert coverage.coverage(winter).total.total == 4


def test_no_grid_no_round(app, world):
    staff = make_user("staff", [world["community"]])
    assert gaps.gap_round(world["community"], staff, clock.today()) is None
    assert db.session.scalar(select(VisitCampaign)) is None


def test_staff_make_the_round_in_one_click_and_the_grid_worker_walks_it(app, client, world):
    setup = _gap_world(world)
    slug = world["community"].slug
    login(client, make_user("staff", [world["community"]]))
    page = client.get(f"/staff/{slug}/home-services").get_data(as_text=True)
    assert "把整张名单建成走访行动" in page
    response = client.post(f"/staff/{slug}/home-services/gaps/round")
    campaign = db.session.scalars(select(VisitCampaign)).one()
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/staff/{slug}/visits/{campaign.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "定向走访：只走访名单上的 2 户" in page
    client = app.test_client()
    login(client, setup["worker"])
    roster = client.get(f"/staff/{slug}/visits/{campaign.id}/grids/{setup['grid'].id}")
    text = roster.get_data(as_text=True)
    assert "2号楼2单元301" in text and "3号楼101" in text
    assert "吃过饭" not in text and "没有标签" not in text
    reached = min(setup["not_in_round"])
    refused = client.get(f"/staff/{slug}/visits/{campaign.id}/households/{reached}")
    assert refused.status_code == 403


def test_without_a_grid_staff_are_told_why(client, world):
    slug = world["community"].slug
    login(client, make_user("staff", [world["community"]]))
    response = client.post(f"/staff/{slug}/home-services/gaps/round", follow_redirects=True)
    assert "都不在任何网格里" in response.get_data(as_text=True)
    assert db.session.scalar(select(VisitCampaign)) is None


def test_only_this_communitys_staff_make_a_round(app, world):
    setup = _gap_world(world)
    slug = world["community"].slug
    for user in (setup["worker"], make_partner_user(world["barber"]),
                 make_user("staff", [make_community()])):
        client = app.test_client()
        login(client, user)
        assert client.post(f"/staff/{slug}/home-services/gaps/round").status_code in (403, 404)
    client = app.test_client()
    assert client.post(f"/staff/{slug}/home-services/gaps/round").status_code in (302, 303, 401)
    assert db.session.scalar(select(VisitCampaign)) is None

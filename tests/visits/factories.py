"""make_<thing> helpers for the rounds' tests: a small grid with doors and a campaign."""
from dataclasses import dataclass
from datetime import date

from extensions import db
from models import Community, Grid, Household, User
from models.visits import VisitCampaign, VisitQuestion
from tests.factories import (
    make_building,
    make_community,
    make_compound,
    make_grid,
    make_household,
    make_user,
)


def make_campaign(community, grids, **overrides) -> VisitCampaign:
    values = {"name": "冬季入户走访", "starts_on": date(2026, 12, 1), "ends_on": date(2026, 12, 31),
              "max_tries": 2}
    values.update(overrides)
    campaign = VisitCampaign(community_id=community.id, grids=list(grids), **values)
    campaign.questions = [
        VisitQuestion(kind="number", label="室内温度", unit="℃", min_value=-10, max_value=40,
                      flag_below=18, position=0),
        VisitQuestion(kind="yes_no", label="是否独居", position=1),
    ]
    db.session.add(campaign)
    db.session.commit()
    return campaign


@dataclass
class Round:
    """A community with one grid of four doors (walked out of order), its worker and a round."""

    community: Community
    grid: Grid
    worker: User
    doors: list[Household]
    campaign: VisitCampaign

    @property
    def temperature(self) -> VisitQuestion:
        return self.campaign.questions[0]


def make_round(slug: str = "liujin", doors: int = 4) -> Round:
    community = make_community(slug=slug, name="流津社区" if slug == "liujin" else f"{slug}社区")
    compound = make_compound(community, name="明珠公寓")
    building = make_building(compound, name="1号楼")
    worker = make_user("grid_worker", [community], display_name="王网格")
    grid = make_grid(community, [compound], [worker], name="第一网格")
    made = []
    # Made from the top floor down, so that walking order has something to sort.
    for n in reversed(range(doors)):
        floor = n // 2 + 1
        room = f"{floor}0{n % 2 + 1}"
        made.append(make_household(compound, building_id=building.id, unit="1", floor=floor,
                                   room=room, address=f"1号楼1单元{room}"))
    campaign = make_campaign(community, [grid])
    return Round(community, grid, worker, sorted(made, key=lambda h: (h.floor, h.room)), campaign)

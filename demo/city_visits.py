"""The city data set's door-knocking: one winter round a community over every grid, most
doors knocked (a few not home, refused or vacant), 室内温度 and 暖气 answers, a few needs."""
import uuid
from datetime import date, time, timedelta

from sqlalchemy import select

from blueprints.core import clock
from demo.city import Town, add, add_plain
from extensions import db
from models import Grid, Team, TeamMember
from models.community import grid_workers
from models.visits import (
    Visit,
    VisitAnswer,
    VisitAssignment,
    VisitCampaign,
    VisitQuestion,
    campaign_grids,
    campaign_households,
)

OUTCOMES = (("visited", 0.78), ("not_home", 0.12), ("refused", 0.05), ("vacant", 0.05))
NEEDS = ("楼道灯坏了", "暖气不热", "想要上门理发", "单元门禁坏了", "希望有室内锻炼的地方")


def _outcome(rng) -> str:
    roll, total = rng.random(), 0.0
    for outcome, share in OUTCOMES:
        total += share
        if roll < total:
            return outcome
    return "visited"


def seed(town: Town) -> None:
    """A round of last winter over every grid, with visits to most households."""
    rng = town.rng
    grids = list(db.session.scalars(select(Grid.id).where(Grid.community_id == town.id)))
    starts_on = town.today - timedelta(days=60)
    campaign = add(VisitCampaign, [{"community_id": town.id, "name": "冬季入户走访",
                                    "starts_on": starts_on, "ends_on": starts_on + timedelta(days=30),
                                    "max_tries": 3, "created_by_id": town.staff[0],
                                    "created_at": town.ago(days=61)}])[0]
    add_plain(campaign_grids, [{"campaign_id": campaign, "grid_id": g} for g in grids])
    temperature, heating = add(VisitQuestion, [
        {"campaign_id": campaign, "position": 0, "kind": "number", "label": "室内温度", "unit": "℃",
         "min_value": -10, "max_value": 40, "flag_below": 18, "choices": []},
        {"campaign_id": campaign, "position": 1, "kind": "yes_no", "label": "暖气是否正常",
         "unit": "", "min_value": None, "max_value": None, "flag_below": None, "choices": []}])
    workers = db.session.execute(select(grid_workers.c.grid_id, grid_workers.c.user_id)
                                 .where(grid_workers.c.grid_id.in_(grids))).all()
    member = db.session.scalar(select(TeamMember.id).join(Team).where(
        Team.community_id == town.id, Team.kind == "door_knocking").limit(1))
    add(VisitAssignment, [{"campaign_id": campaign, "grid_id": g, "user_id": u,
                           "team_member_id": None} for g, u in workers]
        + ([{"campaign_id": campaign, "grid_id": grids[0], "user_id": None,
             "team_member_id": member}] if member and grids else []))
    _visits(town, campaign, temperature, heating, starts_on)
    town.log(town.staff[0], "visit_campaign.created", "VisitCampaign", campaign, town.ago(days=61),
             name="冬季入户走访")
    _gap_round(town, grids)


def _gap_round(town: Town, grids: list[int]) -> None:
    """This week's round made of the home-service gap list: a few doors of the first compound."""
    if not grids:
        return
    doors = next(iter(town.households.values()), [])[:8]
    campaign = add(VisitCampaign, [{"community_id": town.id, "name": "服务空白回访",
                                    "starts_on": town.today, "max_tries": 3, "targeted": True,
                                    "ends_on": town.today + timedelta(days=13),
                                    "created_by_id": town.staff[0], "created_at": town.ago(days=1)}])[0]
    add_plain(campaign_grids, [{"campaign_id": campaign, "grid_id": g} for g in grids])
    add_plain(campaign_households, [{"campaign_id": campaign, "household_id": h} for h in doors])


def _visits(town: Town, campaign: int, temperature: int, heating: int, starts_on: date) -> None:
    rng, rows, answers = town.rng, [], []
    for compound, households in town.households.items():
        visitor = town.grid_worker.get(compound)
        for household in households:
            if rng.random() < 0.15:
                continue  # not yet knocked
            outcome = _outcome(rng)
            at = clock.at(starts_on + timedelta(days=rng.randrange(30)), time(rng.choice((9, 10, 15))))
            client = uuid.UUID(int=rng.getrandbits(128), version=4)
            rows.append({"community_id": town.id, "campaign_id": campaign, "household_id": household,
                         "client_id": str(client), "outcome": outcome, "issue_id": None,
                         "need": rng.choice(NEEDS) if outcome == "visited" and rng.random() < 0.04 else "",
                         "visitor_id": visitor, "source": rng.choice(("phone", "phone", "paper")),
                         "visited_at": at, "created_at": at})
    ids = add(Visit, rows)
    for visit, row in zip(ids, rows):
        if row["outcome"] == "visited":
            degrees = round(rng.uniform(14, 24), 1)
            answers.append({"visit_id": visit, "question_id": temperature, "number": degrees, "text": ""})
            answers.append({"visit_id": visit, "question_id": heating, "number": None,
                            "text": "否" if degrees < 18 else "是"})
    add(VisitAnswer, answers)

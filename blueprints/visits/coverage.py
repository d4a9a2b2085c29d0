"""What a round has covered and heard, counted in SQL: a few grouped queries, whatever the size.

Per grid: households, visited, not home, refused, vacant, not yet visited (each household
counted by its latest visit), needs heard, issues made from them and how many are solved.
Per question: numbers per compound (count, mean, lowest, highest), choices counted, and the
flats whose number is below the question's mark (室内温度 below 18 ℃), lowest first.
"""
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select, union

from blueprints.visits.campaigns import on_round
from extensions import db
from models import Compound, Household, Issue
from models.community import grid_buildings, grid_compounds
from models.issues import DONE_STATUSES
from models.visits import Visit, VisitAnswer, VisitCampaign, VisitQuestion

FLAGGED_LIMIT = 50  # flats listed below a question's mark


@dataclass
class GridCoverage:
    """The figures of one grid (or, summed, of the whole round)."""

    grid_id: int | None = None
    name: str = ""
    total: int = 0
    visited: int = 0
    not_home: int = 0
    refused: int = 0
    vacant: int = 0
    pending: int = 0
    needs: int = 0
    issues: int = 0
    resolved: int = 0

    @property
    def done(self) -> int:
        """Doors that need no more knocking: visited, refused or vacant."""
        return self.visited + self.refused + self.vacant

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def add(self, other: "GridCoverage") -> None:
        for name in ("total", "visited", "not_home", "refused", "vacant", "pending", "needs",
                     "issues", "resolved"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Coverage:
    """A round's figures: per grid, summed, and what the answers say."""

    grids: list[GridCoverage]
    total: GridCoverage
    numbers: dict[int, list] = field(default_factory=dict)  # question id -> rows per compound
    counts: dict[int, list] = field(default_factory=dict)  # question id -> (answer, n)
    flagged: list = field(default_factory=list)  # (label, compound, address, number, unit)


def _doors(campaign: VisitCampaign, grid_ids):
    """Subquery (grid_id, household_id): every household of the round's grids, once per grid."""
    by_compound = (select(grid_compounds.c.grid_id.label("grid_id"),
                          Household.id.label("household_id"))
                   .join(Household, Household.compound_id == grid_compounds.c.compound_id)
                   .where(grid_compounds.c.grid_id.in_(grid_ids), on_round(campaign),
                          Household.status != "moved_out"))
    by_building = (select(grid_buildings.c.grid_id.label("grid_id"),
                          Household.id.label("household_id"))
                   .join(Household, Household.building_id == grid_buildings.c.building_id)
                   .where(grid_buildings.c.grid_id.in_(grid_ids), on_round(campaign),
                          Household.status != "moved_out"))
    return union(by_compound, by_building).subquery()


def _states(campaign: VisitCampaign, doors):
    """Per grid: totals by the latest visit's outcome (one grouped query)."""
    latest = (select(Visit.household_id, func.max(Visit.id).label("last_id"))
              .where(Visit.campaign_id == campaign.id).group_by(Visit.household_id).subquery())

    def count(condition):
        return func.sum(case((condition, 1), else_=0))

    query = (select(doors.c.grid_id, func.count(),
                    count(Visit.outcome == "visited"), count(Visit.outcome == "not_home"),
                    count(Visit.outcome == "refused"),
                    count((Visit.outcome == "vacant")
                          | (Visit.id.is_(None) & (Household.status == "vacant"))),
                    count(Visit.id.is_(None) & (Household.status != "vacant")))
             .join(Household, Household.id == doors.c.household_id)
             .outerjoin(latest, latest.c.household_id == doors.c.household_id)
             .outerjoin(Visit, Visit.id == latest.c.last_id)
             .group_by(doors.c.grid_id))
    return {row[0]: [int(n or 0) for n in row[1:]] for row in db.session.execute(query)}


def _needs(campaign: VisitCampaign, doors):
    """Per grid: needs heard, issues made of them, and those solved (one grouped query)."""
    query = (select(doors.c.grid_id, func.count(Visit.id), func.count(Visit.issue_id),
                    func.sum(case((Issue.status.in_(DONE_STATUSES), 1), else_=0)))
             .join(Visit, and_(Visit.household_id == doors.c.household_id,
                               Visit.campaign_id == campaign.id, Visit.need != ""))
             .outerjoin(Issue, Issue.id == Visit.issue_id)
             .group_by(doors.c.grid_id))
    return {row[0]: [int(n or 0) for n in row[1:]] for row in db.session.execute(query)}


def coverage(campaign: VisitCampaign, only_grids=None) -> Coverage:
    """The round's figures per grid (only `only_grids` when given) and in total."""
    grids = [g for g in campaign.grids if only_grids is None or g.id in only_grids]
    grid_ids = [g.id for g in grids]
    doors = _doors(campaign, grid_ids)
    states, needs = _states(campaign, doors), _needs(campaign, doors)
    rows, total = [], GridCoverage(name="合计")
    for grid in grids:
        row = GridCoverage(grid.id, grid.name)
        (row.total, row.visited, row.not_home, row.refused, row.vacant,
         row.pending) = states.get(grid.id, [0] * 6)
        row.needs, row.issues, row.resolved = needs.get(grid.id, [0] * 3)
        rows.append(row)
        total.add(row)
    result = Coverage(rows, total)
    _answers(campaign, result, grid_ids)
    return result


def _in_round(campaign: VisitCampaign, grid_ids):
    doors = _doors(campaign, grid_ids)
    return Visit.household_id.in_(select(doors.c.household_id))


def _answers(campaign: VisitCampaign, result: Coverage, grid_ids) -> None:
    """Fill the answer figures: numbers per compound, choices counted, flats below the mark."""
    where = (Visit.campaign_id == campaign.id, _in_round(campaign, grid_ids))
    numbers = (select(VisitAnswer.question_id, Compound.name, func.count(),
                      func.avg(VisitAnswer.number), func.min(VisitAnswer.number),
                      func.max(VisitAnswer.number))
               .join(Visit, Visit.id == VisitAnswer.visit_id)
               .join(Household, Household.id == Visit.household_id)
               .join(Compound, Compound.id == Household.compound_id)
               .where(*where, VisitAnswer.number.is_not(None))
               .group_by(VisitAnswer.question_id, Compound.id, Compound.name, Compound.position)
               .order_by(VisitAnswer.question_id, Compound.position, Compound.id))
    for qid, name, n, mean, low, high in db.session.execute(numbers):
        result.numbers.setdefault(qid, []).append((name, n, mean, low, high))
    counts = (select(VisitAnswer.question_id, VisitAnswer.text, func.count())
              .join(Visit, Visit.id == VisitAnswer.visit_id)
              .join(VisitQuestion, VisitQuestion.id == VisitAnswer.question_id)
              .where(*where, VisitQuestion.kind.in_(("choice", "yes_no")))
              .group_by(VisitAnswer.question_id, VisitAnswer.text)
              .order_by(VisitAnswer.question_id, func.count().desc(), VisitAnswer.text))
    for qid, text, n in db.session.execute(counts):
        result.counts.setdefault(qid, []).append((text, n))
    flagged = (select(VisitQuestion.label, Compound.name, Household.address, VisitAnswer.number,
                      VisitQuestion.unit)
               .join(VisitAnswer, VisitAnswer.question_id == VisitQuestion.id)
               .join(Visit, Visit.id == VisitAnswer.visit_id)
               .join(Household, Household.id == Visit.household_id)
               .join(Compound, Compound.id == Household.compound_id)
               .where(*where, VisitQuestion.flag_below.is_not(None),
                      VisitAnswer.number < VisitQuestion.flag_below)
               .order_by(VisitAnswer.number, Household.id).limit(FLAGGED_LIMIT))
    result.flagged = list(db.session.execute(flagged).tuples())

"""What staff see: each offer's bookings and services this month, and who was missed.

The gap list: occupied households with a consented tag that no home visit (done) and no
walk-in service reached in the last GAP_DAYS days, with their grid workers: a call list.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import selectinload

from blueprints.community.grids import walking_order
from blueprints.core.paging import Page, paginate
from extensions import db
from models import Community, Household, HouseholdTag, Offer, User
from models.community import grid_buildings, grid_compounds, grid_workers
from models.homeservice import HomeBooking, HomeOffer, ServiceUse, VisitDate

GAP_DAYS = 90
GAPS_PER_PAGE = 30
OFFERS_LIMIT = 100


@dataclass(frozen=True)
class OfferFigures:
    """One offer's month: bookings, done, not at home, walk-in services."""

    offer: Offer
    home: HomeOffer | None
    bookings: int = 0
    done: int = 0
    not_home: int = 0
    served: int = 0

    def rate(self, count: int) -> int:
        """A share of the month's bookings, in whole percent."""
        return round(100 * count / self.bookings) if self.bookings else 0


def month_of(day: date) -> tuple[date, date]:
    """The first day of `day`'s month and of the next."""
    first = day.replace(day=1)
    return first, (first + timedelta(days=32)).replace(day=1)


def offer_figures(community: Community, today: date) -> list[OfferFigures]:
    """Every live offer with bookings or services this month, in three grouped queries."""
    start, end = month_of(today)
    visits = {row.home_offer_id: row for row in db.session.execute(
        select(VisitDate.home_offer_id, func.count(HomeBooking.id).label("bookings"),
               func.count(HomeBooking.id).filter(HomeBooking.outcome == "done").label("done"),
               func.count(HomeBooking.id).filter(HomeBooking.outcome == "not_home")
               .label("not_home"))
        .join(HomeBooking, HomeBooking.visit_date_id == VisitDate.id)
        .where(HomeBooking.community_id == community.id, HomeBooking.status == "confirmed",
               VisitDate.day >= start, VisitDate.day < end).group_by(VisitDate.home_offer_id))}
    served = dict(db.session.execute(
        select(ServiceUse.offer_id, func.count(ServiceUse.id))
        .where(ServiceUse.community_id == community.id, ServiceUse.day >= start,
               ServiceUse.day < end).group_by(ServiceUse.offer_id)).all())
    homes = {h.offer_id: h for h in db.session.scalars(
        select(HomeOffer).where(HomeOffer.community_id == community.id))}
    offers = db.session.scalars(
        select(Offer).where(Offer.community_id == community.id,
                            Offer.id.in_(set(served) | set(homes)))
        .options(selectinload(Offer.partner), selectinload(Offer.revisions))
        .order_by(Offer.id).limit(OFFERS_LIMIT))
    rows = []
    for offer in offers:
        home = homes.get(offer.id)
        v = visits.get(home.id) if home else None
        rows.append(OfferFigures(offer, home, v.bookings if v else 0, v.done if v else 0,
                                 v.not_home if v else 0, served.get(offer.id, 0)))
    return rows


def _reached(since: date):
    done = exists().where(HomeBooking.household_id == Household.id,
                          HomeBooking.outcome == "done",
                          HomeBooking.visit_date_id.in_(select(VisitDate.id)
                                                        .where(VisitDate.day >= since)))
    used = exists().where(ServiceUse.household_id == Household.id, ServiceUse.day >= since)
    return done | used


def _unreached(community: Community, today: date):
    """Conditions: eligible households (by consented tag) not reached in GAP_DAYS days."""
    tagged = exists().where(HouseholdTag.household_id == Household.id,
                            HouseholdTag.withdrawn_at.is_(None))
    return (Household.community_id == community.id, Household.status == "occupied",
            tagged, ~_reached(today - timedelta(days=GAP_DAYS)))


def gap_ids(community: Community, today: date):
    """Select of the gap list's household ids (all of them, for a round made of the list)."""
    return select(Household.id).where(*_unreached(community, today))


def gap_page(community: Community, today: date, number: int) -> Page[Household]:
    """Eligible households (by consented tag) not reached in GAP_DAYS days, walking order."""
    query = (select(Household)
             .where(*_unreached(community, today))
             .options(selectinload(Household.tags), selectinload(Household.compound),
                      selectinload(Household.members))
             .order_by(*walking_order()))
    return paginate(query, number, GAPS_PER_PAGE)


def grid_workers_of(households) -> dict[int, list[str]]:
    """{household id: names of its grid workers}, by compound and by building (two queries)."""
    by_compound: dict[int, set[str]] = {}
    by_building: dict[int, set[str]] = {}
    compounds = {h.compound_id for h in households}
    buildings = {h.building_id for h in households if h.building_id}
    for table, column, ids, into in ((grid_compounds, "compound_id", compounds, by_compound),
                                     (grid_buildings, "building_id", buildings, by_building)):
        rows = db.session.execute(
            select(table.c[column], User.display_name)
            .join(grid_workers, grid_workers.c.grid_id == table.c.grid_id)
            .join(User, and_(User.id == grid_workers.c.user_id, User.active.is_(True)))
            .where(table.c[column].in_(ids)))
        for key, name in rows:
            into.setdefault(key, set()).add(name)
    return {h.id: sorted(by_compound.get(h.compound_id, set())
                         | by_building.get(h.building_id, set())) for h in households}


def pending_bookings(community: Community, today: date, limit: int = 50) -> list[HomeBooking]:
    """Bookings waiting for staff to confirm the household's eligibility, soonest first."""
    return list(db.session.scalars(
        select(HomeBooking).join(VisitDate)
        .where(HomeBooking.community_id == community.id, HomeBooking.status == "confirmed",
               HomeBooking.eligibility == "pending", VisitDate.day >= today)
        .options(selectinload(HomeBooking.household).selectinload(Household.compound),
                 selectinload(HomeBooking.visit_date).selectinload(VisitDate.home_offer)
                 .selectinload(HomeOffer.offer).selectinload(Offer.revisions))
        .order_by(VisitDate.day, HomeBooking.id).limit(limit)))


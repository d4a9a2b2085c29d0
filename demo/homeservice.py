"""Home services in 流津社区 from the article: 微发馆 cuts hair at home on the 28th, 温州饭吧
feeds residents over 80 and counts the meals by service card.

微发馆's roster for the next 28th holds a handful of doors in 颐和新园 and 明珠公寓; last
month's 28th was visited (all done but one not at home); 温州饭吧 scanned cards on most
days of the last three weeks; the other tagged households were never reached, so the
staff's gap list has names on it. Safe to run twice: nothing is added once 微发馆 takes
bookings. Its shop account `liujin-barber` opens the roster on a phone.
"""
from datetime import date, timedelta

from sqlalchemy import select

from blueprints.core import clock
from blueprints.homeservice import dates, services
from extensions import db
from models import Community, Compound, Household, HouseholdTag, Offer, Partner, User
from models.homeservice import HomeBooking, HomeOffer, ServiceCard, ServiceUse, VisitDate

BARBER_ACCOUNT = "liujin-barber"
COMPOUNDS = ("颐和新园", "明珠公寓")
NEXT_DOORS, PAST_DOORS, CARDS = 5, 4, 6


def _offer_of(community: Community, partner_name: str) -> Offer | None:
    return db.session.scalar(select(Offer).join(Partner).where(
        Partner.community_id == community.id, Partner.name == partner_name).order_by(Offer.id))


def _doors(community: Community, count: int) -> list[Household]:
    """Occupied households of the two compounds tagged over 80 or disabled (tagged here if too few)."""
    households = db.session.scalars(
        select(Household).join(Compound).where(Household.community_id == community.id,
                                               Compound.name.in_(COMPOUNDS),
                                               Household.status == "occupied")
        .order_by(Compound.position, Household.id)).all()
    tagged = [h for h in households if h.tag_names & {"over_80", "disabled"} and h.members]
    for household in (h for h in households if h not in tagged and h.members):
        if len(tagged) >= count:
            break
        household.tags.append(HouseholdTag(tag="over_80", consent_by="户主本人",
                                           consent_method="paper",
                                           consent_note="登记上门服务时签字同意（演示数据）"))
        tagged.append(household)
    db.session.flush()
    return tagged[:count]


def _book_directly(home: HomeOffer, day: date, doors: list[Household], outcomes: list[str]):
    """Bookings written as they stand on that day (the window has passed for the past date)."""
    slot = VisitDate(home_offer_id=home.id, day=day, capacity=home.places, taken=len(doors))
    db.session.add(slot)
    db.session.flush()
    for door, outcome in zip(doors, outcomes):
        contact = door.members[0]
        db.session.add(HomeBooking(
            community_id=home.community_id, visit_date_id=slot.id, household_id=door.id,
            person_id=contact.id, contact_name=contact.name, booked_as="relative",
            status="confirmed", eligibility="eligible", outcome=outcome,
            outcome_note="家中无人，已电话联系改约" if outcome == "not_home" else ""))


def _barber_account(partner: Partner) -> None:
    """The foundation's `liujin-barber` account works for 微发馆."""
    user = db.session.scalar(select(User).where(User.username == BARBER_ACCOUNT))
    if user is not None and user.partner_id is None:
        user.partner_id = partner.id


def _meals(community: Community, offer: Offer, doors: list[Household], today: date) -> None:
    """Cards for the over-80 doors and three weeks of meals scanned (a few by tally)."""
    cards = []
    for door in doors:
        card = ServiceCard(community_id=community.id, household_id=door.id,
                           person_id=door.members[0].id)
        db.session.add(card)
        cards.append(card)
    db.session.flush()
    for back in range(1, 22):
        day = today - timedelta(days=back)
        for n, card in enumerate(cards):
            if (back + n) % 3:  # not everyone comes every day
                db.session.add(ServiceUse(community_id=community.id, offer_id=offer.id,
                                          household_id=card.household_id, card_id=card.id,
                                          day=day, kind="card"))
        if back % 4 == 0:
            db.session.add(ServiceUse(community_id=community.id, offer_id=offer.id, day=day,
                                      kind="tally"))


def seed() -> dict:
    """微发馆 bookable with its rosters, 温州饭吧's cards and meals; safe to run again."""
    community = db.session.scalar(select(Community).where(Community.slug == "liujin"))
    barber, meals = _offer_of(community, "微发馆"), _offer_of(community, "温州饭吧")
    if barber is None or db.session.scalar(select(HomeOffer.id).where(
            HomeOffer.offer_id == barber.id)):
        return {"bookings": 0}
    home = services.make_bookable(barber, None, places=8, book_until_days=2)
    today = clock.today()
    doors = _doors(community, NEXT_DOORS + PAST_DOORS + CARDS)
    upcoming = dates.visit_days(barber.published, today, 1)[0]
    last = dates.visit_days(barber.published, today - timedelta(days=40), 1)[0]
    _book_directly(home, upcoming, doors[:NEXT_DOORS], [""] * NEXT_DOORS)
    _book_directly(home, last, doors[NEXT_DOORS:NEXT_DOORS + PAST_DOORS],
                   ["done", "done", "not_home", "done"])
    _meals(community, meals, doors[NEXT_DOORS + PAST_DOORS:], today)
    _barber_account(barber.partner)
    db.session.commit()
    return {"bookings": NEXT_DOORS + PAST_DOORS, "day": upcoming}

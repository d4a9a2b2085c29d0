"""The city data set's home services: one bookable offer a community with three visit dates
(the past one visited), service cards for half the tagged households and two weeks of walk-in
services counted on a second offer; the other tagged households make the gap list."""
from datetime import timedelta

from sqlalchemy import select

from blueprints.homeservice.dates import visit_days
from demo.city import Town, add
from extensions import db
from models import Household, HouseholdTag, Offer, Person
from models.homeservice import HomeBooking, HomeOffer, ServiceCard, ServiceUse, VisitDate

PLACES = 8


def _tagged(town: Town) -> list[tuple[int, int, str]]:
    """(household, its first member, that member's name) of the occupied tagged households."""
    rows = db.session.execute(
        select(Household.id, Person.id, Person.name).join(HouseholdTag)
        .join(Person, Person.household_id == Household.id)
        .where(Household.community_id == town.id, Household.status == "occupied")
        .order_by(Household.id, Person.id)).all()
    first: dict[int, tuple[int, int, str]] = {}
    for household, person, name in rows:
        first.setdefault(household, (household, person, name))
    return list(first.values())


def seed(town: Town) -> None:
    """Bookings, cards and uses of the town's first two live offers."""
    offers = db.session.execute(select(Offer.id, Offer.published).where(
        Offer.community_id == town.id, Offer.published.is_not(None), Offer.paused.is_(False))
        .order_by(Offer.id).limit(2)).all()
    tagged = _tagged(town)
    if len(offers) < 2 or not tagged:
        return
    (home_offer, terms), (walk_in, _terms) = offers
    home = add(HomeOffer, [{"community_id": town.id, "offer_id": home_offer, "places": PLACES,
                            "book_until_days": 2, "active": True,
                            "created_at": town.ago(days=60)}])[0]
    days = sorted(set(visit_days(terms, town.today - timedelta(days=35), 1) + visit_days(
        terms, town.today + timedelta(days=3), 2)))  # a short "dates" rule may repeat a day
    _bookings(town, home, days, tagged)
    _cards_and_uses(town, walk_in, tagged[::2])


def _bookings(town: Town, home: int, days, tagged) -> None:
    rng = town.rng
    slots, rows = add(VisitDate, [{"home_offer_id": home, "day": day, "capacity": PLACES,
                                   "taken": min(PLACES, len(tagged))} for day in days]), []
    for slot, day in zip(slots, days):
        past = day < town.today
        for household, person, name in rng.sample(tagged, min(PLACES, len(tagged))):
            booked = town.ago(days=(town.today - day).days + rng.uniform(3, 20))
            outcome = (rng.choice(("done", "done", "done", "not_home")) if past else "")
            rows.append({"community_id": town.id, "visit_date_id": slot, "household_id": household,
                         "person_id": person, "contact_name": name,
                         "booked_as": rng.choice(("resident", "relative", "staff")),
                         "status": "confirmed", "eligibility": "eligible", "queued_at": booked,
                         "promoted_at": None, "cancelled_at": None, "outcome": outcome,
                         "outcome_note": "", "outcome_at": booked if past else None,
                         "created_at": booked})
    for booking, row in zip(add(HomeBooking, rows), rows):
        town.log(None, "home_booking.created", "HomeBooking", booking, row["created_at"])


def _cards_and_uses(town: Town, offer: int, holders) -> None:
    cards = add(ServiceCard, [{"community_id": town.id, "household_id": household,
                               "person_id": person, "issued_at": town.ago(days=30),
                               "revoked_at": None} for household, person, _name in holders])
    uses = []
    for back in range(1, 15):
        day = town.today - timedelta(days=back)
        for n, (card, (household, _p, _n)) in enumerate(zip(cards, holders)):
            if (back + n) % 2:
                uses.append({"community_id": town.id, "offer_id": offer, "household_id": household,
                             "card_id": card, "day": day, "kind": "card", "recorded_by_id": None,
                             "created_at": town.ago(days=back)})
        uses.append({"community_id": town.id, "offer_id": offer, "household_id": None,
                     "card_id": None, "day": day, "kind": "tally", "recorded_by_id": None,
                     "created_at": town.ago(days=back)})
    add(ServiceUse, uses)

"""What erasing a resident (register/residents.scrub) does to their home-service records."""
from sqlalchemy import select, update

from blueprints.core import clock
from blueprints.homeservice import services
from extensions import db
from models import Person
from models.homeservice import HomeBooking, ServiceCard, VisitDate


def scrub_person(person: Person, erased_name: str) -> None:
    """Bookings ahead give their place back; the contact's name goes; their cards stop working."""
    today = clock.today()
    ahead = db.session.scalars(select(HomeBooking).join(VisitDate).where(
        HomeBooking.person_id == person.id, HomeBooking.status == "confirmed",
        VisitDate.day >= today))
    for booking in ahead:
        services.cancel(booking)
    db.session.execute(update(HomeBooking).where(HomeBooking.person_id == person.id)
                       .values(contact_name=erased_name, outcome_note="")
                       .execution_options(synchronize_session=False))
    db.session.execute(update(ServiceCard).where(ServiceCard.person_id == person.id,
                                                 ServiceCard.revoked_at.is_(None))
                       .values(revoked_at=clock.now())
                       .execution_options(synchronize_session=False))

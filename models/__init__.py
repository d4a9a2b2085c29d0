"""All models, imported so that Alembic and create_all() see every table."""
from models.audit import AuditEvent
from models.community import Building, Community, Compound, Grid
from models.people import Household, HouseholdTag, Person
from models.services import ChecklistPrint, Offer, OfferRevision, Partner, PartnerVisit
from models.user import Invite, User

__all__ = [
    "AuditEvent",
    "ChecklistPrint",
    "Building",
    "Community",
    "Compound",
    "Grid",
    "Household",
    "HouseholdTag",
    "Invite",
    "Offer",
    "OfferRevision",
    "Partner",
    "PartnerVisit",
    "Person",
    "User",
]

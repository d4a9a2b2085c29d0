"""All models, imported so that Alembic and create_all() see every table."""
from models.audit import AuditEvent
from models.community import Building, Community, Compound, Grid
from models.people import Household, HouseholdTag, Person
from models.services import ChecklistPrint, Offer, OfferRevision, Partner, PartnerVisit
from models.user import Invite, User
from models.volunteers import (
    Activity,
    OutboxMessage,
    Shift,
    Signup,
    Team,
    TeamMember,
    VolunteerLink,
)

__all__ = [
    "Activity",
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
    "OutboxMessage",
    "Person",
    "Shift",
    "Signup",
    "Team",
    "TeamMember",
    "User",
    "VolunteerLink",
]

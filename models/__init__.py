"""All models, imported so that Alembic and create_all() see every table."""
from models.audit import AuditEvent
from models.community import Building, Community, Compound, Grid
from models.issues import (
    BoxOpening, CostShare, Deliberation, Issue, IssueEvent, IssuePhoto, MeToo, Payment, Quote,
)
from models.people import Household, HouseholdTag, Person
from models.user import Invite, User

__all__ = [
    "AuditEvent",
    "BoxOpening",
    "Building",
    "Community",
    "Compound",
    "CostShare",
    "Deliberation",
    "Grid",
    "Household",
    "HouseholdTag",
    "Invite",
    "Issue",
    "IssueEvent",
    "IssuePhoto",
    "MeToo",
    "Payment",
    "Person",
    "Quote",
    "User",
]

"""All models, imported so that Alembic and create_all() see every table."""
from models.audit import AuditEvent
from models.classes import CourseRequest, CourseSupport, Teacher
from models.community import Building, Community, Compound, Grid
from models.issues import (
    BoxOpening,
    CostShare,
    Deliberation,
    Issue,
    IssueEvent,
    IssuePhoto,
    MeToo,
    Payment,
    Quote,
)
from models.people import Household, HouseholdTag, Person
from models.homeservice import HomeBooking, HomeOffer, ServiceCard, ServiceUse, VisitDate
from models.offers import ChecklistPrint, Offer, OfferRevision, Partner, PartnerVisit
from models.printing import RenderJob
from models.rooms import Room, RoomBooking
from models.storage import StoredBlob
from models.user import Invite, LoginSession, User
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
    "Activity", "AuditEvent", "BoxOpening", "Building", "ChecklistPrint", "Community",
    "Compound", "CostShare", "CourseRequest", "CourseSupport", "Deliberation", "Grid", "HomeBooking", "HomeOffer", "Household", "HouseholdTag", "Invite",
    "Issue", "IssueEvent", "IssuePhoto", "LoginSession", "MeToo", "Offer", "OfferRevision", "OutboxMessage",
    "Partner", "PartnerVisit", "Payment", "Person", "Quote", "RenderJob", "Room", "RoomBooking", "ServiceCard", "ServiceUse", "Shift", "Signup", "StoredBlob", "Teacher", "Team",
    "TeamMember", "User", "VisitDate", "VolunteerLink",
]

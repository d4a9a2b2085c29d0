"""All models, imported so that Alembic and create_all() see every table."""
from models.audit import AuditEvent
from models.classes import Application, CourseRequest, CourseSupport, RecruitmentCall, Teacher
from models.community import Building, Community, Compound, Grid
from models.courses import Course, SessionRating
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
from models.open311 import Open311Key
from models.offers import ChecklistPrint, Offer, OfferRevision, Partner, PartnerVisit
from models.printing import RenderJob
from models.rooms import Room, RoomBooking
from models.storage import StoredBlob
from models.user import ConsoleSeen, Invite, LoginSession, User
from models.visits import Visit, VisitAnswer, VisitAssignment, VisitCampaign, VisitQuestion
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
    "Activity", "Application", "AuditEvent", "BoxOpening", "Building", "ChecklistPrint", "Community",
    "ConsoleSeen",
    "Compound", "CostShare", "Course", "CourseRequest", "CourseSupport", "Deliberation", "Grid",
    "HomeBooking", "HomeOffer", "Household", "HouseholdTag", "Invite",
    "Issue", "IssueEvent", "IssuePhoto", "LoginSession", "MeToo", "Offer", "OfferRevision",
    "Open311Key", "OutboxMessage",
    "Partner", "PartnerVisit", "Payment", "Person", "Quote", "RecruitmentCall", "RenderJob", "Room",
    "RoomBooking", "ServiceCard", "ServiceUse", "SessionRating", "Shift", "Signup", "StoredBlob",
    "Teacher", "Team", "TeamMember", "User", "Visit", "VisitAnswer", "VisitAssignment", "VisitCampaign",
    "VisitDate", "VisitQuestion", "VolunteerLink",
]

"""The pages measured, and the records they show in a 1× and the 10× community."""
from dataclasses import dataclass

from sqlalchemy import func, select

from extensions import db
from models import Activity, Community, Issue, IssueEvent, Offer, Shift, Signup
from models.base import utcnow

NORMAL, BIG = "city-001", "city-big"
STAFF_PASSWORD = "doorstep-city"


@dataclass(frozen=True)
class Page:
    key: str
    path: str  # with {slug}, {activity}, {issue}, {offer}
    staff: bool = False
    remembered: bool = False  # this browser remembers a volunteer (cookie volunteer_<slug>)


PAGES = [
    Page("home", "/c/{slug}/"),
    Page("services", "/c/{slug}/services"),
    Page("offer", "/c/{slug}/services/{offer}"),
    Page("activities", "/c/{slug}/activities"),
    Page("activity", "/c/{slug}/activities/{activity}"),
    Page("activity-remembered", "/c/{slug}/activities/{activity}", remembered=True),
    Page("issues", "/c/{slug}/issues"),
    Page("issue", "/c/{slug}/issues/{issue}"),
    Page("services.pdf-cached", "/c/{slug}/services.pdf"),
    Page("staff-board", "/staff/{slug}/issues", staff=True),
    Page("staff-issue", "/staff/{slug}/issues/{issue}", staff=True),
    Page("review-queue", "/staff/{slug}/services/", staff=True),
    Page("staff-activities", "/staff/{slug}/activities", staff=True),
    Page("roster", "/staff/{slug}/activities/{activity}", staff=True),
    Page("audit", "/staff/{slug}/audit", staff=True),
]


@dataclass(frozen=True)
class Target:
    """One community's records that the pages' addresses name."""

    slug: str
    activity: int
    issue: int
    offer: int
    person: int  # the remembered volunteer: the busiest one on that activity

    def path(self, page: Page) -> str:
        return page.path.format(slug=self.slug, activity=self.activity, issue=self.issue,
                                offer=self.offer)

    @property
    def staff_user(self) -> str:
        return f"{self.slug}-staff"


def find_target(slug: str) -> Target:
    """The upcoming activity with the most shifts (the hall's duty), the public issue with the
    longest timeline, a live offer."""
    community = db.session.scalar(select(Community.id).where(Community.slug == slug))
    shifts, signups = func.count(Shift.id.distinct()), func.count(Signup.id)
    activity = db.session.execute(
        select(Activity.id).join(Shift).outerjoin(Signup)
        .where(Activity.community_id == community, Activity.cancelled_at.is_(None),
               Shift.starts_at > utcnow(), Shift.cancelled_at.is_(None))
        .group_by(Activity.id).order_by(shifts.desc(), signups.desc(), Activity.id).limit(1)).scalar_one()
    issue = db.session.execute(
        select(Issue.id).join(IssueEvent)
        .where(Issue.community_id == community, Issue.public.is_(True))
        .group_by(Issue.id).order_by(func.count(IssueEvent.id).desc(), Issue.id).limit(1)).scalar_one()
    offer = db.session.scalar(select(Offer.id).where(
        Offer.community_id == community, Offer.published.is_not(None), Offer.paused.is_(False))
        .order_by(Offer.id).limit(1))
    on_activity = select(Signup.person_id).join(Shift).where(Shift.activity_id == activity)
    person = db.session.execute(
        select(Signup.person_id).where(Signup.person_id.in_(on_activity))
        .group_by(Signup.person_id).order_by(func.count(Signup.id).desc(), Signup.person_id)
        .limit(1)).scalar_one()
    return Target(slug, activity, issue, offer, person)


def remember_cookie(target: Target) -> str:
    """The cookie with which the app knows the target's volunteer (needs the app's secret)."""
    from blueprints.volunteers.remember import cookie_name
    from blueprints.volunteers.tokens import remember_token
    from models import Person

    token = remember_token(db.session.get(Person, target.person))
    return f"{cookie_name(target.slug)}={token}"

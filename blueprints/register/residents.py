"""A resident's personal data under PIPL: everything held about them, and erasing it.

The export gathers what every domain holds about one person. Erasing replaces their
personal fields (name → 已删除居民, number → a placeholder unique to the person) and
takes them off their household, but keeps the rows others rely on: volunteer hours,
issues (without the reporter), the collection ledger (without the payer's name). The
same erasure, without a staff member, is what `flask purge` applies to old sign-ups.
"""
from sqlalchemy import or_, select, update
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.register.labels import ERASED_NAME
from blueprints.volunteers import services as volunteering
from extensions import db
from models import Community, Person, User
from models.classes import CourseSupport, Teacher
from models.courses import SessionRating
from models.issues import CostShare, Issue, MeToo, Payment
from models.visits import Visit
from models.volunteers import ACTIVE_STATUSES, OutboxMessage, Signup, TeamMember, VolunteerLink

PEOPLE_LIMIT = 50  # people found by one search on the residents page
ROWS_LIMIT = 5000  # rows of one kind in one person's export


def find_people(community: Community, text: str) -> list[Person]:
    """Residents (in a household or not) whose name or number contains the text."""
    words = (text or "").strip()[:40]
    if not words:
        return []
    return list(db.session.scalars(
        select(Person).where(Person.community_id == community.id,
                             or_(Person.name.contains(words, autoescape=True),
                                 Person.mobile.contains(words, autoescape=True)))
        .options(selectinload(Person.household)).order_by(Person.name, Person.id)
        .limit(PEOPLE_LIMIT)))


def person_in(community: Community, person_id: int) -> Person | None:
    """The community's resident with this id."""
    return db.session.scalar(select(Person).where(Person.id == person_id,
                                                  Person.community_id == community.id))


def is_erased(person: Person) -> bool:
    """Already erased (its number is the placeholder)."""
    return person.mobile.startswith("erased-")


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _rows(query) -> list:
    return list(db.session.scalars(query.limit(ROWS_LIMIT)))


def gather(person: Person) -> dict:
    """Everything held about the person, as plain data for a JSON file."""
    household = person.household
    signups = _rows(select(Signup).where(Signup.person_id == person.id)
                    .options(selectinload(Signup.shift)).order_by(Signup.id))
    return {
        "resident": {"id": person.id, "name": person.name, "mobile": person.mobile,
                     "community": person.community.name, "created_at": _iso(person.created_at)},
        "household": household and {
            "compound": household.compound.name, "address": household.address,
            "unit": household.unit, "floor": household.floor, "room": household.room,
            "size": household.size, "status": household.status,
            "tags": [{"tag": t.tag, "consent_by": t.consent_by, "consent_method": t.consent_method,
                      "consent_at": _iso(t.consent_at), "consent_note": t.consent_note,
                      "withdrawn_at": _iso(t.withdrawn_at)} for t in household.tags]},
        "volunteer_signups": [{"activity": s.shift.activity.title, "starts_at": _iso(s.shift.starts_at),
                               "status": s.status, "minutes": s.minutes, "role": s.role,
                               "signed_up_at": _iso(s.queued_at)} for s in signups],
        "volunteer_hours_by_year": volunteering.hours_by_year(person),
        "session_ratings": [{"activity": r.signup.shift.activity.title, "stars": r.stars,
                             "comment": r.comment, "at": _iso(r.created_at)}
                            for r in _rows(select(SessionRating).join(Signup)
                                           .where(Signup.person_id == person.id))],
        "teams": [{"team": m.team.name, "status": m.status, "requested_at": _iso(m.requested_at)}
                  for m in _rows(select(TeamMember).where(TeamMember.person_id == person.id))],
        "course_supports": [{"request": c.request.subject, "at": _iso(c.created_at)}
                            for c in _rows(select(CourseSupport)
                                           .where(CourseSupport.person_id == person.id))],
        "teacher": [{"name": t.name, "skill": t.skill, "bio": t.bio}
                    for t in _rows(select(Teacher).where(Teacher.person_id == person.id))],
        "household_visits": household and [
            {"round": v.campaign.name, "outcome": v.outcome, "need": v.need,
             "visited_at": _iso(v.visited_at),
             "answers": [{"question": a.question.label, "number": a.number, "text": a.text}
                         for a in v.answers]}
            for v in _rows(select(Visit).where(Visit.household_id == household.id)
                           .options(selectinload(Visit.answers)).order_by(Visit.id))],
        "issues_reported": [{"id": i.id, "what": i.what, "where": i.where, "status": i.status,
                             "created_at": _iso(i.created_at)} for i in _rows(_reported(person))],
        "me_too": [m.issue_id for m in _rows(_me_toos(person))],
        "messages": [{"kind": m.kind, "body": m.body, "created_at": _iso(m.created_at)}
                     for m in _rows(select(OutboxMessage)
                                    .where(OutboxMessage.person_id == person.id))],
    }


def _reported(person: Person):
    return select(Issue).where(Issue.community_id == person.community_id,
                               Issue.reporter_mobile == person.mobile).order_by(Issue.id)


def _me_toos(person: Person):
    return (select(MeToo).join(Issue, Issue.id == MeToo.issue_id)
            .where(Issue.community_id == person.community_id, MeToo.mobile == person.mobile))


@transactional
def record_export(user: User, person: Person) -> dict:
    """Gather the person's data for a download, recording that staff took it."""
    data = gather(person)
    record_event(user, "person.exported", person, person.community)
    return data


@transactional
def erase(user: User | None, person: Person) -> None:
    """Replace the person's personal data everywhere; keep what others rely on; logged."""
    scrub(person)
    record_event(user, "person.erased", person, person.community)


def scrub(person: Person) -> None:
    """The erasure itself, in the caller's transaction (purge.py runs it for many people)."""
    old_name, old_mobile, household_id = person.name, person.mobile, person.household_id
    # Shifts still ahead: the place goes to the next in line (no reminder to a number gone).
    for signup in db.session.scalars(select(Signup).where(Signup.person_id == person.id,
                                                          Signup.status.in_(ACTIVE_STATUSES))):
        if volunteering.cancellable(signup):
            volunteering.cancel(signup)
    for me_too in db.session.scalars(_me_toos(person)):
        me_too.mobile = f"erased-{me_too.id}"
    db.session.execute(update(Issue).where(
        Issue.community_id == person.community_id, Issue.reporter_mobile == old_mobile)
        .values(reporter_name="", reporter_mobile="", anonymous=True)
        .execution_options(synchronize_session=False))
    if household_id is not None:
        shares = select(CostShare.id).where(CostShare.household_id == household_id)
        db.session.execute(update(Payment).where(Payment.share_id.in_(shares),
                                                 Payment.payer_name == old_name)
                           .values(payer_name=ERASED_NAME)
                           .execution_options(synchronize_session=False))
    db.session.execute(update(SessionRating).where(SessionRating.signup_id.in_(
        select(Signup.id).where(Signup.person_id == person.id))).values(comment="")
        .execution_options(synchronize_session=False))
    db.session.execute(update(Teacher).where(Teacher.person_id == person.id)
                       .values(name=ERASED_NAME, bio="").execution_options(synchronize_session=False))
    db.session.execute(update(OutboxMessage).where(OutboxMessage.person_id == person.id)
                       .values(recipient="", body="")
                       .execution_options(synchronize_session=False))
    db.session.execute(update(OutboxMessage).where(
        OutboxMessage.person_id == person.id, OutboxMessage.sent_at.is_(None),
        OutboxMessage.skipped_at.is_(None)).values(skipped_at=clock.now())
        .execution_options(synchronize_session=False))
    from blueprints.homeservice.erasure import scrub_person  # a domain that builds on the register
    scrub_person(person, ERASED_NAME)
    link = db.session.get(VolunteerLink, person.id)
    if link is not None:  # old /me links stop working
        link.version, link.revoked_at = link.version + 1, clock.now()
    person.name, person.mobile, person.household_id = ERASED_NAME, f"erased-{person.id}", None
    db.session.flush()

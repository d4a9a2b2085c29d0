"""Anonymising old contact data (PIPL: keep personal data no longer than needed).

Each purger takes the current time and the app's settings, anonymises what is older than
its configured period, and returns how many records it changed; commands/purge.py runs
them all. Sign-up contacts: a person who only ever signed up for volunteer shifts (no
household, no team place, no teaching) and whose last sign-up is older than
PURGE_SIGNUP_CONTACT_DAYS is erased as staff would (residents.scrub): their hours stay.
Import previews (rows with names and numbers) that nobody confirmed are dropped.
"""
from datetime import datetime, timedelta

from sqlalchemy import exists, select

from blueprints.core.audit import record_event
from blueprints.register.importing import PREVIEW_PREFIX
from blueprints.core.transaction import transactional
from blueprints.register.residents import scrub
from extensions import db
from models import Community, Person
from models.classes import CourseSupport, Teacher
from models.volunteers import Signup, TeamMember
from storage import get_storage

PREVIEW_DAYS = 2  # an import preview never confirmed is dropped after this long


def _stale_volunteers(cutoff: datetime, limit: int):
    """People known only from sign-ups, none of them since `cutoff`."""
    return (select(Person).where(
        Person.household_id.is_(None), ~Person.mobile.startswith("erased-"),
        Person.created_at < cutoff,
        exists().where(Signup.person_id == Person.id),
        ~exists().where(Signup.person_id == Person.id, Signup.queued_at >= cutoff),
        ~exists().where(TeamMember.person_id == Person.id,
                        TeamMember.status.in_(("pending", "accepted"))),
        ~exists().where(Teacher.person_id == Person.id),
        ~exists().where(CourseSupport.person_id == Person.id, CourseSupport.created_at >= cutoff),
    ).order_by(Person.id).limit(limit))


@transactional
def signup_contacts(now: datetime, config) -> int:
    """Erase the names and numbers of volunteers whose last sign-up is past the period."""
    cutoff = now - timedelta(days=config["PURGE_SIGNUP_CONTACT_DAYS"])
    people = list(db.session.scalars(_stale_volunteers(cutoff, config["PURGE_BATCH"])))
    per_community: dict[int, int] = {}
    for person in people:
        scrub(person)
        per_community[person.community_id] = per_community.get(person.community_id, 0) + 1
    for community_id, count in per_community.items():
        record_event(None, "register.purged", None, db.session.get(Community, community_id),
                     people=count, kind="signup_contacts")
    return len(people)


def import_previews(now: datetime, config) -> int:
    """Drop the rows kept for import previews that were never confirmed (they hold numbers)."""
    return get_storage().purge(PREVIEW_PREFIX, now - timedelta(days=PREVIEW_DAYS),
                               config["PURGE_BATCH"])

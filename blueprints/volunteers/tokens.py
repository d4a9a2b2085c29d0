"""Signed tokens: the volunteer's /me link, the check-in QR and the remember cookie."""
from datetime import timedelta

from sqlalchemy import bindparam, func, select

from blueprints.core.signing import sign, unsign
from extensions import db
from models import Person, Signup, VolunteerLink
from models.base import utcnow

CHECKIN_CLOSES_AFTER = timedelta(hours=12)  # staff may still record a late check-in that day
ME_SALT = "volunteer-me"
CHECKIN_SALT = "volunteer-checkin"
REMEMBER_SALT = "volunteer-remember"
# A person with their link version, in one query (every remembered visitor's page reads it).
PERSON_AND_VERSION = (select(Person, func.coalesce(VolunteerLink.version, 1))
                      .outerjoin(VolunteerLink, VolunteerLink.person_id == Person.id)
                      .where(Person.id == bindparam("person_id")))


def link_version(person: Person) -> int:
    """The person's current link version (1 until staff revoke a link)."""
    link = db.session.get(VolunteerLink, person.id)
    return link.version if link else 1


def me_token(person: Person, salt: str = ME_SALT) -> str:
    """A stable signed token naming the person and their link version."""
    return sign([person.id, link_version(person)], salt)


def signed_person(token: str | None, salt: str) -> tuple[int, int] | None:
    """The person id and link version a token was signed with, or None when tampered with
    (its signature alone: whether the version is still current is the database's to say)."""
    try:
        person_id, version = unsign(token, salt) if token else (None, None)
    except (ValueError, TypeError):  # not a pair: a token of another shape
        return None
    if not isinstance(person_id, int) or not -2**63 <= person_id < 2**63:
        return None
    return person_id, version


def person_from_token(token: str, salt: str = ME_SALT) -> Person | None:
    """The person a token names, or None when tampered with or revoked."""
    signed = signed_person(token, salt)
    if signed is None:
        return None
    person_id, version = signed
    row = db.session.execute(PERSON_AND_VERSION, {"person_id": person_id}).first()
    if row is None or row[1] != version:
        return None
    return row[0]


def checkin_token(signup: Signup, version: int | None = None) -> str:
    """The token in the check-in QR code on a volunteer's page (revoked with their /me link).

    `version`: the person's link version when the caller already has it (a page of QR codes).
    """
    return sign([signup.id, version or link_version(signup.person)], CHECKIN_SALT)


def signup_from_checkin_token(token: str) -> Signup | None:
    """The sign-up a current check-in token names, or None (tampered, or the link revoked)."""
    data = unsign(token, CHECKIN_SALT)
    if not (isinstance(data, list) and len(data) == 2 and all(isinstance(x, int) for x in data)):
        return None
    signup = db.session.scalar(select(Signup).where(Signup.id == data[0]))
    if signup is None or link_version(signup.person) != data[1]:
        return None
    return signup


def checkin_expired(signup: Signup, now=None) -> bool:
    """A check-in QR code is good on the day of its shift only: from two hours before the
    start until CHECKIN_CLOSES_AFTER its end."""
    return (now or utcnow()) > signup.shift.ends_at + CHECKIN_CLOSES_AFTER


def remember_token(person: Person) -> str:
    """Cookie value that lets this browser sign up again without typing."""
    return me_token(person, REMEMBER_SALT)


def person_from_remember(token: str | None, community_id: int) -> Person | None:
    """The remembered volunteer of this community, or None."""
    if not token:
        return None
    person = person_from_token(token, REMEMBER_SALT)
    return person if person is not None and person.community_id == community_id else None

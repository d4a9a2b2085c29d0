"""Signed tokens: the volunteer's /me link, the check-in QR and the remember cookie."""
from sqlalchemy import select

from blueprints.core.signing import sign, unsign
from extensions import db
from models import Person, Signup, VolunteerLink

ME_SALT = "volunteer-me"
CHECKIN_SALT = "volunteer-checkin"
REMEMBER_SALT = "volunteer-remember"


def link_version(person: Person) -> int:
    """The person's current link version (1 until staff revoke a link)."""
    link = db.session.get(VolunteerLink, person.id)
    return link.version if link else 1


def me_token(person: Person, salt: str = ME_SALT) -> str:
    """A stable signed token naming the person and their link version."""
    return sign([person.id, link_version(person)], salt)


def person_from_token(token: str, salt: str = ME_SALT) -> Person | None:
    """The person a token names, or None when tampered with or revoked."""
    try:
        person_id, version = unsign(token, salt)
    except (ValueError, TypeError):  # not a pair: a token of another shape
        return None
    person = db.session.get(Person, person_id) if isinstance(person_id, int) else None
    if person is None or link_version(person) != version:
        return None
    return person


def checkin_token(signup: Signup) -> str:
    """The token in the check-in QR code on a volunteer's page."""
    return sign(signup.id, CHECKIN_SALT)


def signup_from_checkin_token(token: str) -> Signup | None:
    """The sign-up a check-in token names, or None."""
    signup_id = unsign(token, CHECKIN_SALT)
    if not isinstance(signup_id, int):
        return None
    return db.session.scalar(select(Signup).where(Signup.id == signup_id))


def remember_token(person: Person) -> str:
    """Cookie value that lets this browser sign up again without typing."""
    return me_token(person, REMEMBER_SALT)


def person_from_remember(token: str | None, community_id: int) -> Person | None:
    """The remembered volunteer of this community, or None."""
    if not token:
        return None
    person = person_from_token(token, REMEMBER_SALT)
    return person if person is not None and person.community_id == community_id else None

"""This browser's memory of a volunteer: a signed, HttpOnly cookie per community."""
from flask import current_app, g, request
from sqlalchemy import and_, bindparam, func, select

from blueprints.core.pagecache import Viewer
from blueprints.volunteers import tokens
from extensions import db
from models import Community, Person, VolunteerLink

MAX_AGE = 365 * 24 * 3600


def cookie_name(slug: str | None = None) -> str:
    """One cookie per community (this request's, unless named)."""
    return f"volunteer_{slug or g.community.slug}"


def _known() -> dict[int, Person | None]:
    return request.environ.setdefault("doorstep.remembered", {})  # this request's, never g's


def remembered() -> Person | None:
    """The volunteer this browser signed up as in this community, if any (once a request)."""
    known = _known()
    if g.community.id not in known:
        known[g.community.id] = tokens.person_from_remember(request.cookies.get(cookie_name()),
                                                            g.community.id)
    return known[g.community.id]


# The community by slug with the person a remember cookie names in it and their link version.
COMMUNITY_AND_PERSON = (
    select(Community, Person, func.coalesce(VolunteerLink.version, 1))
    .outerjoin(Person, and_(Person.id == bindparam("person_id"), Person.community_id == Community.id))
    .outerjoin(VolunteerLink, VolunteerLink.person_id == Person.id)
    .where(Community.slug == bindparam("slug")))


def community_with_volunteer(slug: str) -> Community | None:
    """The URL's community and, in the same query, the volunteer this browser remembers
    there (community/lookup.py): a remembered visitor's page from memory costs one query.
    None, for the usual look-up, when the browser remembers nobody or the slug is unknown."""
    signed = tokens.signed_person(request.cookies.get(cookie_name(slug)), tokens.REMEMBER_SALT)
    if signed is None:
        return None
    person_id, version = signed
    row = db.session.execute(COMMUNITY_AND_PERSON, {"slug": slug, "person_id": person_id}).first()
    if row is None:
        return None
    community, person, current = row
    _known()[community.id] = person if person is not None and current == version else None
    return community


# A page that shows the remembered volunteer's own sign-ups, kept per volunteer
# (core/pagecache.py); the cookie is checked, and a revoked link refused, every time.
REMEMBERED = Viewer(identity=lambda: remembered() and ("person", remembered().id),
                    cookies=lambda: {cookie_name()})


def remember(response, person: Person):
    """Let this browser sign up again without typing (no number in the cookie)."""
    response.set_cookie(cookie_name(person.community.slug), tokens.remember_token(person), max_age=MAX_AGE,
                        httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def forget(response):
    """"Not me": this browser forgets the volunteer."""
    response.delete_cookie(cookie_name(), httponly=True, samesite="Lax")
    return response

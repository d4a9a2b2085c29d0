"""This browser's memory of a volunteer: a signed, HttpOnly cookie per community."""
from flask import current_app, g, request

from blueprints.core.pagecache import Viewer
from blueprints.volunteers import tokens
from models import Person

MAX_AGE = 365 * 24 * 3600


def cookie_name(slug: str | None = None) -> str:
    """One cookie per community (this request's, unless named)."""
    return f"volunteer_{slug or g.community.slug}"


def remembered() -> Person | None:
    """The volunteer this browser signed up as in this community, if any (once a request)."""
    known = request.environ.setdefault("doorstep.remembered", {})  # this request's, never g's
    if g.community.id not in known:
        known[g.community.id] = tokens.person_from_remember(request.cookies.get(cookie_name()),
                                                            g.community.id)
    return known[g.community.id]


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

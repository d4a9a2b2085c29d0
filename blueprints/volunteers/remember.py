"""This browser's memory of a volunteer: a signed, HttpOnly cookie per community."""
from flask import current_app, g, request

from blueprints.volunteers import tokens
from models import Person

MAX_AGE = 365 * 24 * 3600


def cookie_name(slug: str | None = None) -> str:
    """One cookie per community (this request's, unless named)."""
    return f"volunteer_{slug or g.community.slug}"


def remembered() -> Person | None:
    """The volunteer this browser signed up as in this community, if any."""
    return tokens.person_from_remember(request.cookies.get(cookie_name()), g.community.id)


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

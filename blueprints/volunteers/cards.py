"""Shift cards: what each card of a page of shifts (or class sessions) shows, and its form."""
from flask import url_for

from blueprints.volunteers import activities as service
from blueprints.volunteers import listing, services, tokens
from blueprints.volunteers.forms import SignupForm


def signup_form(shift, person, teams=None, formdata=True) -> SignupForm:
    """The shift card's form; its fields are prefixed so several cards share a page."""
    form = SignupForm(prefix=f"s{shift.id}") if formdata else SignupForm(
        prefix=f"s{shift.id}", formdata=None)
    # Only the remembered person's own teams (read once for a page of cards).
    form.set_teams(service.member_teams(person) if teams is None else teams)
    # An expired memory falls back to typing the details.
    form.use_saved.data = "1" if person and (not formdata or form.use_saved.data) else ""
    return form


def shift_cards(shifts, person, signup=None) -> list[dict]:
    """What each shift card shows, in a few queries for the whole page (never one per card).

    `signup`: one just made or refused, shown on its card whoever is remembered.
    """
    signups = listing.signups_of(person, shifts)
    if signup is not None:
        signups[signup.shift_id] = signup
    positions = listing.waitlist_positions(signups.values())
    teams = service.member_teams(person)
    me_url = url_for("me.page", token=tokens.me_token(person)) if person else None
    return [{"shift": shift, "person": person, "signup": signups.get(shift.id), "error": None,
             "form": signup_form(shift, person, teams, formdata=False),
             "position": positions.get(signups[shift.id].id) if shift.id in signups else None,
             "refusal": services.refusal_reason(shift), "me_url": me_url} for shift in shifts]

"""make_<thing> helpers for volunteer tests."""
from datetime import timedelta

from extensions import db
from models import Activity, Shift, Signup, Team
from models.base import utcnow


def make_team(community, **overrides) -> Team:
    values = {"name": "敲门队", "kind": "door_knocking"}
    values.update(overrides)
    team = Team(community_id=community.id, **values)
    db.session.add(team)
    db.session.commit()
    return team


def make_activity(community, **overrides) -> Activity:
    values = {"title": "颐和新园红马甲清扫", "category": "action", "venue": "小区南门",
              "description": "清扫楼道、整理电动车"}
    values.update(overrides)
    activity = Activity(community_id=community.id, **values)
    db.session.add(activity)
    db.session.commit()
    return activity


def make_shift(activity, start_in=timedelta(days=2), hours=2, **overrides) -> Shift:
    start = utcnow().replace(microsecond=0) + start_in
    values = {"starts_at": start, "ends_at": start + timedelta(hours=hours), "capacity": 10,
              "role": "清扫"}
    values.update(overrides)
    shift = Shift(activity=activity, **values)
    db.session.add(shift)
    db.session.commit()
    return shift


def make_signup(shift, person, status="confirmed", **overrides) -> Signup:
    """A sign-up written directly (keeps `taken` in step for confirmed/attended ones)."""
    if status == "attended":
        overrides.setdefault("minutes", shift.minutes)
    signup = Signup(shift_id=shift.id, person_id=person.id, status=status, **overrides)
    if status in ("confirmed", "attended", "no_show"):
        shift.taken += 1
    db.session.add(signup)
    db.session.commit()
    return signup

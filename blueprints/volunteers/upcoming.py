"""What is coming up: activities with a shift still to come, soonest first, worked out in SQL.

An activity is upcoming when it is not cancelled and has a shift that is neither cancelled
nor over (or, with a day, one starting that day). Its next such shift is picked by a
correlated subquery inside the same SELECT, so a bounded list of activities and their
next shifts is one query whatever the size of the community (the home page, issue 10).
"""
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, case, func, inspect, select
from sqlalchemy.orm import aliased, joinedload

from blueprints.core import clock
from extensions import db
from models import Activity, Community, Shift
from models.volunteers import CLASS
from models.base import utcnow


def open_conditions(shift, now: datetime, day: date | None = None) -> list:
    """Conditions on a Shift (or an alias) for one still to come, or on `day`; not cancelled."""
    conditions = [shift.cancelled_at.is_(None)]
    if day is None:
        return conditions + [shift.ends_at > now]
    start = clock.at(day, time(0))
    return conditions + [shift.starts_at >= start, shift.starts_at < start + timedelta(days=1)]


def upcoming_query(community: Community, category: str | None = None, day: date | None = None,
                   now: datetime | None = None, first_teams=()) -> Select:
    """(Activity, its next open shift) rows: `first_teams`' activities first, then soonest.

    Courses (category "class") only when asked for by their category: the volunteer lists
    and the home page's activities are of the other kinds.
    """
    following = aliased(Shift)
    next_id = (select(following.id).where(following.activity_id == Activity.id,
                                           *open_conditions(following, now or utcnow(), day))
               .order_by(following.starts_at, following.id).limit(1)
               .correlate(Activity).scalar_subquery())
    query = (select(Activity, Shift).join(Shift, Shift.id == next_id)
             .where(Activity.community_id == community.id, Activity.cancelled_at.is_(None))
             .options(joinedload(Activity.compound)))
    query = query.where(Activity.category == category if category else Activity.category != CLASS)
    order = [Shift.starts_at, Activity.id]
    if first_teams:
        order.insert(0, case((Activity.team_id.in_(list(first_teams)), 0), else_=1))
    return query.order_by(*order)


def upcoming_with_next_shift(community: Community, limit: int,
                             now: datetime | None = None) -> list[tuple[Activity, Shift]]:
    """The `limit` soonest upcoming activities, each with its next shift: one query."""
    rows = db.session.execute(upcoming_query(community, now=now).limit(limit))
    return [(activity, shift) for activity, shift in rows]


def upcoming_activities(community: Community, category: str | None = None,
                        day: date | None = None, now: datetime | None = None,
                        limit: int | None = None) -> list[Activity]:
    """Activities with a shift still to come (or on `day`), soonest first; at most `limit`."""
    query = upcoming_query(community, category, day, now)
    if limit is not None:
        query = query.limit(limit)
    return [activity for activity, _shift in db.session.execute(query)]


def open_shifts(activity: Activity, now: datetime | None = None) -> list[Shift]:
    """The activity's shifts that are neither over nor cancelled, soonest first."""
    now = now or utcnow()
    return [s for s in activity.shifts if s.cancelled_at is None and s.ends_at > now]


def next_shift(activity: Activity, now: datetime | None = None) -> Shift | None:
    """The activity's next shift that is not over or cancelled.

    From its loaded shifts when they are loaded, else one query with LIMIT 1 (never every
    shift of an activity that runs daily).
    """
    if "shifts" not in inspect(activity).unloaded:
        return next(iter(open_shifts(activity, now)), None)
    return db.session.scalar(
        select(Shift)
        .where(Shift.activity_id == activity.id, *open_conditions(Shift, now or utcnow()))
        .order_by(Shift.starts_at, Shift.id).limit(1))


def shift_previews(activity_ids: list[int], conditions: list, order: list,
                   limit: int) -> dict[int, tuple[list[Shift], int]]:
    """{activity id: (its first `limit` shifts in `order`, how many match)} in one query."""
    if not activity_ids:
        return {}
    rank = func.row_number().over(partition_by=Shift.activity_id, order_by=order)
    total = func.count().over(partition_by=Shift.activity_id)
    ranked = (select(Shift.id, rank.label("rank"), total.label("total"))
              .where(Shift.activity_id.in_(activity_ids), *conditions).subquery())
    rows = db.session.execute(
        select(Shift, ranked.c.total).join(ranked, Shift.id == ranked.c.id)
        .where(ranked.c.rank <= limit).order_by(Shift.activity_id, ranked.c.rank))
    previews: dict[int, tuple[list[Shift], int]] = {}
    for shift, count in rows:
        previews.setdefault(shift.activity_id, ([], count))[0].append(shift)
    return previews


def current_first(since: datetime) -> list:
    """Order of shifts: those ending after `since` soonest first, then the past, latest first."""
    current = Shift.ends_at > since
    return [case((current, 0), else_=1), case((current, Shift.starts_at)), Shift.starts_at.desc(),
            Shift.id]

"""Time in one place: stored in UTC, shown and counted in Asia/Shanghai (CONVENTIONS 10).

Every "today", "this month" and wall-clock time a resident means comes from here,
so a server in another zone (or a test moving the clock) changes nothing.
"""
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Asia/Shanghai")


def now() -> datetime:
    """The current moment, timezone-aware, in UTC (what the database stores)."""
    return datetime.now(timezone.utc)


def local(moment: datetime) -> datetime:
    """A stored moment as Shanghai wall-clock time (a naive value is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(ZONE)


def today(moment: datetime | None = None) -> date:
    """The date in Shanghai now (or at `moment`)."""
    return local(moment or now()).date()


def at(day: date, wall_time: time) -> datetime:
    """The moment a Shanghai date and wall-clock time name, e.g. a shift typed by staff."""
    return datetime.combine(day, wall_time, ZONE)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first moment of the month in Shanghai and the first moment of the next."""
    start = datetime(year, month, 1, tzinfo=ZONE)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=ZONE)
    return start, end

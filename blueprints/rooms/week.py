"""Weeks as the calendar shows them: ISO weeks (YYYY-Www) in Shanghai time."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from blueprints.core import clock

FIRST_YEAR, LAST_YEAR = 2000, 2100  # a week outside these is no week anyone means


@dataclass(frozen=True)
class Week:
    """Monday to Sunday of one ISO week."""

    monday: date

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=n) for n in range(7)]

    @property
    def key(self) -> str:
        """The week as a URL names it, e.g. 2026-W49."""
        year, number, _day = self.monday.isocalendar()
        return f"{year}-W{number:02d}"

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        """The first moment of the week in Shanghai and the first moment of the next."""
        start = clock.at(self.monday, datetime.min.time())
        return start, clock.at(self.monday + timedelta(days=7), datetime.min.time())

    @property
    def previous(self) -> "Week | None":
        return week_of(self.monday - timedelta(days=7))

    @property
    def next(self) -> "Week | None":
        return week_of(self.monday + timedelta(days=7))


def week_of(day: date) -> "Week | None":
    """The week holding `day` (None when it lies outside the years the calendar shows)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return Week(day - timedelta(days=day.isoweekday() - 1))


def this_week() -> Week:
    """The week of today in Shanghai."""
    return week_of(clock.today())


def parse_week(text: str | None) -> Week | None:
    """A YYYY-Www week from a query string; None when absent, malformed or out of range."""
    try:
        year, number = (text or "").upper().split("-W")
        monday = date.fromisocalendar(int(year), int(number), 1)
    except ValueError:
        return None
    return week_of(monday)


def by_day(week: Week, bookings) -> list[tuple[date, list]]:
    """(day, its bookings) for each day of the week, by the Shanghai date a booking starts."""
    days: dict[date, list] = {day: [] for day in week.days}
    for booking in bookings:
        days.setdefault(clock.today(booking.starts_at), []).append(booking)
    return [(day, days[day]) for day in week.days]

"""Which days a bookable offer visits homes, read from its published schedule rule."""
from datetime import date, timedelta

from blueprints.offers.schedule import occurs_on

SEARCH_DAYS = 400  # a monthly rule gives a year of dates within this horizon


def visit_days(terms: dict | None, start: date, count: int = 3) -> list[date]:
    """The next `count` days from `start` (inclusive) on which the offer runs.

    occurs_on already applies validity and the 29th–31st fallback to a month's last day.
    """
    if not terms:
        return []
    found: list[date] = []
    day = start
    for _ in range(SEARCH_DAYS):
        if occurs_on(terms, day):
            found.append(day)
            if len(found) == count:
                break
        day += timedelta(days=1)
    return found


def is_visit_day(terms: dict | None, day: date) -> bool:
    """Whether the offer's schedule has this day."""
    return bool(terms) and occurs_on(terms, day)


def last_bookable(day: date, book_until_days: int) -> date:
    """The last day a visit on `day` can be booked."""
    return day - timedelta(days=book_until_days)

"""The month's class timetable poster (课程表), registered with printing/: every session of
the community's courses in one month, by day, with a QR code to /c/<slug>/classes."""
import re
from datetime import date, time
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload

from blueprints.core import clock
from extensions import db
from models import Activity, Community, Course, Shift
from models.volunteers import CLASS
from printing.links import public_url
from printing.qr import qr_data_uri
from printing.registry import Document, DocumentError, PrintJob, register_document

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
SESSIONS_SHOWN = 120  # a poster's worth; a month with more says how many are left out
WEEKDAYS = "一二三四五六日"


@lru_cache(maxsize=64)
def _qr(url: str) -> str:
    return qr_data_uri(url)


def parse_month(text) -> tuple[int, int]:
    """(year, month) of `--month 2026-12`; this month when not given."""
    if not text:
        today = clock.today()
        return today.year, today.month
    found = MONTH.match(str(text).strip())
    if not found or not 1 <= int(found[2]) <= 12 or not 2000 <= int(found[1]) <= 2100:
        raise DocumentError(f"--month must look like 2026-12, not {text!r}")
    return int(found[1]), int(found[2])


def _bounds(year: int, month: int):
    following = date(year + month // 12, month % 12 + 1, 1)
    return clock.at(date(year, month, 1), time(0)), clock.at(following, time(0))


def _sessions(community: Community, year: int, month: int):
    """(session, course) rows of the month, soonest first (bounded), and how many in all."""
    start, end = _bounds(year, month)
    where = (Activity.community_id == community.id, Activity.category == CLASS,
             Activity.cancelled_at.is_(None), Shift.cancelled_at.is_(None),
             Shift.starts_at >= start, Shift.starts_at < end)
    total = db.session.scalar(select(func.count(Shift.id)).join(Activity).where(*where))
    rows = db.session.execute(
        select(Shift, Course).join(Shift.activity).join(Course, Course.activity_id == Activity.id)
        .where(*where).options(contains_eager(Shift.activity), joinedload(Course.teacher))
        .order_by(Shift.starts_at, Shift.id).limit(SESSIONS_SHOWN)).all()
    return rows, total


def build(community: Community, options: dict) -> PrintJob:
    """The timetable of `--month YYYY-MM` (default: this month), `--size A4` or `A3`."""
    size = str(options.get("size") or "A4").upper()
    if size not in ("A4", "A3"):
        raise DocumentError(f"size must be A4 or A3, not {size}")
    year, month = parse_month(options.get("month"))
    rows, total = _sessions(community, year, month)
    days: dict[date, list] = {}
    for shift, course in rows:
        days.setdefault(clock.local(shift.starts_at).date(), []).append((shift, course))
    url = public_url("classes.index", slug=community.slug)
    return PrintJob(
        template="classes/print/timetable.html",
        context={"year": year, "month": month, "days": list(days.items()), "total": total,
                 "left_out": total - len(rows), "url": url, "qr": _qr(url), "size": size,
                 "weekdays": WEEKDAYS},
        filename=f"timetable-{community.slug}-{year}-{month:02d}-{size.lower()}.pdf",
    )


def fingerprint(community: Community, options: dict) -> str:
    """The community's data version: any change to a course or session changes it."""
    return f"{community.data_version}|{options.get('month')}|{options.get('size')}"


register_document(Document(
    name="class-timetable", title=_l("能人课堂课程表"), build=build,
    options={"month": "month, e.g. 2026-12 (default: this month)", "size": "A4 (default) or A3"},
    fingerprint=fingerprint,
))

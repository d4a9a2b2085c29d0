"""Printed documents of volunteering, registered with printing/.

The hours certificate and a shift's sign-in sheet.
"""
from flask_babel import lazy_gettext as _l

from blueprints.core import clock
from blueprints.core.fields import db_int
from blueprints.volunteers import activities, listing, services
from extensions import db
from models import Community, Person
from models.volunteers import CLASS
from printing.registry import Document, DocumentError, PrintJob, register_document


# 志愿服务时长证明: one person's attended shifts of a year, certified by the community.
def _int_option(options: dict, name: str) -> int:
    try:
        return db_int(options[name])
    except (KeyError, TypeError, ValueError):
        raise DocumentError(f"--{name} <number> is required")


def build_certificate(community: Community, options: dict) -> PrintJob:
    """The certificate of `--person <id>` for `--year <yyyy>` (default: this year)."""
    person = db.session.get(Person, _int_option(options, "person"))
    if person is None or person.community_id != community.id:
        raise DocumentError(f"no person {options.get('person')} in {community.slug}")
    year = _int_option(options, "year") if options.get("year") else clock.today().year
    records = services.attended_records(person, year)
    minutes = sum(r.minutes for r in records)
    return PrintJob(
        template="volunteers/print/certificate.html",
        context={"person": person, "year": year, "records": records, "hours": minutes / 60,
                 "today": clock.today()},
        filename=f"certificate-{person.id}-{year}.pdf",
    )


def certificate_choices(community: Community) -> dict[str, list[tuple[str, str]]]:
    """Volunteers with hours this year."""
    rows = services.community_hours(community, clock.today().year)
    return {"person": [(str(person.id), f"{person.name}（{hours:.1f} 小时）") for person, hours, _n in rows]}


def signin_choices(community: Community) -> dict[str, list[tuple[str, str]]]:
    """Activities and courses still to come, soonest first (a course's sessions have theirs)."""
    upcoming = (activities.upcoming_activities(community)
                + activities.upcoming_activities(community, category=CLASS))
    return {"activity": [(str(a.id), a.title) for a in upcoming]}


register_document(Document(
    name="certificate", title=_l("志愿服务时长证明"), build=build_certificate,
    options={"person": "person id", "year": "year, e.g. 2026"}, choices=certificate_choices,
))


# 活动签到表: names, masked numbers and a signature column per shift, for paper check-in.
BLANK_ROWS = 3  # for walk-ins


def build_signin_sheet(community: Community, options: dict) -> PrintJob:
    """One table per shift of `--activity <id>`: confirmed volunteers, then blank rows."""
    try:
        activity = activities.get_activity(community, int(options["activity"]))
    except (KeyError, TypeError, ValueError):
        raise DocumentError("--activity <id> is required")
    if activity is None:
        raise DocumentError(f"no activity {options['activity']} in {community.slug}")
    held = [shift for shift in activity.shifts if shift.cancelled_at is None]
    rosters = listing.rosters(held)  # every shift's names in one query
    shifts = [{"shift": shift, "rows": [s for s in rosters[shift.id] if s.holds_place],
               "blank": BLANK_ROWS} for shift in held]
    return PrintJob(template="volunteers/print/signin_sheet.html",
                    context={"activity": activity, "shifts": shifts},
                    filename=f"signin-sheet-{activity.id}.pdf")


register_document(Document(
    name="signin-sheet", title=_l("活动签到表"), build=build_signin_sheet,
    options={"activity": "activity id"}, choices=signin_choices,
))

"""活动签到表: names, masked numbers and a signature column per shift, for paper check-in."""
from flask_babel import lazy_gettext as _l

from blueprints.volunteers import activities
from models import Community
from printing.registry import Document, DocumentError, PrintJob, register_document

BLANK_ROWS = 3  # for walk-ins


def build(community: Community, options: dict) -> PrintJob:
    """One table per shift of `--activity <id>`: confirmed volunteers, then blank rows."""
    try:
        activity = activities.get_activity(community, int(options["activity"]))
    except (KeyError, TypeError, ValueError):
        raise DocumentError("--activity <id> is required")
    if activity is None:
        raise DocumentError(f"no activity {options['activity']} in {community.slug}")
    shifts = []
    for shift in activity.shifts:
        if shift.cancelled_at is None:
            rows = [s for s in activities.roster(shift) if s.status in ("confirmed", "attended")]
            shifts.append({"shift": shift, "rows": rows, "blank": BLANK_ROWS})
    return PrintJob(template="print/signin_sheet.html",
                    context={"activity": activity, "shifts": shifts},
                    filename=f"signin-sheet-{activity.id}.pdf")


register_document(Document(
    name="signin-sheet", title=_l("活动签到表"), build=build,
    options={"activity": "activity id"},
))

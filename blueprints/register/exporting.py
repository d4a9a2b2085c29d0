"""The register as a spreadsheet, in the import's layout (so it imports back unchanged).

Sensitive tags and their consents go into the file only when staff ask for them, and
every export is recorded in the change log, saying whether the tags were in it.
"""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.community.grids import walking_order
from blueprints.core.audit import record_event
from blueprints.core.privacy import mask_numbers
from blueprints.core.transaction import transactional
from blueprints.register.labels import METHOD_LABELS, STATUS_LABELS, TAG_LABELS
from blueprints.register.sheets import csv_bytes, xlsx_bytes
from extensions import db
from models import Community, Household, User

EXPORT_LIMIT = 20000  # households in one export; far above any community


def _row(household: Household, with_tags: bool, full_numbers: bool = True) -> list:
    """One household as the columns of sheets.COLUMNS (numbers masked unless full_numbers)."""
    show = (lambda n: n) if full_numbers else mask_numbers
    members = "；".join(f"{p.name} {show(p.mobile)}"
                       for p in sorted(household.members, key=lambda p: p.id))
    live = [t for t in sorted(household.tags, key=lambda t: t.id) if t.withdrawn_at is None]
    tags, consent = (live, live[0]) if with_tags and live else ([], None)
    return [household.compound.name, household.building.name if household.building else "",
            household.unit, household.floor if household.floor is not None else "",
            household.room, household.size, str(STATUS_LABELS[household.status]), members,
            "、".join(str(TAG_LABELS[t.tag]) for t in tags),
            consent.consent_by if consent else "",
            str(METHOD_LABELS.get(consent.consent_method, "")) if consent else "",
            consent.consent_note if consent else ""]


def household_rows(community: Community, with_tags: bool = False, full_numbers: bool = True,
                   batch: int | None = None):
    """The register's rows one by one; with `batch`, read that many households at a time
    (the streamed exports of blueprints/exports keep their memory bounded so)."""
    query = (select(Household).where(Household.community_id == community.id)
             .options(selectinload(Household.compound), selectinload(Household.building),
                      selectinload(Household.members), selectinload(Household.tags))
             .order_by(*walking_order()).limit(EXPORT_LIMIT))
    if batch:
        query = query.execution_options(yield_per=batch)
    for household in db.session.scalars(query):
        yield _row(household, with_tags, full_numbers)


@transactional
def export(user: User, community: Community, file_format: str, with_tags: bool) -> bytes:
    """The community's register as .xlsx or .csv bytes; the export is logged."""
    rows = list(household_rows(community, with_tags))
    record_event(user, "register.exported", None, community, households=len(rows),
                 with_tags=bool(with_tags), format=file_format)
    return csv_bytes(rows) if file_format == "csv" else xlsx_bytes(rows)

"""The GeoReport v2 shapes: services, service requests, errors and W3C dates.

Field names follow https://wiki.open311.org/GeoReport_v2 (tests/open311/test_georeport.py
checks them). Only what the public board shows leaves: no reporter, no number, no staff note.
"""
from datetime import datetime

from blueprints.core import clock
from blueprints.core.privacy import mask_numbers
from models import Issue
from models.issues import CATEGORIES, OPEN_STATUSES

SERVICE_FIELDS = ("service_code", "service_name", "description", "metadata", "type",
                  "keywords", "group")
REQUEST_FIELDS = ("service_request_id", "status", "status_notes", "service_name", "service_code",
                  "description", "agency_responsible", "service_notice", "requested_datetime",
                  "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
                  "lat", "long", "media_url")
REFUSALS = ("rejected", "duplicate")  # their reason is public, as on the board
AGENCY = "社区居委会"


class GeoReportError(Exception):
    """A request GeoReport answers with [{"code": …, "description": …}] and this status."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description

    def body(self) -> list[dict]:
        return [{"code": self.status, "description": self.description}]


def services() -> list[dict]:
    """The issue categories as GeoReport services."""
    return [{"service_code": code, "service_name": str(label),
             "description": f"{label}（目标 {hours} 小时内解决）", "metadata": False,
             "type": "realtime", "keywords": "", "group": "诉求"}
            for code, (label, hours) in CATEGORIES.items()]


def w3c(moment: datetime | None) -> str | None:
    """A stored moment as W3C date-time in Shanghai time, e.g. 2026-12-03T09:30:00+08:00."""
    return clock.local(moment).isoformat(timespec="seconds") if moment else None


def parse_w3c(raw: str, field: str) -> datetime:
    """A W3C date or date-time; without a zone it is Shanghai time; GeoReportError if bad."""
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise GeoReportError(400, f"{field} is not a W3C date-time, e.g. 2026-12-01T00:00:00+08:00")
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.ZONE)


def status_notes(issue: Issue) -> str:
    """The detailed status, with the public reason of a refusal (numbers masked)."""
    if issue.status in REFUSALS and issue.reason:
        return f"{issue.status_label}：{mask_numbers(issue.reason)}"
    return issue.status_label


def service_request(issue: Issue) -> dict:
    """One issue as a GeoReport service request, as the public may see it."""
    address = "，".join(p for p in (issue.compound.name, mask_numbers(issue.where)) if p)
    return {
        "service_request_id": str(issue.id),
        "status": "open" if issue.status in OPEN_STATUSES else "closed",
        "status_notes": status_notes(issue),
        "service_name": issue.category_label,
        "service_code": issue.category,
        "description": mask_numbers(issue.what),
        "agency_responsible": AGENCY,
        "service_notice": "",
        "requested_datetime": w3c(issue.created_at),
        "updated_datetime": w3c(issue.updated_at),
        "expected_datetime": None,
        "address": address,
        "address_id": str(issue.compound_id),
        "zipcode": None,
        "lat": None,  # the board knows compounds, not coordinates
        "long": None,
        "media_url": None,  # photos stay behind the board's own access rules
    }

"""Bad input of every kind gets a clear 4xx or a field error, never a 500.

Every rule of the URL map is called with out-of-range ids, NUL bytes, far dates, NaN money
and 100,000-character text in every path segment, query argument and form field, as every
role, on the demo data of both communities.
"""
import re

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from extensions import db
from models import User
from tests.core.test_demo import run_seed
from tests.factories import PASSWORD, login

HUGE = str(2**63)
BAD_SEGMENTS = [HUGE, "-1", "%00", "x" * 300]
BAD_VALUES = [HUGE, "99999999999999999999", "-5", "\x00", "a\x00b", "0001-01-01", "9999-12-31",
              "0000-01", "NaN", "sNaN", "Infinity", "1e400", "x" * 2000, ""]
# A query string is read by a few filters only: the values that break ids and dates.
QUERY_VALUES = [HUGE, "\x00", "0001-01-01", "9999-12-31", "0000-01", "NaN", "x" * 2000]
LONG_TEXT = "x" * 100_000  # posted into the free-text fields in a turn of its own
TEXT_FIELDS = ["what", "where", "note", "title", "benefit", "description", "name", "address",
               "comment", "reason", "decision", "attendees", "display_name", "contractor",
               "subject", "details"]
# Every query argument and form field name the app reads, so each gets every bad value.
FIELDS = ["compound", "building", "grid", "category", "channel", "status", "overdue", "day", "month",
          "year", "size", "who", "today", "group", "person", "activity", "issue", "t", "next",
          "value", "identifier", "password", "confirm", "remember", "name", "mobile", "team",
          "use_saved", "what", "where", "reporter_name", "reporter_mobile", "anonymous", "note",
          "to_status", "assignee", "merged_into", "public", "public_note", "fixed", "opened_on",
          "slips_found", "slip_count", "held_on", "attendees", "decision", "contractor", "amount",
          "quote", "reason", "mode", "buildings", "share", "paid_on", "payer_name", "collected_by",
          "payment", "title", "benefit", "eligibility", "min_age", "custom_rule", "schedule",
          "weekdays", "month_day", "start_date", "end_date", "opens_at", "closes_at", "place",
          "place_note", "claim", "claim_phone", "claim_note", "monthly_limit", "places",
          "valid_from", "valid_to", "version", "comment", "kind", "address", "contact_name",
          "phone", "contact_phone", "start", "end", "capacity", "role", "description", "venue",
          "campaign", "shift", "team_id", "accept", "display_name", "username", "partner_id",
          "domain", "revision", "active", "subject", "details", "into", "people", "closed_days",
          "week", "room",
          # the register
          "q", "tag", "compound_id", "building_id", "unit", "floor", "consent_by",
          "consent_method", "consent_note", "has_property_manager", "compounds", "workers",
          "format", "with_tags", "token"]
ROLES = [None, "admin", "staff", "grid_worker", "partner"]


def _clients(app):
    """An anonymous client and one logged in per role (demo accounts, password reset cheaply)."""
    clients = {None: app.test_client()}
    for role in ROLES[1:]:
        user = db.session.scalar(select(User).where(User.role == role).order_by(User.id))
        user.password_hash = generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")
        db.session.commit()
        clients[role] = app.test_client()
        login(clients[role], user)
    return clients


def _path(rule, values: dict) -> str:
    path = rule.rule
    for key, value in values.items():
        path = re.sub(rf"<(?:[a-z]+:)?{key}>", value, path)
    return path


def _requests(rule, slug: str, method: str):
    """(path, data) pairs: each path argument bad in turn, then every field bad at once,
    rotating so that every field gets every bad value."""
    plausible = {name: ("1" if name.endswith("_id") else "x") for name in rule.arguments}
    if "slug" in rule.arguments:
        plausible["slug"] = slug
    for name in rule.arguments:
        for bad in BAD_SEGMENTS:
            yield _path(rule, dict(plausible, **{name: bad})), {}
    values = BAD_VALUES if method == "POST" else QUERY_VALUES
    for turn in range(len(values)):
        data = {field: values[(n + turn) % len(values)] for n, field in enumerate(FIELDS)}
        yield _path(rule, plausible), data
    if method == "POST":
        yield _path(rule, plausible), dict.fromkeys(TEXT_FIELDS, LONG_TEXT)


def _refused(response) -> bool:
    """The role may not reach this page at all: its input is never read."""
    return response.status_code in (401, 403) or (
        response.status_code == 302 and "/login" in response.headers.get("Location", ""))


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_500_to_bad_input(app, role):
    run_seed(app)
    app.config.update(WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False,
                      PUBLIC_FORM_RATE_LIMIT="100000 per minute", LOGIN_RATE_LIMIT="100000 per minute")
    client = _clients(app)[role]
    failures = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            for path, data in _requests(rule, "liujin", method):
                if method == "GET":
                    response = client.get(path, query_string=data)
                else:
                    response = client.post(path, data=data)
                if response.status_code >= 500:
                    failures.append(f"{method} {path[:80]} {sorted(set(data.values()))[:3]}")
                    break
                if _refused(response):
                    break  # the same answer for every input: try the next rule
    assert not failures, "\n".join(failures)

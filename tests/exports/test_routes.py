"""The exports page and downloads: Chinese headers, masked numbers, full numbers logged,
CSV with a BOM, refusals for everyone but the community's staff."""
import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from blueprints.exports.tables import TABLES
from extensions import db
from models import AuditEvent
from tests.exports.conftest import NUMBERS
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_partner, make_partner_user

FULL_NUMBER = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def _cells(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _download(client, what, file_format="xlsx", full=False):
    data = {"format": file_format, **({"full_numbers": "y"} if full else {})}
    response = client.post(f"/staff/xy/exports/{what}", data=data)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response


def test_page_lists_every_export(client, world):
    login(client, world[1])
    html = client.get("/staff/xy/exports").get_data(as_text=True)
    for table in TABLES.values():
        assert str(table.title) in html
    assert 'id="exports-status" role="status"' in html and re.search(r'js/exports[^"]*\.js', html)


@pytest.mark.parametrize("what", sorted(TABLES))
def test_xlsx_has_the_chinese_header_and_no_full_number(client, world, what):
    login(client, world[1])
    response = _download(client, what)
    assert response.is_streamed
    assert f"{what}-xy-" in response.headers["Content-Disposition"]
    rows = _cells(response.get_data())
    assert rows[0] == list(TABLES[what].header)
    assert len(rows) >= 2, "the fixture gives every export a row"
    text = "\n".join(str(c) for row in rows for c in row if c is not None)
    assert not FULL_NUMBER.search(text), FULL_NUMBER.search(text)


def test_masked_numbers_show_as_masked(client, world):
    login(client, world[1])
    rows = _cells(_download(client, "issues").get_data())
    issue = dict(zip(rows[0], rows[1]))
    assert issue["报告人电话"] == "139****5678" and issue["内容"] == "井盖松动 请回电137****2222"
    assert "物业电话136****3333" in issue["办理经过"] and issue["来源"] == "扫码反映"
    households = _cells(_download(client, "households").get_data())
    assert "王阿姨 139****5678" in households[1]


def test_full_numbers_are_given_and_logged(client, world):
    login(client, world[1])
    text = _download(client, "issues", full=True).get_data()
    rows = _cells(text)
    assert NUMBERS[2] in rows[1][6] and rows[1][10] == "13912345678"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export.downloaded")).all()
    assert [(e.detail["full_numbers"], e.detail["format"], e.actor_id) for e in events] == [
        (True, "xlsx", world[1].id)]


def test_csv_has_a_bom_and_the_header(client, world):
    login(client, world[1])
    data = _download(client, "costs", "csv").get_data()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(TABLES["costs"].header)
    assert rows[1][3] == "41.67" and rows[1][6] == "41.67" and "139****5678" in rows[1][8]
    assert not FULL_NUMBER.search(data.decode("utf-8-sig"))


def test_unknown_export_and_bad_format(client, world):
    login(client, world[1])
    assert client.post("/staff/xy/exports/everything", data={"format": "xlsx"}).status_code == 404
    response = client.post("/staff/xy/exports/issues", data={"format": "pdf"})
    assert response.status_code == 422 and "请选择 Excel 或 CSV" in response.get_data(as_text=True)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export.downloaded")) is None


def test_denials(app, client, world):
    community = world[0]
    assert client.get("/staff/xy/exports").status_code in (302, 303)
    assert client.post("/staff/xy/exports/issues", data={"format": "csv"}).status_code in (302, 303)
    other = make_community(slug="other")
    for user in (make_user("grid_worker", communities=[community]),
                 make_partner_user(make_partner(community)),
                 make_user("staff", communities=[other])):
        browser = app.test_client()
        login(browser, user)
        assert browser.get("/staff/xy/exports").status_code == 403
        refused = browser.post("/staff/xy/exports/households", data={"format": "csv"})
        assert refused.status_code == 403 and NUMBERS[0].encode() not in refused.get_data()
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export.downloaded")) is None


def test_a_streamed_export_leaves_sqlite_free_for_writers(client, world):
    """The rows are read in a deferred transaction: sign-ups go on while a download lasts."""
    import sqlite3

    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL readers never block writers")
    login(client, world[1])
    response = client.post("/staff/xy/exports/issues", data={"format": "csv"}, buffered=False)
    chunks = iter(response.response)
    assert next(chunks) == b"\xef\xbb\xbf"
    next(chunks)  # the rows have been read; their transaction is still open
    other = sqlite3.connect(db.engine.url.database, timeout=0.2, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # would fail with "database is locked" under a writer
        other.execute("ROLLBACK")
    finally:
        other.close()
    rest = b"".join(chunks)
    response.close()
    assert rest == b""

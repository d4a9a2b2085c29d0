"""`flask export`: the same files from the command line, logged, numbers masked by default."""
import csv

from openpyxl import load_workbook
from sqlalchemy import select

from blueprints.exports.tables import TABLES
from extensions import db
from models import AuditEvent
from tests.exports.conftest import NUMBERS


def test_export_writes_an_xlsx_with_masked_numbers(app, world, tmp_path):
    out = tmp_path / "issues.xlsx"
    result = app.test_cli_runner().invoke(args=["export", "issues", "--community", "xy",
                                                "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == list(TABLES["issues"].header)
    assert not any(n in str(cell) for row in rows for cell in row for n in NUMBERS)
    logged = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export.downloaded"))
    assert logged.actor_id is None and logged.detail["full_numbers"] is False


def test_export_with_full_numbers_to_csv(app, world, tmp_path):
    out = tmp_path / "households.csv"
    result = app.test_cli_runner().invoke(args=["export", "households", "--community", "xy",
                                                "--out", str(out), "--full-numbers"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert list(csv.reader(text.splitlines()))[0] == list(TABLES["households"].header)
    assert NUMBERS[0] in text and "with full numbers" in result.output


def test_bad_arguments_say_what_is_wrong(app, world, tmp_path):
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["export", "everything", "--community", "xy", "--out", "x.csv"])
    assert unknown.exit_code == 2 and "everything" in unknown.output
    nowhere = runner.invoke(args=["export", "issues", "--community", "nowhere", "--out", "x.csv"])
    assert nowhere.exit_code == 2 and "no community with slug 'nowhere'" in nowhere.output
    pdf = runner.invoke(args=["export", "issues", "--community", "xy",
                              "--out", str(tmp_path / "x.pdf")])
    assert pdf.exit_code == 2 and ".xlsx or .csv" in pdf.output
    assert not (tmp_path / "x.pdf").exists()

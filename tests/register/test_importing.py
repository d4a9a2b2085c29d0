"""Importing households: bad files, the preview's verdicts, confirming, idempotence, export."""
import io

import pytest
from sqlalchemy import func, select

from blueprints.register import exporting, importing
from blueprints.register.sheets import COLUMNS, MAX_ROWS, SheetError, csv_bytes, read_rows, xlsx_bytes
from extensions import db
from models import AuditEvent, Household, HouseholdTag, Person


def row(compound="明珠公寓", building="1号楼", unit="1", floor="2", room="201", size="2",
        status="在住", members="张三 13911112222", tags="", consent_by="", method="", note=""):
    return [compound, building, unit, floor, room, size, status, members, tags, consent_by,
            method, note]


def judge(world, rows, fmt="xlsx"):
    data = xlsx_bytes(rows) if fmt == "xlsx" else csv_bytes(rows)
    return importing.preview(world["community"], read_rows(data, f"households.{fmt}"))


def test_preview_says_new_changed_unchanged_and_refused_with_reasons(world):
    judged = judge(world, [
        row(),                                                        # new
        row(unit="1", floor="3", room="301", size="5",                # the seeded door, changed
            members="王秀英 13912345678"),
        row(compound="不存在小区"),
        row(building="9号楼", room="901"),
        row(room="201"),                                              # same door as line 2
        row(room="202", members="李四 1391111"),
        row(room="203", members="", tags="独居"),
        row(room="204", members="", floor="二楼"),
        row(room="205", members="王秀英 13812345678"),               # another household's number
    ])
    kinds = [(r.line, r.kind) for r in judged]
    assert kinds == [(2, "new"), (3, "changed"), (4, "refused"), (5, "refused"), (6, "refused"),
                     (7, "refused"), (8, "refused"), (9, "refused"), (10, "refused")]
    reasons = [r.reason for r in judged if r.kind == "refused"]
    assert "未知小区" in reasons[0] and "未知楼栋" in reasons[1] and "第 2 行" in reasons[2]
    assert "手机号格式不对" in reasons[3] and "同意" in reasons[4] and "楼层" in reasons[5]
    assert "另一户" in reasons[6]


def test_confirm_writes_all_or_nothing_and_reimporting_changes_nothing(world):
    staff, community = world["staff"], world["community"]
    rows = [row(), row(room="202", members="李四 13922223333；李五 13922224444", tags="80岁以上、独居",
                       consent_by="户主本人", method="纸质同意书", note="签字表存档")]
    data = read_rows(xlsx_bytes(rows), "a.xlsx")
    found = importing.confirm(staff, community, data)
    assert (found["new"], found["changed"], found["unchanged"]) == (2, 0, 0)
    household = db.session.scalar(select(Household).where(Household.room == "202"))
    assert household.tag_names == {"over_80", "living_alone"}
    assert {t.consent_method for t in household.tags} == {"paper"}
    assert sorted(p.name for p in household.members) == ["李五", "李四"]
    assert importing.counts(importing.preview(community, data)) == {
        "new": 0, "changed": 0, "unchanged": 2, "refused": 0}
    before = db.session.scalar(select(func.count(Person.id)))
    assert importing.confirm(staff, community, data)["unchanged"] == 2
    assert db.session.scalar(select(func.count(Person.id))) == before


def test_a_refused_row_means_nothing_is_written(world):
    data = read_rows(xlsx_bytes([row(), row(compound="不存在小区")]), "a.xlsx")
    with pytest.raises(importing.ImportRefused):
        importing.confirm(world["staff"], world["community"], data)
    assert db.session.scalar(select(func.count(Household.id))) == 2
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 0


def test_exported_register_imports_back_unchanged(world):
    staff, community = world["staff"], world["community"]
    from blueprints.register import services
    services.add_tag(staff, world["home"], "over_80", "户主本人", "phone")
    for fmt in ("xlsx", "csv"):
        data = exporting.export(staff, community, fmt, with_tags=True)
        judged = importing.preview(community, read_rows(data, f"export.{fmt}"))
        assert {r.kind for r in judged} == {"unchanged"}, [(r.line, r.reason) for r in judged]
    assert data.startswith(b"\xef\xbb\xbf")  # CSV with a BOM for Excel
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "register.exported")).all()
    assert len(event) == 2 and event[0].detail["with_tags"] is True


def test_export_without_tags_leaves_them_out(world):
    from blueprints.register import services
    services.add_tag(world["staff"], world["home"], "disabled", "户主本人", "phone")
    text = exporting.export(world["staff"], world["community"], "csv", False).decode("utf-8-sig")
    assert "残疾" not in text and "户主本人" not in text and "王秀英 13912345678" in text


@pytest.mark.parametrize("data, name, words", [
    (b"", "a.xlsx", "不是有效的 Excel"),
    (b"PK\x03\x04 broken zip", "a.xlsx", "不是有效的 Excel"),
    ("小区,房号\n明珠公寓,101\n".encode(), "a.csv", "列名不对"),
    (",".join(COLUMNS).encode("utf-8-sig"), "a.csv", "没有住户"),
    (b"", "a.csv", "空的"),
    (b"hello", "a.txt", ".xlsx 或 .csv"),
])
def test_bad_files_are_refused_with_a_clear_reason(data, name, words):
    with pytest.raises(SheetError) as refused:
        read_rows(data, name)
    assert words in str(refused.value.message)


@pytest.mark.parametrize("count", [MAX_ROWS + 1, 10_000])
def test_too_many_rows_are_refused(app, count):
    rows = [row(room=str(n)) for n in range(count)]
    with pytest.raises(SheetError) as refused:
        read_rows(csv_bytes(rows), "big.csv")
    assert str(MAX_ROWS) in str(refused.value.message)


def test_a_name_excel_would_run_as_a_formula_is_written_as_text_and_read_back(world):
    from openpyxl import load_workbook

    from blueprints.register import services
    from tests.factories import make_household
    flat = make_household(world["yihe"], building=world["yihe_two"], unit="1", room="101")
    services.add_member(world["staff"], flat, "=HYPERLINK(1)", "13700001234")
    data = exporting.export(world["staff"], world["community"], "xlsx", False)
    cells = [c for r in load_workbook(io.BytesIO(data)).active.values for c in r]
    assert "'=HYPERLINK(1) 13700001234" in cells
    judged = importing.preview(world["community"], read_rows(data, "e.xlsx"))
    assert {r.kind for r in judged} == {"unchanged"}


def test_gb18030_csv_from_excel_is_read(world):
    text = ",".join(COLUMNS) + "\n" + ",".join(row()) + "\n"
    judged = importing.preview(world["community"], read_rows(text.encode("gb18030"), "a.csv"))
    assert [r.kind for r in judged] == ["new"]


def test_withdrawn_tag_in_file_is_consented_again(world):
    from blueprints.register import services
    tag = services.add_tag(world["staff"], world["home"], "over_80", "户主本人", "phone")
    services.withdraw_tag(world["staff"], world["home"], tag.id)
    data = read_rows(xlsx_bytes([row(floor="3", room="301", size="2", members="王秀英 13912345678",
                                     tags="80岁以上", consent_by="女儿", method="当面")]), "a.xlsx")
    assert importing.counts(importing.preview(world["community"], data))["changed"] == 1
    importing.confirm(world["staff"], world["community"], data)
    assert db.session.scalar(select(func.count(HouseholdTag.id))) == 1
    assert world["home"].tag_names == {"over_80"}

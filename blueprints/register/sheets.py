"""Reading and writing the register's spreadsheets (.xlsx through openpyxl, .csv with a BOM).

One layout serves the template, the import and the export, so an exported register
imports back unchanged. Reading only turns a file into rows of text; what the rows
mean is importing.py's business.
"""
import csv
import io

from flask_babel import lazy_gettext as _l
from openpyxl import Workbook, load_workbook

COLUMNS = ("小区", "楼栋", "单元", "楼层", "房号", "人数", "居住状态", "成员", "标签", "同意人",
           "同意方式", "同意说明")
MAX_ROWS = 5000  # households in one file; a community has a few thousand at most
READ_CAP = 2 * MAX_ROWS + 1  # rows read at most, blank ones included: past it, a file is too long
# A cell starting with one of these is a formula to Excel: names typed by the public are
# written with a leading ' (Excel shows the text) and read back without it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HELP = [
    ("小区", "必填，与台账中的小区名称一致"), ("楼栋", "如 3号楼；小区不分楼栋时留空"),
    ("单元", "如 2"), ("楼层", "整数，-5 到 99，可留空"), ("房号", "必填，如 401"),
    ("人数", "整数，可留空"), ("居住状态", "在住 / 空置 / 已搬离，留空为在住"),
    ("成员", "姓名 手机号，多人用；分开，如：张三 13912345678；李四 13812345678"),
    ("标签", "80岁以上 / 残疾 / 独居 / 低收入，多个用、分开；必须同时填写同意人和同意方式"),
    ("同意人", "谁同意登记标签，如 户主本人"), ("同意方式", "纸质同意书 / 当面同意 / 电话同意"),
    ("同意说明", "可留空"),
]


class SheetError(Exception):
    """A file that cannot be imported at all; `message` says why, for staff."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _text(value) -> str:
    """A cell as text: 101.0 from Excel is "101"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_START else text


def _cell(value):
    """A value to write: text that Excel would run as a formula is kept as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def read_rows(data: bytes, file_name: str) -> list[dict]:
    """The file's rows as {column: text, "line": n}; a SheetError when it cannot be used."""
    name = (file_name or "").lower()
    if name.endswith(".xlsx"):
        table = _xlsx(data)
    elif name.endswith(".csv"):
        table = _csv(data)
    else:
        raise SheetError(_l("只能导入 .xlsx 或 .csv 文件"))
    return _rows(table)


def _xlsx(data: bytes):
    """The first sheet's rows; anything openpyxl cannot open is not an Excel file."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        return [[_text(v) for v in row]
                for row in sheet.iter_rows(max_row=READ_CAP, values_only=True)]
    except Exception as error:  # zip, XML or openpyxl errors: all mean "not a usable .xlsx"
        raise SheetError(_l("无法读取这个文件：它不是有效的 Excel (.xlsx) 文件")) from error


def _csv(data: bytes):
    """CSV rows in UTF-8 (with or without BOM) or GB18030, as Excel in China saves it."""
    if b"\x00" in data:
        raise SheetError(_l("无法读取这个文件：它不是文本格式的 CSV"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError(_l("无法识别这个 CSV 文件的编码，请另存为 UTF-8"))
    reader = csv.reader(io.StringIO(text))
    return [[_text(v) for v in row] for _, row in zip(range(READ_CAP), reader)]


def _rows(table: list[list[str]]) -> list[dict]:
    """Rows keyed by the header's column names, after checking the header."""
    if not table or not any(table[0]):
        raise SheetError(_l("表格是空的：第一行应是列名，从第二行起每行一户"))
    header = [h.strip() for h in table[0]]
    while header and not header[-1]:
        header.pop()
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h and h not in COLUMNS]
    if missing or unknown:
        raise SheetError(_l("列名不对：缺少 %(missing)s；多出 %(unknown)s。请使用下载的模板。",
                            missing="、".join(missing) or "—", unknown="、".join(unknown) or "—"))
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        rows.append({"line": line, **{h: (cells[i] if i < len(cells) else "")
                                      for i, h in enumerate(header) if h}})
    if not rows:
        raise SheetError(_l("表格里没有住户：从第二行起每行填写一户"))
    if len(rows) > MAX_ROWS or len(table) >= READ_CAP:
        raise SheetError(_l("一次最多导入 %(n)s 户，请把文件分成几份", n=MAX_ROWS))
    return rows


def xlsx_bytes(rows: list[list], title: str = "住户", help_sheet: bool = False) -> bytes:
    """A workbook whose first sheet has the columns and these rows (and an instructions sheet)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([_cell(v) for v in row])
    if help_sheet:
        notes = book.create_sheet("填写说明")
        notes.append(["列", "怎么填"])
        for row in HELP:
            notes.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list]) -> bytes:
    """The columns and rows as CSV with a UTF-8 BOM, so Excel opens the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")

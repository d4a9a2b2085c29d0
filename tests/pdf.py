"""Reading PDFs in tests: text, fonts and pages (CONVENTIONS §17)."""
from io import BytesIO

from pypdf import PdfReader

CJK_MARKERS = ("CJK", "SourceHan", "PingFang", "Hiragino", "YaHei", "SimHei", "SimSun")


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def pdf_text(data: bytes) -> str:
    """All the text of the PDF, page after page."""
    return "\n".join(page.extract_text() or "" for page in pdf_reader(data).pages)


def pdf_fonts(data: bytes) -> set[str]:
    """The base names of every font used on any page (subset prefixes removed)."""
    fonts = set()
    for page in pdf_reader(data).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            name = str(font.get_object().get("/BaseFont", ""))
            fonts.add(name.split("+", 1)[-1].lstrip("/"))
    return fonts


def assert_cjk_only(data: bytes) -> None:
    """Every embedded font is a CJK font: text extraction alone passes with empty boxes."""
    fonts = pdf_fonts(data)
    assert fonts, "the PDF embeds no font"
    strangers = {f for f in fonts if not any(m in f for m in CJK_MARKERS)}
    assert not strangers, f"non-CJK fonts embedded: {strangers}"


def page_count(data: bytes) -> int:
    return len(pdf_reader(data).pages)

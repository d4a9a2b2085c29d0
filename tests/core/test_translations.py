"""Every UI string has an English translation, and the catalogue is current."""
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["blueprints", "models", "printing", "templates", "commands"]
METHOD_MAP = [("**.py", "python"), ("**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def source_messages() -> set[str]:
    found = set()
    for folder in SOURCES:
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, METHOD_MAP, keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def english_catalog():
    with open(ROOT / "translations/en/LC_MESSAGES/messages.po", "rb") as handle:
        return read_po(handle)


def test_every_ui_string_is_in_the_english_catalogue():
    catalog = english_catalog()
    missing = sorted(m for m in source_messages() if m not in catalog)
    assert not missing, f"run `make i18n` and translate: {missing[:10]}"


def test_every_english_entry_is_translated():
    def empty(message) -> bool:  # plural messages hold one string per form
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return not all(strings)

    untranslated = [m.id for m in english_catalog() if m.id and (empty(m) or m.fuzzy)]
    assert not untranslated, f"untranslated: {untranslated[:10]}"

"""Words that differ between the languages beyond their translation: lists and ordinals.

Chinese joins a list with "、" and counts days as "28日"; English joins with ", " and says
"the 28th". Plurals are ngettext's job (one catalogue entry with both forms).
"""
from flask_babel import get_locale


def _english() -> bool:
    return str(get_locale()).startswith("en")


def join_words(items) -> str:
    """"80岁以上老人、残疾人" in Chinese, "residents over 80, disabled residents" in English."""
    return (", " if _english() else "、").join(str(item) for item in items)


def join_clauses(items) -> str:
    """Clauses of one line: "每人每月限2次；名额20个" / "2 times per person per month; 20 places"."""
    return ("; " if _english() else "；").join(str(item) for item in items)


def day_ordinal(day: int) -> str:
    """The day of a month as the language counts it: "28" (for "每月28日"), "28th" in English."""
    if not _english():
        return str(day)
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"

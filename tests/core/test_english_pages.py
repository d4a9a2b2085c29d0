"""Every page in English reads as English: dates, lists, plurals and ordinals of the language."""
import re

from tests.core.test_demo import run_seed
from tests.core.test_masking_walk import _public_addresses
from tests.crawl import ALL_LINKS, clients_by_role, walk

TEXT = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
# What a Chinese-only format leaves in an English page.
LEFTOVERS = {
    "a Chinese date": re.compile(r"\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月"),
    "a list joined with 、": re.compile(r"[A-Za-z0-9)]\s*、|、\s*[A-Za-z(]"),
    "a plural after 1": re.compile(r"(?<![\d.,])1 (?:places|hours|people|households|photos|issues|"
                                   r"shifts|sign-ups|volunteers|days|times|offers|quotes)\b"),
    "a bare ordinal": re.compile(r"\bthe \d+ of\b"),
}


def _text(html: str) -> str:
    return TEXT.sub(" ", html)


def test_no_english_page_keeps_chinese_dates_lists_plurals_or_ordinals(app):
    run_seed(app)
    links_sent = _public_addresses(app)[:40]  # /me pages and issue follow links
    assert any(link.startswith("/me/") for link in links_sent)
    starts = {None: ["/c/liujin/", "/c/xingyuan/", *links_sent], "staff": ["/staff/"],
              "partner": ["/partner/"], "grid_worker": ["/staff/"]}
    problems, pages = [], 0
    for role, client in clients_by_role(app, starts, per_role=2, cookies={"lang": "en"}):
        for start in starts[role]:
            for path, html in walk(client, [start], links=ALL_LINKS, limit=150):
                pages += 1
                text = _text(html)
                for what, pattern in LEFTOVERS.items():
                    for match in pattern.finditer(text):
                        context = text[max(0, match.start() - 30):match.end() + 30]
                        problems.append(f"{path}: {what}: …{' '.join(context.split())}…")
    assert pages > 40
    assert not problems, "\n".join(sorted(set(problems))[:60])


def test_english_ordinals_lists_and_plurals(app):
    from flask_babel import ngettext, refresh

    from blueprints.core.wording import day_ordinal, join_words
    from blueprints.offers import schedule

    with app.test_request_context(headers={"Cookie": "lang=en"}):
        refresh()
        assert [day_ordinal(d) for d in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31)] == [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"]
        assert join_words(["a", "b"]) == "a, b"
        terms = {**schedule.EMPTY_TERMS, "schedule": "monthday", "month_day": 31, "places": 1,
                 "monthly_limit": 2}
        assert schedule.say_schedule(terms).startswith("on the 31st of each month")
        assert schedule.say_limits(terms) == "2 times per person per month; 1 place"
        assert ngettext("剩 %(num)d 个名额", "剩 %(num)d 个名额", 1) == "1 place left"
    with app.test_request_context():
        refresh()
        assert schedule.say_schedule({**terms, "month_day": 18}) == "每月18日"
        assert schedule.say_limits(terms) == "每人每月限2次；名额1个"
        assert join_words(["80岁以上老人", "残疾人"]) == "80岁以上老人、残疾人"

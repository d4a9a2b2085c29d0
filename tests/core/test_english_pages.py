"""Every page in English reads as English: dates, lists, plurals and ordinals of the language."""
import re

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from extensions import db
from models import User
from tests.core.test_demo import run_seed
from tests.core.test_masking_walk import _public_addresses
from tests.crawl import ALL_LINKS, walk
from tests.factories import PASSWORD, login

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
    for role, paths in starts.items():
        users = list(db.session.scalars(select(User).where(User.role == role)))[:2] if role else [None]
        for user in users:
            client = app.test_client()
            client.set_cookie("lang", "en")
            if user is not None:
                user.password_hash = generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")
                db.session.commit()
                login(client, user)
            for start in paths:
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

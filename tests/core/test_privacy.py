"""No full mobile number of a resident or account appears on any public page."""
import re

from sqlalchemy import select

from extensions import db
from models import Person, User
from tests.core.test_demo import run_seed
from tests.crawl import walk


def test_public_pages_show_no_full_mobile_number(app, client):
    run_seed(app)
    numbers = set(db.session.scalars(select(Person.mobile)))
    numbers |= {m for m in db.session.scalars(select(User.mobile)) if m}
    pages = 0
    for slug in ("liujin", "xingyuan"):
        for path, html in walk(client, [f"/c/{slug}/"], limit=150):
            pages += 1
            leaked = [n for n in re.findall(r"1[3-9]\d{9}", html) if n in numbers]
            assert not leaked, f"{path} shows {leaked[:3]}"
    assert pages >= 2

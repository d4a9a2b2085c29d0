"""No full mobile number of a resident or account appears on any public page."""
import re
from collections import deque

from sqlalchemy import select

from extensions import db
from models import Person, User
from tests.core.test_demo import run_seed

LINK = re.compile(r'href="(/c/[^"#]*)"')
MAX_PAGES = 150


def crawl_public(client, start: str):
    """Yield (path, html) for the public pages reachable from `start`."""
    seen, queue = {start}, deque([start])
    while queue and len(seen) <= MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        yield path, html
        for link in LINK.findall(html):
            link = link.replace("&amp;", "&")
            if link not in seen:
                seen.add(link)
                queue.append(link)


def test_public_pages_show_no_full_mobile_number(app, client):
    run_seed(app)
    numbers = set(db.session.scalars(select(Person.mobile)))
    numbers |= {m for m in db.session.scalars(select(User.mobile)) if m}
    pages = 0
    for slug in ("liujin", "xingyuan"):
        for path, html in crawl_public(client, f"/c/{slug}/"):
            pages += 1
            leaked = [n for n in re.findall(r"1[3-9]\d{9}", html) if n in numbers]
            assert not leaked, f"{path} shows {leaked[:3]}"
    assert pages >= 2

"""One crawler for the tests that walk the site as a visitor would: follow links, each page once."""
import re
from collections import deque

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from extensions import db
from models import User
from tests.factories import PASSWORD, login

PUBLIC_LINKS = re.compile(r'href="(/(?:c|me)/[^"#]*)"')
ALL_LINKS = re.compile(r'href="(/(?:c|staff|partner|me)/[^"#]*)"')


def walk(client, starts, links=PUBLIC_LINKS, limit: int = 400):
    """Yield (path, html) for every HTML page reachable from `starts` by `links`, each once.

    Downloads (PDF, calendar files) are not followed; at most `limit` addresses are queued.
    """
    seen, queue = set(starts), deque(starts)
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        yield path, html
        for link in links.findall(html):
            link = link.replace("&amp;", "&")
            if link not in seen and len(seen) < limit and not link.endswith((".pdf", ".ics")):
                seen.add(link)
                queue.append(link)


def clients_by_role(app, roles, per_role: int | None = None, cookies: dict | None = None):
    """Yield (role, test client) signed in as each user of each role (None: a visitor),
    at most `per_role` users each, with `cookies` set (e.g. {"lang": "en"})."""
    for role in roles:
        users = list(db.session.scalars(select(User).where(User.role == role)))[:per_role] if role else [None]
        for user in users:
            client = app.test_client()
            for name, value in (cookies or {}).items():
                client.set_cookie(name, value)
            if user is not None:
                user.password_hash = generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")  # fast to check
                db.session.commit()
                login(client, user)
            yield role, client

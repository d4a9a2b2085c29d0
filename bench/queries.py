"""SQL queries per page, counted in this process with the Flask test client, and the time
one request takes there (no concurrency: what a page costs the server on its own)."""
import statistics
import time

from sqlalchemy import event

from bench.pages import STAFF_PASSWORD, Page, Target, remember_cookie
from extensions import db


class QueryCounter:
    """Counts the statements the app's engine sends while it is listening."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)

    def _seen(self, *args):
        self.count += 1


def clients_for(app, target: Target) -> dict[str, object]:
    """An anonymous visitor, a remembered volunteer and a logged-in staff member."""
    with app.app_context():
        name, value = remember_cookie(target).split("=", 1)
    volunteer = app.test_client()
    volunteer.set_cookie(name, value)
    staff = app.test_client()
    answer = staff.post("/login", data={"identifier": target.staff_user, "password": STAFF_PASSWORD})
    if answer.status_code not in (302, 303):
        raise RuntimeError(f"in-process login as {target.staff_user} failed ({answer.status_code})")
    return {"public": app.test_client(), "volunteer": volunteer, "staff": staff}


def _median_ms(client, path: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def count(app, targets: list[Target], pages: list[Page]) -> dict[tuple[str, str], dict]:
    """{(page key, slug): {queries, status, bytes, ms}} of the requests after the first."""
    with app.app_context():
        engine = db.engine
    found = {}
    for target in targets:
        clients = clients_for(app, target)
        for page in pages:
            client = clients["staff" if page.staff else "volunteer" if page.remembered else "public"]
            client.get(target.path(page))  # the first request fills caches (the PDF's, Jinja's)
            with QueryCounter(engine) as counter:
                answer = client.get(target.path(page))
            found[(page.key, target.slug)] = {"queries": counter.count, "status": answer.status_code,
                                               "bytes": len(answer.data),
                                               "ms": _median_ms(client, target.path(page))}
    with app.app_context():
        db.engine.dispose()
    return found

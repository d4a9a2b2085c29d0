"""Counting the SQL a page sends, to prove a list page is bounded (issue 10).

A list page must send the same number of queries whether the community has 1× or
10× the rows: `assert_bounded` counts a page, lets the test add nine times the rows,
and counts it again.
"""
from collections.abc import Callable

from sqlalchemy import event

from extensions import db


def count_queries(action: Callable[[], object], fresh: bool = True) -> int:
    """How many SQL statements `action()` sends to the database.

    `fresh`: from a fresh session state, as in a new request; else with what the test
    already loaded kept loaded (to count what a function adds).
    """
    statements = []
    if fresh:
        db.session.expire_all()  # as in a new request: nothing known yet from earlier reads
        db.session.commit()  # no transaction left open by the test's own reads

    def listener(*args):
        if not args[2].startswith(("BEGIN", "SAVEPOINT", "RELEASE")):  # SQLite's BEGIN varies
            statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements)


def page_queries(client, url: str, **kwargs) -> int:
    """Queries of one GET of `url` after a warm-up request (first requests read more).

    The page cache is off: a page served from memory costs one query at any size, and
    what is measured here is what building the page costs.
    """
    client.application.config["PAGE_CACHE"] = False
    client.get(url, **kwargs)

    def fetch():
        response = client.get(url, **kwargs)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        return response

    return count_queries(fetch)


def assert_bounded(client, urls: list[str], grow: Callable[[], None], **kwargs) -> dict:
    """Each URL sends as many queries after `grow()` (9× more rows) as before; the counts."""
    before = {url: page_queries(client, url, **kwargs) for url in urls}
    grow()
    db.session.commit()
    after = {url: page_queries(client, url, **kwargs) for url in urls}
    assert after == before, f"queries grew with the data: {before} -> {after}"
    return before


def add_units(world: dict, count: int, unit: Callable[[dict, int], None]) -> None:
    """`count` more units of a test's data, each made by `unit(world, n)`, in one commit."""
    for _ in range(count):
        unit(world, world["units"])
        world["units"] += 1
    db.session.commit()

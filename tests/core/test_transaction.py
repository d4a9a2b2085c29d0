"""One transaction per service call: commit on success, everything undone on any error."""
import pytest
from sqlalchemy import func, select

from blueprints.core.forms import refused_onto
from blueprints.core.transaction import transactional
from extensions import db
from models import Community
from tests.factories import make_community


def _count() -> int:
    return db.session.scalar(select(func.count(Community.id)))


@transactional
def add_community(slug: str, fail: bool = False) -> Community:
    community = Community(slug=slug, name=slug)
    db.session.add(community)
    db.session.flush()
    if fail:
        raise ValueError("refused")
    return community


@transactional
def add_two(fail_second: bool) -> None:
    add_community("first")
    add_community("second", fail=fail_second)


def test_success_is_committed(app):
    add_community("liujin")
    db.session.rollback()  # nothing pending is left to undo: the service committed
    assert _count() == 1


def test_an_error_undoes_the_whole_call_and_is_raised(app):
    make_community(slug="kept")
    with pytest.raises(ValueError):
        add_community("lost", fail=True)
    assert _count() == 1 and not db.session.info["in_service"]


def test_a_service_inside_another_joins_its_transaction(app):
    with pytest.raises(ValueError):
        add_two(fail_second=True)
    assert _count() == 0  # the first, already flushed by the inner call, is undone too
    add_two(fail_second=False)
    db.session.rollback()
    assert _count() == 2


def test_a_refusal_lands_next_to_its_field(app):
    from blueprints.issues.forms import MeTooForm

    with app.test_request_context(method="POST", data={"mobile": "13912345678"}):
        form = MeTooForm()
        form.validate()
        refusals = {ValueError: lambda error: ("mobile", f"不行：{error}")}
        assert refused_onto(form, lambda: add_community("x", fail=True), refusals) is False
        assert form.mobile.errors[-1] == "不行：refused"
        assert refused_onto(form, lambda: add_community("y"), refusals) is True
    assert _count() == 1


# SQLite: a page that only reads never queues for the write lock (issue 10).


def _sqlite_file(app) -> str | None:
    url = db.engine.url
    return url.database if url.get_backend_name() == "sqlite" else None


def test_a_page_reads_while_another_writer_holds_the_lock(app, client):
    import sqlite3

    path = _sqlite_file(app)
    if path is None:
        pytest.skip("SQLite's write lock; PostgreSQL readers never wait for writers")
    make_community(slug="xy", name="柳荫社区")
    db.session.commit()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another request is writing right now
    try:
        writer.execute("UPDATE communities SET name = '改名中' WHERE slug = 'xy'")
        page = client.get("/c/xy/")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert page.status_code == 200 and "柳荫社区" in page.text  # its snapshot, not a wait


def test_a_service_called_by_a_page_writes_after_another_writer_committed(fresh_app):
    import sqlite3

    application = fresh_app()
    path = _sqlite_file(application)
    if path is None:
        pytest.skip("SQLite's deferred transactions only")

    @application.get("/_read-then-write")
    def read_then_write():
        before = _count()  # the page read: its transaction holds a snapshot
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("INSERT INTO communities (slug, name, district, hall_address, hall_phone, population) VALUES ('other', '别的社区', '', '', '', 0)")
        other.close()  # another request committed meanwhile
        add_community("mine")  # upgrading the stale read to a write would fail at once
        return str(before)

    with application.app_context():
        response = application.test_client().get("/_read-then-write")
        assert response.status_code == 200 and response.text == "0"
        slugs = set(db.session.scalars(select(Community.slug)))
        db.session.commit()
    assert slugs == {"other", "mine"}


def test_after_commit_runs_once_after_the_outermost_commit_and_never_after_a_rollback(
        app, caplog, monkeypatch):
    import logging

    from blueprints.core.transaction import after_commit

    # Alembic's fileConfig (migrations/env.py) disables the loggers that exist when it runs.
    monkeypatch.setattr(logging.getLogger("blueprints.core.transaction"), "disabled", False)
    seen = []

    @transactional
    def add_and_announce(slug: str, fail: bool = False) -> None:
        add_community(slug)
        # Asked twice under one key, and from a nested service: it runs once, after the commit.
        after_commit("announce", lambda: seen.append(_count()))
        after_commit("announce", lambda: seen.append(_count()))
        after_commit("broken", lambda: 1 / 0)
        if fail:
            raise ValueError("refused")

    with pytest.raises(ValueError):
        add_and_announce("gone", fail=True)
    assert seen == []  # rolled back: nothing announced, not even later
    add_and_announce("kept")
    assert seen == [1]  # the callback saw the committed row
    assert "after-commit broken failed" in caplog.text  # logged, the service still succeeded
    after_commit("outside", lambda: seen.append("now"))
    assert seen == [1, "now"]  # outside a service: at once

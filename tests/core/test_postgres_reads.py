"""PostgreSQL: a page that only reads sends no BEGIN and no ROLLBACK, and anything else
still runs in a transaction; a pooled connection is tested only after it rested."""
import pytest
from sqlalchemy import create_engine, select, text, update
from sqlalchemy.exc import OperationalError

import extensions
from blueprints.core.transaction import transactional
from extensions import db
from models import Community
from tests.factories import make_community


def _in_transaction() -> bool:
    """Does the database connection of this session hold an open transaction right now?"""
    raw = db.session.connection().connection.dbapi_connection
    return raw.info.transaction_status != raw.info.transaction_status.IDLE


@transactional
def _rename(slug: str, name: str) -> None:
    db.session.execute(update(Community).where(Community.slug == slug).values(name=name))


@pytest.fixture
def pg_app(fresh_app):
    application = fresh_app()
    with application.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's read path")
    make_community(slug="liujin", name="流津社区")
    db.session.commit()

    @application.get("/_read")
    def read():
        name = db.session.scalar(select(Community.name).where(Community.slug == "liujin"))
        return {"name": name, "open": _in_transaction()}

    @application.get("/_write-without-a-service")
    def write_then_fail():
        db.session.scalar(select(Community.id))
        db.session.execute(update(Community).values(name="改了"))
        opened = _in_transaction()
        db.session.execute(update(Community).values(name="又改了"))
        db.session.rollback()  # as an error would: both writes undone together
        return {"open": opened, "name": db.session.scalar(select(Community.name))}

    @application.get("/_lock")
    def lock():
        db.session.scalar(select(Community.id).with_for_update())
        return {"open": _in_transaction()}

    @application.get("/_service")
    def service():
        db.session.scalar(select(Community.id))
        _rename("liujin", "流津")
        return {"open": _in_transaction()}

    @application.get("/_streamed")
    def streamed():
        names = [c.name for c in db.session.scalars(
            select(Community).execution_options(yield_per=1))]  # a server-side cursor
        return {"names": names}

    @application.post("/_post")
    def post():
        db.session.scalar(select(Community.id))
        return {"open": _in_transaction()}

    return application


def test_a_page_that_only_reads_holds_no_transaction(pg_app):
    with pg_app.app_context():
        answer = pg_app.test_client().get("/_read").json
    assert answer == {"name": "流津社区", "open": False}


def test_a_write_on_a_read_page_opens_a_transaction_that_undoes_all_of_it(pg_app):
    with pg_app.app_context():
        answer = pg_app.test_client().get("/_write-without-a-service").json
        db.session.rollback()
        assert answer == {"open": True, "name": "流津社区"}
        assert db.session.scalar(select(Community.name)) == "流津社区"


def test_a_row_lock_and_a_service_run_in_transactions_and_a_post_always_does(pg_app):
    with pg_app.app_context():
        client = pg_app.test_client()
        assert client.get("/_lock").json == {"open": True}
        db.session.rollback()
        assert client.get("/_service").json == {"open": False}  # committed, and back to reading
        db.session.rollback()
        assert db.session.scalar(select(Community.name)) == "流津"
        db.session.rollback()
        assert client.post("/_post").json == {"open": True}
        db.session.rollback()


def test_a_page_streaming_rows_in_batches_gets_its_server_side_cursor(pg_app):
    with pg_app.app_context():
        assert pg_app.test_client().get("/_streamed").json == {"names": ["流津社区"]}
        db.session.rollback()


@pytest.fixture
def own_pool(app):
    """An engine of its own on the test database: an empty pool whose order is known
    (first in, first out), and no dead connection left behind for other tests."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("a PostgreSQL server's connections")
    engine = create_engine(db.engine.url)
    yield engine
    engine.dispose()


def _rested_and_killed(engine):
    """A connection put back in the pool, then ended by the server; its pool record."""
    connection, killer = engine.pool.connect(), engine.pool.connect()
    backend = connection.dbapi_connection.info.backend_pid
    record = connection._connection_record
    connection.close()  # back in the pool, first in line
    killer.cursor().execute("SELECT pg_terminate_backend(%s)", (backend,))
    killer.close()
    return backend, record


def test_a_connection_that_died_while_it_rested_is_replaced_before_use(own_pool, monkeypatch):
    backend, record = _rested_and_killed(own_pool)
    monkeypatch.setattr(extensions, "PING_AFTER_REST", 0.0)  # it rested long enough

    with own_pool.connect() as again:
        assert again.scalar(text("SELECT pg_backend_pid()")) != backend
        assert again.connection._connection_record is record  # the same slot, a new connection


def test_a_connection_reused_at_once_is_not_tested_first(own_pool, monkeypatch):
    _rested_and_killed(own_pool)
    monkeypatch.setattr(extensions, "PING_AFTER_REST", 3600.0)

    # Not tested, so the dead connection is handed out; its first statement fails, and the
    # pool throws away every connection of that age, so the next request is served again.
    with pytest.raises(OperationalError):
        with own_pool.connect() as dead:
            dead.scalar(text("SELECT 1"))
    with own_pool.connect() as fresh:
        assert fresh.scalar(text("SELECT 1")) == 1


def test_a_connection_asked_for_autocommit_keeps_it_inside_and_outside_a_page(pg_app):
    """VACUUM runs only outside a transaction: the switch back to transactions after a
    read page must not undo what the caller asked for."""
    with pg_app.app_context():
        engine = db.engine.execution_options(isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE communities"))
        with pg_app.test_request_context("/", method="GET"), engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE communities"))
        assert pg_app.test_client().get("/_read").json["open"] is False
        with engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE communities"))

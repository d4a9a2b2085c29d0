"""Flask extensions, created unbound here and initialised in create_app()."""
import re
import time
from contextvars import ContextVar

from flask import has_request_context, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

# Named constraints so Alembic can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
migrate = Migrate(render_as_batch=True, compare_type=True)
csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """WAL, a busy timeout and foreign keys on every SQLite connection."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE instead of pysqlite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# Set while a service (core/transaction.py) runs: its transaction will write.
WRITING: ContextVar[bool] = ContextVar("writing", default=False)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Set while a POST's streamed response reads after its service committed (an export): those
# reads must not hold SQLite's write lock for as long as the download takes.
STREAMING: ContextVar[bool] = ContextVar("streaming", default=False)


def reads_only() -> bool:
    """True when the transaction about to begin only reads: a GET (or a POST's streamed
    response) outside any service."""
    return (has_request_context() and (request.method in READ_METHODS or STREAMING.get())
            and not WRITING.get())


@event.listens_for(Engine, "begin")
def _begin(conn):
    """Writers take SQLite's write lock up front; readers never queue for it, and on
    PostgreSQL they send no BEGIN and no ROLLBACK.

    SQLite: a writing transaction that begins deferred and writes after reading fails at
    once (SQLITE_BUSY) when another writer committed meanwhile, so everything that may
    write (POSTs, commands, services) begins IMMEDIATE and waits its turn (busy_timeout).
    A page that only reads begins deferred: in WAL mode it reads its snapshot while a
    writer works, instead of queueing behind every other request. A service called
    during a GET ends the read transaction and begins a writing one (transaction.py).

    PostgreSQL: a page that only reads runs its statements in autocommit. Under READ
    COMMITTED each statement of a transaction sees its own snapshot anyway, so the page
    reads what it would have read; what it saves are two of the three round trips of a
    page served from memory (BEGIN, the community's row, ROLLBACK). The first statement
    that is not a plain read opens a real transaction (_writes_in_a_transaction).
    """
    deferred = reads_only()
    conn.info["deferred"] = deferred
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")
    elif conn.dialect.driver == "psycopg":
        _read_in_autocommit(conn, deferred)


def _read_in_autocommit(conn, on: bool) -> None:
    """Switch a psycopg connection to autocommit for reading, or back to transactions.
    Only the switch made here is undone: a connection the caller itself asked to be in
    autocommit (VACUUM, isolation_level="AUTOCOMMIT") stays so."""
    raw = conn.connection.dbapi_connection
    if raw.info.transaction_status != raw.info.transaction_status.IDLE:
        return
    if on and not raw.autocommit:
        raw.autocommit = conn.info["reading"] = True
    elif not on and conn.info.get("reading"):
        raw.autocommit = conn.info["reading"] = False


PLAIN_READ = re.compile(r"\s*SELECT\b(?!.*\bFOR\s+(UPDATE|NO\s+KEY\s+UPDATE|SHARE|KEY\s+SHARE)\b)",
                        re.IGNORECASE | re.DOTALL)


@event.listens_for(Engine, "before_cursor_execute")
def _writes_in_a_transaction(conn, cursor, statement, parameters, context, executemany):
    """On PostgreSQL, a read page's first write, row lock or server-side cursor (an export
    streamed in batches) begins a transaction, which then runs to the request's end: a
    write outside a service is still all or nothing, and a lock is held until then."""
    if not conn.info.get("reading") or conn.dialect.driver != "psycopg":
        return
    if PLAIN_READ.match(statement) and not getattr(context, "_is_server_side", False):
        return
    conn.info["deferred"] = False
    _read_in_autocommit(conn, False)


# A pooled PostgreSQL connection can die with the server or a proxy between two uses. One
# that rested this long is tested before use; one reused within it (every connection,
# while people are using the site) is not: pool_pre_ping's test of every checkout was a
# round trip more on every request, a third of a page served from memory.
PING_AFTER_REST = 10.0  # seconds


@event.listens_for(Pool, "checkin")
def _note_rest(dbapi_connection, record):
    if record is not None:
        record.info["rested_from"] = time.monotonic()


@event.listens_for(Pool, "checkout")
def _ping_after_rest(dbapi_connection, record, proxy):
    """Test a PostgreSQL connection that rested PING_AFTER_REST or more; a dead one makes
    the pool throw it away and check out another (DisconnectionError)."""
    if not type(dbapi_connection).__module__.startswith("psycopg"):
        return
    rested_from = record.info.get("rested_from")
    if rested_from is None or time.monotonic() - rested_from < PING_AFTER_REST:
        return
    try:
        autocommit, dbapi_connection.autocommit = dbapi_connection.autocommit, True
        dbapi_connection.execute(";")  # an empty query: one round trip, no transaction
        dbapi_connection.autocommit = autocommit
    except Exception as error:
        raise exc.DisconnectionError("the connection died while it rested") from error

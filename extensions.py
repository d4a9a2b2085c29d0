"""Flask extensions, created unbound here and initialised in create_app()."""
from contextvars import ContextVar

from flask import has_request_context, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine

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
def _sqlite_begin(conn):
    """Writers take SQLite's write lock up front; readers never queue for it.

    A writing transaction that begins deferred and writes after reading fails at once
    (SQLITE_BUSY) when another writer committed meanwhile, so everything that may write
    (POSTs, commands, services) begins IMMEDIATE and waits its turn (busy_timeout). A
    page that only reads begins deferred: in WAL mode it reads its snapshot while a
    writer works, instead of queueing behind every other request. A service called
    during a GET ends the read transaction and begins a writing one (transaction.py).
    """
    if conn.dialect.name != "sqlite":
        return
    deferred = reads_only()
    conn.info["deferred"] = deferred
    conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

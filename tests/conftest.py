"""Fixtures: one app for the whole session, an empty database for every test.

The database is SQLite, or PostgreSQL when TEST_DATABASE_URL is set (scripts/with-postgres).
Building an app costs more than most tests, so every test shares `session_app`;
`app` gives a test its own app context, caches and upload folder, empties the
database afterwards and puts back any setting the test changed. A module that
needs an app built with other settings, or adds routes, uses `fresh_app(**config)`.
"""
import os
import re
import tempfile

import pytest

# Keep the developer's instance/ (database, secret key, caches) out of the tests.
os.environ["DOORSTEP_INSTANCE"] = tempfile.mkdtemp(prefix="doorstep-test-instance-")
os.environ.pop("DATABASE_URL", None)

from flask import g, request_started  # noqa: E402
from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import text  # noqa: E402

from app import create_app  # noqa: E402
from extensions import db, limiter  # noqa: E402


def database_url(tmp_root: str) -> str:
    """PostgreSQL when TEST_DATABASE_URL is set, else an SQLite file."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_root}/test.db"


def test_config(url: str, tmp_root: str, **overrides) -> dict:
    """Settings for a test app; CSRF is off except where a test turns it on."""
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "AUTO_MIGRATE": False,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # scrypt is too slow for a loop of tests
        "PRINT_CACHE_DIR": f"{tmp_root}/print-cache",
        "UPLOAD_DIR": f"{tmp_root}/uploads",
        "PUBLIC_BASE_URL": "http://doorstep.test",
        # PDFs: jobs run at once in the request, and approvals queue none (tests of the
        # queue itself turn these off and on: tests/printing/test_queue.py).
        "RENDER_QUEUE_URL": "",
        "RENDER_QUEUE_INLINE": True,
        "RENDER_ON_CHANGE": False,
        # Whatever a developer's .env says, tests never reach real services.
        "MESSAGE_SENDER": "log",
        "RATELIMIT_STORAGE_URI": "memory://",
        "PROXY_COUNT": 0,
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
        "LOGIN_RATE_LIMIT": "10 per minute",
        "PUBLIC_FORM_RATE_LIMIT": "20 per minute",
    }
    config.update(overrides)
    return config


test_config.__test__ = False  # a helper, not a test, when imported into a test module


def _fresh_globals(sender, **extra) -> None:
    """Each request starts with an empty `g`, as in production.

    The test keeps one app context open for its database work, and Flask reuses it
    for every client request: without this, Flask-Login's cached user (in g) would
    outlive a logout or deleted cookies.
    """
    g.__dict__.clear()


def empty_database() -> None:
    """Delete every row (the schema stays, built once by the migrations)."""
    db.session.remove()
    tables = [t for t in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("doorstep"))


@pytest.fixture(scope="session")
def db_url(tmp_root) -> str:
    """The test database, migrated once to the newest revision."""
    url = database_url(tmp_root)
    app = create_app(test_config(url, tmp_root))
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade()
        db.engine.dispose()
    return url


@pytest.fixture(scope="session")
def session_app(db_url, tmp_root):
    """The one app most tests share."""
    application = create_app(test_config(db_url, tmp_root))
    request_started.connect(_fresh_globals, application)
    return application


@pytest.fixture
def app(session_app, tmp_path):
    """The shared app in a fresh app context, with its own caches and uploads.

    The database is emptied after the test and the settings are restored, so a
    test may change app.config freely.
    """
    saved = dict(session_app.config)
    session_app.config.update(PRINT_CACHE_DIR=str(tmp_path / "print"),
                              UPLOAD_DIR=str(tmp_path / "uploads"))
    limiter.reset()
    session_app.extensions.pop("page_cache", None)  # ids and versions restart with the database
    session_app.extensions.pop("recent_pdfs", None)  # tests name PDFs "abc", not by their content
    session_app.extensions.pop("print_memo", None)  # keyed by community ids and versions too
    session_app.extensions.pop("print_pointers", None)
    with session_app.app_context():
        yield session_app
        empty_database()
    session_app.config.clear()
    session_app.config.update(saved)


@pytest.fixture
def fresh_app(app, db_url, tmp_root, tmp_path):
    """A factory for apps with other settings: `fresh_app(WTF_CSRF_ENABLED=True)`.

    Such an app shares the test database (emptied after the test by `app`) and may
    have routes added before its first request.
    """
    made = []

    def make(**overrides):
        settings = {"PRINT_CACHE_DIR": str(tmp_path / "print"),
                    "UPLOAD_DIR": str(tmp_path / "uploads"), **overrides}
        application = create_app(test_config(db_url, tmp_root, **settings))
        request_started.connect(_fresh_globals, application)
        made.append(application)
        return application

    yield make
    db.session.commit()  # end the test's read before the other apps' pools close (SQLite lock)
    for application in made:
        with application.app_context():
            db.engine.dispose()


@pytest.fixture
def one_minute(monkeypatch):
    """The test's requests all fall in one minute: a kept page is keyed by the minute too
    (core/pagecache.py), and two requests straddling its turn would miss for that alone."""
    from blueprints.core import clock

    now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: now)


@pytest.fixture
def client(app):
    return app.test_client()


HX = {"HX-Request": "true"}  # the header htmx sends: routes answer with a partial


def csrf_token_from(html: str) -> str:
    """The CSRF token a browser would read from the page."""
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', html
    )
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A throwaway Redis server on a free loopback port, stopped after the session."""
    import shutil
    import socket
    import subprocess
    import threading

    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # Redis says when it is ready; a server that cannot start ends its output instead.
        for line in process.stdout:
            if "Ready to accept connections" in line:
                break
        else:
            raise RuntimeError("redis-server did not start (make test installs redis-server)")
        threading.Thread(target=process.stdout.read, daemon=True).start()  # keep the pipe drained
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)

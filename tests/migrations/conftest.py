"""Fixtures for the migration tests: a fresh, empty database per test and a Site to drive it.

SQLite: a file in the test's tmp_path. PostgreSQL (TEST_DATABASE_URL set): a database of
its own on that server, created with a unique name and dropped after the test.
"""
import os
import re
import uuid
from pathlib import Path

import pytest
from flask import g, request_started
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from extensions import db, limiter
from tests.migrations.helpers import snapshot


def site_config(url: str, folder: Path, **overrides) -> dict:
    """A test app on `url`, migrated only when a test says so; caches, uploads and backups in
    `folder`."""
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": url,
        "AUTO_MIGRATE": False,
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "migration-test-secret",
        "INSTANCE_DIR": str(folder / "instance"),
        "PRINT_CACHE_DIR": str(folder / "print-cache"),
        "UPLOAD_DIR": str(folder / "uploads"),
        "PUBLIC_BASE_URL": "http://doorstep.test",
        "MESSAGE_SENDER": "log",
        "RATELIMIT_STORAGE_URI": "memory://",
        "LOGIN_RATE_LIMIT": "1000 per minute",
        "PUBLIC_FORM_RATE_LIMIT": "1000 per minute",
        "PROXY_COUNT": 0,
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_SECURE": False,
    }
    config.update(overrides)
    return config


def _fresh_globals(sender, **extra) -> None:
    """Each request starts with an empty `g` (Flask-Login caches the user there)."""
    g.__dict__.clear()


class Site:
    """One app on one database, moved between revisions like a deployment would be."""

    def __init__(self, url: str, folder: Path):
        self.url = url
        self.folder = folder
        self.app = create_app(site_config(url, folder))
        request_started.connect(_fresh_globals, self.app)
        self.upload_dir = Path(self.app.config["UPLOAD_DIR"])

    @property
    def dialect(self) -> str:
        return make_url(self.url).get_backend_name()

    def upgrade(self, revision: str = "head") -> None:
        with self.app.app_context():
            upgrade(revision=revision)

    def downgrade(self, revision: str) -> None:
        with self.app.app_context():
            downgrade(revision=revision or "base")

    def current(self) -> str | None:
        with self.app.app_context(), db.engine.connect() as connection:
            has_table = inspect(connection).has_table("alembic_version")
            if not has_table:
                return None
            return connection.scalar(text("SELECT version_num FROM alembic_version"))

    def begin(self):
        """A connection in a transaction (committed on leaving), outside any app context."""
        return _Transaction(self)

    def snapshot(self) -> dict:
        with self.begin() as connection:
            return snapshot(connection)

    def client(self):
        return self.app.test_client()

    def login(self, username: str, password: str = "doorstep-demo"):
        """A test client logged in as `username`."""
        client = self.client()
        response = client.post("/login", data={"identifier": username, "password": password})
        assert response.status_code in (302, 303), f"login as {username} failed: {response.status_code}"
        return client

    def close(self) -> None:
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()


class _Transaction:
    def __init__(self, site: Site):
        self.site = site

    def __enter__(self):
        self.context = self.site.app.app_context()
        self.context.push()
        self.transaction = db.engine.begin()
        return self.transaction.__enter__()

    def __exit__(self, *exc):
        try:
            return self.transaction.__exit__(*exc)
        finally:
            self.context.pop()


@pytest.fixture(scope="session")
def postgres_admin():
    """An AUTOCOMMIT engine on TEST_DATABASE_URL's server, to create and drop databases."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield None
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def empty_database_url(tmp_path, postgres_admin):
    """The URL of a database with nothing in it, for this test only."""
    if postgres_admin is None:
        yield f"sqlite:///{tmp_path / 'site.db'}"
        return
    name = f"doorstep_mig_{uuid.uuid4().hex[:12]}"
    assert re.fullmatch(r"[a-z0-9_]+", name)
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield postgres_admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with postgres_admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def site(empty_database_url, tmp_path):
    """A Site on a fresh, empty database (no revision yet)."""
    built = Site(empty_database_url, tmp_path)
    limiter.reset()
    yield built
    built.close()

"""Fixtures for the migration tests: a fresh, empty database per test and a Site to drive it.

SQLite: a file in the test's tmp_path. PostgreSQL (TEST_DATABASE_URL set): a database of
its own on that server, created with a unique name and dropped after the test.
"""
import hashlib
import os
import re
import secrets
import shutil
import sqlite3
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from flask import g, request_started
from jinja2 import BytecodeCache
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from app import create_app
from extensions import db, limiter
from tests.migrations.fillers import fill
from tests.migrations.helpers import revisions, snapshot

REVISIONS = revisions()


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


class _SharedBytecode(BytecodeCache):
    """Compiled templates shared by the tests' apps (each app would compile them again)."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = _SharedBytecode()


@pytest.fixture(scope="package", autouse=True)
def _read_migration_scripts_once():
    """Flask-Migrate builds a new ScriptDirectory, loading every version file, for each
    command; the files do not change during a test run, so keep the first one."""
    original = ScriptDirectory.from_config.__func__
    loaded: dict[str, ScriptDirectory] = {}

    def from_config(cls, config):
        location = config.get_main_option("script_location")
        if location not in loaded:
            loaded[location] = original(cls, config)
        return loaded[location]

    ScriptDirectory.from_config = classmethod(from_config)
    yield
    ScriptDirectory.from_config = classmethod(original)


class Site:
    """One app on one database, moved between revisions like a deployment would be."""

    def __init__(self, url: str, folder: Path):
        self.url = url
        self.folder = folder
        self.app = create_app(site_config(url, folder))
        request_started.connect(_fresh_globals, self.app)
        self.app.jinja_env.bytecode_cache = TEMPLATE_CACHE
        self.upload_dir = Path(self.app.config["UPLOAD_DIR"])

    @property
    def dialect(self) -> str:
        return make_url(self.url).get_backend_name()

    def upgrade(self, revision: str = "head", directory: str | None = None) -> None:
        """Like `flask db upgrade`, but errors propagate (Flask-Migrate turns them into
        a logged message and exit status 1)."""
        with self.app.app_context():
            command.upgrade(self._config(directory), revision)

    def downgrade(self, revision: str | None, directory: str | None = None) -> None:
        with self.app.app_context():
            command.downgrade(self._config(directory), revision or "base")

    def _config(self, directory: str | None):
        return self.app.extensions["migrate"].migrate.get_config(directory)

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

    def login(self, username: str, password: str | None = None):
        """A test client logged in as `username`: through the login form when a password is
        given, else by session (the demo's scrypt hashes cost 0.2 s a check)."""
        client = self.client()
        if password is not None:
            response = client.post("/login", data={"identifier": username, "password": password})
            assert response.status_code in (302, 303), f"login as {username} failed"
            return client
        with self.begin() as connection:
            user_id = connection.scalar(text("SELECT id FROM users WHERE username = :u"),
                                        {"u": username})
        assert user_id is not None, f"no account {username}"
        # A login session of auth/sessions.py, written directly: the cookie holds its token.
        token = secrets.token_urlsafe(16)
        now = datetime.now(timezone.utc)
        with self.begin() as connection:
            connection.execute(text(
                "INSERT INTO login_sessions (user_id, token_hash, remember, created_at, last_seen_at,"
                " expires_at, user_agent) VALUES (:u, :h, :r, :now, :now, :later, '')"),
                {"u": user_id, "h": hashlib.sha256(token.encode()).hexdigest(), "r": False,
                 "now": now, "later": now + timedelta(hours=1)})
        with client.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True
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


class Databases:
    """Where test databases live: SQLite files in a folder, or databases on a PostgreSQL
    server (TEST_DATABASE_URL), each with a unique name and dropped at the end."""

    def __init__(self, folder: Path):
        self.folder = folder
        url = os.environ.get("TEST_DATABASE_URL")
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT") if url else None
        self.created: list[str] = []

    def url(self, name: str) -> str:
        if self.admin is None:
            return f"sqlite:///{self.folder / name}.db"
        return self.admin.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new database (empty, or a copy of `template`); returns its name."""
        name = f"doorstep_mig_{uuid.uuid4().hex[:12]}"
        if self.admin is None:
            if template is not None:
                source = sqlite3.connect(self.folder / f"{template}.db")
                target = sqlite3.connect(self.folder / f"{name}.db")
                with target:
                    source.backup(target)
                source.close()
                target.close()
        else:
            copy = f' TEMPLATE "{template}"' if template else ""
            with self.admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"{copy}'))
            self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        if self.admin is None:
            for suffix in (".db", ".db-wal", ".db-shm"):
                (self.folder / f"{name}{suffix}").unlink(missing_ok=True)
            return
        assert re.fullmatch(r"[a-z0-9_]+", name)
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.created.remove(name)

    def close(self) -> None:
        for name in list(self.created):
            self.drop(name)
        if self.admin is not None:
            self.admin.dispose()


class Templates:
    """Filled databases at each revision, built once per session, step by step as the
    tests do it (upgrade, fill, upgrade, fill …), and copied for each test."""

    def __init__(self, databases: Databases, folder: Path):
        self.databases = databases
        self.folder = folder
        self.saved: dict[str, tuple[str, Path]] = {}  # revision -> (database, uploads)
        self.builder: Site | None = None
        self.failed: str | None = None

    def get(self, revision: str) -> tuple[str, Path]:
        if revision not in self.saved:
            self._build_to(revision)
        return self.saved[revision]

    def _build_to(self, revision: str) -> None:
        if self.failed:
            raise RuntimeError(f"cannot build a filled database at {revision}: {self.failed}")
        if self.builder is None:
            name = self.databases.create()
            self.builder = Site(self.databases.url(name), self.folder / "builder")
        order = REVISIONS[: REVISIONS.index(revision) + 1]
        for step in order[len(self.saved):]:
            try:
                self.builder.upgrade(step)
                fill(self.builder, step)
            except Exception as error:
                self.failed = f"building up to {step} failed: {error!r}"
                raise
            self.builder.close()  # PostgreSQL copies only databases nobody is connected to
            uploads = self.folder / f"uploads-{step}"
            if self.builder.upload_dir.exists():
                shutil.copytree(self.builder.upload_dir, uploads)
            self.saved[step] = (self.databases.create(template=self._builder_name()), uploads)

    def _builder_name(self) -> str:
        return make_url(self.builder.url).database.rsplit("/", 1)[-1].removesuffix(".db")

    def close(self) -> None:
        if self.builder is not None:
            self.builder.close()


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    found = Databases(tmp_path_factory.mktemp("databases"))
    yield found
    found.close()


@pytest.fixture(scope="session")
def templates(databases, tmp_path_factory):
    built = Templates(databases, tmp_path_factory.mktemp("templates"))
    yield built
    built.close()


@pytest.fixture
def site_at(databases, templates, tmp_path):
    """site_at(revision): a Site on a new database holding every filler's rows up to
    `revision` (None: an empty database, no revision yet)."""
    opened: list[tuple[Site, str]] = []

    def open_site(revision: str | None) -> Site:
        if revision is None:
            name = databases.create()
        else:
            template, uploads = templates.get(revision)
            name = databases.create(template=template)
        site = Site(databases.url(name), tmp_path / f"site-{len(opened)}")
        if revision is not None and uploads.exists():
            shutil.copytree(uploads, site.upload_dir)
        opened.append((site, name))
        limiter.reset()
        return site

    yield open_site
    for site, name in opened:
        site.close()
        databases.drop(name)


@pytest.fixture
def site(site_at):
    """A Site on a fresh, empty database (no revision yet)."""
    return site_at(None)

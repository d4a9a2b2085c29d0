"""Database copies: the one `db upgrade` takes before migrating, and the database part of
`flask backup` (commands/site_backup.py, which adds the uploads and a manifest).

SQLite: an online copy through the sqlite3 backup API (consistent while the app writes);
PostgreSQL: pg_dump in custom format (restore with pg_restore). Backup files hold
residents' names and numbers: they are created readable by their owner only (0600).
"""
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from sqlalchemy.engine import URL, make_url

from extensions import db


class BackupError(click.ClickException):
    """The backup could not be written (nothing is migrated then)."""


def backup_suffix(url: URL | str) -> str:
    return ".db" if make_url(url).get_backend_name() == "sqlite" else ".dump"


def write_backup(url: URL | str, out: Path | str, *, exclusive: bool = False) -> Path:
    """Write a consistent copy of the database at `url` to `out`, mode 0600.

    `exclusive`: refuse to overwrite an existing file.
    """
    url, out = make_url(url), Path(out)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    try:
        os.close(os.open(out, flags, 0o600))
    except FileExistsError:
        raise BackupError(f"{out} exists already")
    os.chmod(out, 0o600)  # also when an existing file was overwritten
    try:
        if url.get_backend_name() == "sqlite":
            _sqlite_backup(url, out)
        else:
            _pg_dump(url, out)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out


def _sqlite_backup(url: URL, out: Path) -> None:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    if not Path(url.database).exists():
        raise BackupError(f"no database file {url.database}")
    source = sqlite3.connect(url.database)
    target = sqlite3.connect(out)
    try:
        with target:
            source.backup(target)  # a consistent copy, even while the app is writing
    finally:
        source.close()
        target.close()


def _pg_dump(url: URL, out: Path) -> None:
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed (Debian: apt-get install postgresql-client)")
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    conninfo = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    done = subprocess.run(["pg_dump", "--format=custom", "--file", str(out), conninfo],
                          env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")


def backup_before_upgrade() -> Path:
    """Back up the app's database to instance/backups/<UTC time>-before-upgrade.db|.dump."""
    folder = Path(current_app.config["INSTANCE_DIR"]) / "backups"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"cannot write backups to {folder}: {error}") from error
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = backup_suffix(db.engine.url)
    for number in range(1, 100):  # two upgrades within a second keep both backups
        extra = f"-{number}" if number > 1 else ""
        path = folder / f"{stamp}-before-upgrade{extra}{suffix}"
        if not path.exists():
            return write_backup(db.engine.url, path, exclusive=True)
    raise BackupError(f"too many backups named {stamp}-before-upgrade in {folder}")

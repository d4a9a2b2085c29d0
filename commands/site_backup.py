"""A whole site in one file: `flask backup --out <file>` and `flask restore --from <file>`.

The archive (a tar file, mode 0600: it holds residents' names and numbers) contains
- `database.db` (SQLite, an online copy) or `database.dump` (PostgreSQL, pg_dump custom),
  which holds the uploads too: issue photos, quote scans and partner logos are rows of
  `stored_blobs` (storage.py), committed with the rows that name them, so the copy has
  every photo it names even when the site is busy during the backup;
- `manifest.json`: the database revision, and the size and SHA-256 of every member.

Archives written before uploads moved into the database (revision 0013) also hold
`uploads/…`, the files of UPLOAD_DIR: restoring one puts them back there, and the
`db upgrade` that follows copies them into the database. Restoring needs an empty database
(and, for such an archive, an empty upload folder), and checks every checksum before it
writes anything.
"""
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import click
from alembic.runtime.migration import MigrationContext
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

from commands.backup import BackupError, backup_suffix, write_backup
from extensions import db

FORMAT = 1


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _revision(copy: Path) -> str | None:
    """The revision of the copy (read from the copy itself on SQLite: the live file may be
    busy with writers, and the copy is what will be restored)."""
    if db.engine.url.get_backend_name() == "sqlite":
        connection = sqlite3.connect(copy)
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
        return row[0] if row else None
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def write_site_backup(out: Path | str) -> dict:
    """Write the database (uploads included) and a manifest into `out` (mode 0600); the
    manifest."""
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="doorstep-backup-") as work:
        database = write_backup(db.engine.url, Path(work) / f"database{backup_suffix(db.engine.url)}")
        members = [(database.name, database)]
        manifest = {"format": FORMAT, "created_at": datetime.now(UTC).isoformat(),
                    "revision": _revision(database), "backend": db.engine.url.get_backend_name(),
                    "files": [{"path": name, "size": path.stat().st_size, "sha256": _sha256(path)}
                              for name, path in members]}
        partial = out.with_name(out.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        try:
            with tarfile.open(partial, "w") as archive:
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size, info.mode = len(data), 0o600
                archive.addfile(info, io.BytesIO(data))
                for name, path in members:
                    archive.add(path, arcname=name, recursive=False)
            os.chmod(partial, 0o600)
            partial.replace(out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError, TypeError) as error:
        raise BackupError(f"not a Doorstep backup (no readable manifest.json): {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')!r} is not {FORMAT}")
    return manifest


def _unpack_checked(archive: tarfile.TarFile, manifest: dict, folder: Path) -> None:
    """Extract every member the manifest lists into `folder`, checking size and SHA-256."""
    for entry in manifest["files"]:
        name = entry["path"]
        if name.startswith("/") or ".." in Path(name).parts:
            raise BackupError(f"refusing a member outside the backup: {name}")
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        source = archive.extractfile(name)
        if source is None:
            raise BackupError(f"{name} is missing from the backup")
        with target.open("wb") as handle:
            shutil.copyfileobj(source, handle)
        if target.stat().st_size != entry["size"] or _sha256(target) != entry["sha256"]:
            raise BackupError(f"{name} is damaged (its checksum does not match the manifest)")


def _database_is_empty(url: URL) -> bool:
    """No rows in any table (a freshly migrated database counts as empty)."""
    if url.get_backend_name() == "sqlite" and not Path(url.database or "").exists():
        return True
    with db.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            if table != "alembic_version" and connection.execute(
                    text(f'SELECT 1 FROM "{table}" LIMIT 1')).first():
                return False
    return True


def _restore_database(url: URL, source: Path) -> None:
    if url.get_backend_name() == "sqlite":
        db.engine.dispose()
        target = sqlite3.connect(url.database)
        origin = sqlite3.connect(source)
        try:
            with target:
                origin.backup(target)
        finally:
            origin.close()
            target.close()
        return
    if shutil.which("pg_restore") is None:
        raise BackupError("pg_restore is not installed (Debian: apt-get install postgresql-client)")
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    conninfo = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    db.engine.dispose()
    # --clean: drop the empty tables a `db upgrade` may have made, then load the backup's.
    done = subprocess.run(["pg_restore", "--no-owner", "--clean", "--if-exists", "--exit-on-error",
                           "--dbname", conninfo,
                           str(source)], env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


def restore_site(backup: Path | str) -> dict:
    """Bring a backup back into this (empty) instance: the database, and the upload files
    of an archive from before 0013; the manifest."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    uploads = Path(current_app.config["UPLOAD_DIR"])
    with tarfile.open(backup, "r") as archive:
        manifest = _read_manifest(archive)
        if manifest["backend"] != url.get_backend_name():
            raise BackupError(f"this backup is of a {manifest['backend']} database; "
                              f"DATABASE_URL names {url.get_backend_name()}")
        if not _database_is_empty(url):
            raise BackupError("the database is not empty: restore into a new, empty database")
        old_files = any(e["path"].startswith("uploads/") for e in manifest["files"])
        if old_files and uploads.is_dir() and any(uploads.iterdir()):
            raise BackupError(f"{uploads} is not empty: restore into a new instance folder")
        with tempfile.TemporaryDirectory(prefix="doorstep-restore-") as work:
            _unpack_checked(archive, manifest, Path(work))  # every checksum before any write
            database = next(Path(work, e["path"]) for e in manifest["files"]
                            if e["path"].startswith("database."))
            _restore_database(url, database)
            if Path(work, "uploads").is_dir():
                shutil.copytree(Path(work, "uploads"), uploads, dirs_exist_ok=True)
    return manifest


@click.command("backup")
@with_appcontext
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The archive to write, e.g. doorstep-2026-12-02.tar")
def backup_command(out):
    """Back up the whole site: the database (uploaded photos and scans in it) and a manifest."""
    manifest = write_site_backup(out)
    click.echo(f"backup written to {out}: revision {manifest['revision']}, uploads in the database")


@click.command("restore")
@with_appcontext
@click.option("--from", "source", required=True, type=click.Path(exists=True, dir_okay=False),
              help="An archive written by `flask backup`")
def restore_command(source):
    """Restore a backup into an empty database and instance folder, checking every file."""
    manifest = restore_site(source)
    old_files = len(manifest["files"]) - 1  # archives from before 0013 hold upload files
    click.echo(f"restored {source}: revision {manifest['revision']}"
               + (f", {old_files} upload files into UPLOAD_DIR" if old_files else "")
               + "; run `flask --app app db upgrade` if this release is newer")

"""`flask db upgrade` backs the database up first, through the CLI, on both databases."""
import re
import stat
import subprocess
from pathlib import Path

import pytest
from flask_migrate.cli import db as flask_migrate_db
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app import create_app
from commands.database import db_group
from tests.migrations.conftest import site_config
from tests.migrations.helpers import compare, revisions, snapshot

HEAD = revisions()[-1]
BEFORE = revisions()[-2]
BACKUP_LINE = re.compile(r"backup written to (\S+)")


def run(site, *args):
    result = site.app.test_cli_runner().invoke(args=list(args))
    return result


def backup_path(output: str) -> Path:
    found = BACKUP_LINE.search(output)
    assert found, f"no backup reported:\n{output}"
    return Path(found.group(1))


def restored_snapshot(site, databases, path: Path):
    """The rows of a backup file, read back the way an operator would restore it."""
    if site.dialect == "sqlite":
        url = f"sqlite:///{path}"
    else:
        name = databases.create()
        url = databases.url(name)
        conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", conninfo,
                        str(path)], check=True, capture_output=True)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
            return revision, snapshot(connection)
    finally:
        engine.dispose()


def test_the_db_group_is_flask_migrates_with_our_upgrade(site):
    group = site.app.cli.commands["db"]
    assert group is db_group
    assert set(group.commands) == set(flask_migrate_db.commands)
    assert group.commands["upgrade"] is not flask_migrate_db.commands["upgrade"]
    assert "--no-backup" in run(site, "db", "upgrade", "--help").output


def test_upgrade_writes_a_backup_that_restores_the_rows(site_at, databases):
    site = site_at(BEFORE)
    before = site.snapshot()
    result = run(site, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert site.current() == HEAD

    path = backup_path(result.output)
    assert path.parent == Path(site.app.config["INSTANCE_DIR"]) / "backups"
    suffix = ".db" if site.dialect == "sqlite" else ".dump"
    assert re.fullmatch(rf"\d{{8}}T\d{{6}}Z-before-upgrade{re.escape(suffix)}", path.name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    revision, rows = restored_snapshot(site, databases, path)
    assert revision == BEFORE
    assert set(rows) == set(before) and rows.columns == before.columns
    assert not compare(before, rows), "the backup does not hold the rows as they were"
    assert sum(len(t) for t in rows.values()) > 1500  # the demo seed and every filler


def test_a_second_upgrade_within_the_second_keeps_both_backups(site_at):
    site = site_at(BEFORE)
    # An upgrade to a named revision takes a backup even when there is nothing to do.
    outputs = [run(site, "db", "upgrade", BEFORE).output for _ in range(2)]
    paths = {backup_path(output) for output in outputs}
    assert len(paths) == 2 and all(p.exists() for p in paths)


def test_no_backup_skips_it(site_at):
    site = site_at(BEFORE)
    result = run(site, "db", "upgrade", "--no-backup")
    assert result.exit_code == 0, result.output
    assert "no backup taken (--no-backup)" in result.output
    assert not (Path(site.app.config["INSTANCE_DIR"]) / "backups").exists()
    assert site.current() == HEAD


def test_no_backup_of_a_database_without_revision_or_already_at_head(site):
    result = run(site, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "no backup taken: the database holds no revision yet" in result.output
    assert site.current() == HEAD
    again = run(site, "db", "upgrade")
    assert "no backup taken: the database is at the newest revision already" in again.output
    assert not (Path(site.app.config["INSTANCE_DIR"]) / "backups").exists()


def test_a_failed_backup_stops_the_upgrade(site_at):
    site = site_at(BEFORE)
    instance = Path(site.app.config["INSTANCE_DIR"])
    instance.mkdir(parents=True, exist_ok=True)
    (instance / "backups").write_text("not a folder")
    result = run(site, "db", "upgrade")
    assert result.exit_code == 1
    assert "cannot write backups to" in result.output
    assert "nothing was migrated (--no-backup upgrades without a backup)" in result.output
    assert site.current() == BEFORE


def test_auto_migration_on_start_backs_up_an_existing_database(site_at, tmp_path):
    site = site_at(BEFORE)
    if site.dialect != "sqlite":
        pytest.skip("the app migrates itself on start on SQLite only")
    before = site.snapshot()
    site.close()
    started = create_app(site_config(site.url, site.folder, AUTO_MIGRATE=True))
    with started.app_context():
        from extensions import db

        db.engine.dispose()
    assert site.current() == HEAD
    backups = list((Path(site.app.config["INSTANCE_DIR"]) / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.endswith("-before-upgrade.db")
    engine = create_engine(f"sqlite:///{backups[0]}")
    with engine.connect() as connection:
        assert not compare(before, snapshot(connection))
    engine.dispose()

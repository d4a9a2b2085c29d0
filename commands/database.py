"""Creating and upgrading the database.

`flask --app app db …` is Flask-Migrate's command group with one change: `db upgrade`
first backs the database up to instance/backups/ (unless --no-backup) and says where.
"""
import logging

import click
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask, g
from flask.cli import with_appcontext
from flask_migrate import cli as migrate_cli
from flask_migrate import upgrade

from commands.backup import BackupError, backup_before_upgrade
from extensions import db

log = logging.getLogger("doorstep.migrate")


def current_revisions() -> set[str]:
    """The revisions the database stands at (empty for a database never migrated)."""
    with db.engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def is_current(app: Flask) -> bool:
    """True when the database already stands at the newest migration."""
    script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    return current_revisions() == set(script.get_heads())


def backup_needed(app: Flask, revision: str) -> str | None:
    """Why no backup is needed before upgrading to `revision`, or None when one is."""
    if not current_revisions():
        return "the database holds no revision yet"
    if revision == "head" and is_current(app):
        return "the database is at the newest revision already"
    return None


@click.command("upgrade")
@click.option("-d", "--directory", default=None,
              help='Migration script directory (default is "migrations")')
@click.option("--sql", is_flag=True,
              help="Don't emit SQL to database - dump to standard output instead")
@click.option("--tag", default=None,
              help='Arbitrary "tag" name - can be used by custom env.py scripts')
@click.option("-x", "--x-arg", multiple=True,
              help="Additional arguments consumed by custom env.py scripts")
@click.option("--no-backup", is_flag=True,
              help="Don't back the database up to instance/backups/ first.")
@click.argument("revision", default="head")
@with_appcontext
def upgrade_command(directory, sql, tag, x_arg, no_backup, revision):
    """Upgrade to a later version, after backing the database up (unless --no-backup)."""
    from flask import current_app

    if sql:
        pass  # offline: only prints SQL, the database is not touched
    elif no_backup:
        click.echo("no backup taken (--no-backup)")
    elif reason := backup_needed(current_app, revision):
        click.echo(f"no backup taken: {reason}")
    else:
        try:
            path = backup_before_upgrade()
        except BackupError as error:
            raise BackupError(f"{error.message}; nothing was migrated (--no-backup upgrades "
                              "without a backup)") from error
        click.echo(f"backup written to {path}")
    upgrade(directory or g.directory, revision, sql, tag, x_arg or g.x_arg)


# Flask-Migrate's group and every other command of it, as they are.
db_group = click.Group(
    name="db",
    help=migrate_cli.db.help,
    params=list(migrate_cli.db.params),
    callback=migrate_cli.db.callback,
    commands={**migrate_cli.db.commands, "upgrade": upgrade_command},
)


def upgrade_on_start(app: Flask) -> None:
    """Create or migrate an SQLite database on first run; back an existing one up first.

    On PostgreSQL several app servers may start at once, so there the
    deployment runs `flask --app app db upgrade` once instead (README).
    """
    wanted = app.config.get("AUTO_MIGRATE")
    if wanted is None:
        wanted = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    if not wanted:
        return
    with app.app_context():
        if not is_current(app):
            if current_revisions():
                path = backup_before_upgrade()
                log.warning("migrating the database; backup written to %s", path)
            upgrade()

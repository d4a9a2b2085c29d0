"""Creating and upgrading the database."""
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import upgrade

from extensions import db


def is_current(app: Flask) -> bool:
    """True when the database already stands at the newest migration."""
    script = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == set(script.get_heads())


def upgrade_on_start(app: Flask) -> None:
    """Create or migrate an SQLite database on first run.

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
            upgrade()

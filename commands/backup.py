"""`flask backup --out <file>`: a consistent copy of the database."""
import os
import shutil
import sqlite3
import subprocess

import click
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

from extensions import db


@click.command("backup")
@with_appcontext
@click.option("--out", required=True, type=click.Path(dir_okay=False))
def backup_command(out):
    """SQLite: an online copy; PostgreSQL: pg_dump in custom format."""
    url = make_url(db.engine.url)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database)
        target = sqlite3.connect(out)
        with target:
            source.backup(target)  # safe while the app is writing
        source.close()
        target.close()
    else:
        if shutil.which("pg_dump") is None:
            raise click.ClickException("pg_dump is not installed")
        env = {**os.environ, "PGPASSWORD": url.password or ""}
        conninfo = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
        subprocess.run(["pg_dump", "--format=custom", "--file", out, conninfo], check=True, env=env)
    click.echo(f"backup written to {out}")

import logging
from collections import Counter
from logging.config import fileConfig

from alembic import context
from flask import current_app

# this is the Alembic Config object, which provides
# access to the values within the .ini file in use.
config = context.config

# Interpret the config file for Python logging. Keep the loggers that exist already: a web
# process that migrates itself on start (SQLite) would otherwise silence the app's own
# loggers (printing, render jobs) for the rest of its life.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger('alembic.env')


def get_engine():
    try:
        # this works with Flask-SQLAlchemy<3 and Alchemical
        return current_app.extensions['migrate'].db.engine
    except (TypeError, AttributeError):
        # this works with Flask-SQLAlchemy>=3
        return current_app.extensions['migrate'].db.engine


def get_engine_url():
    try:
        return get_engine().url.render_as_string(hide_password=False).replace(
            '%', '%%')
    except AttributeError:
        return str(get_engine().url).replace('%', '%%')


# add your model's MetaData object here
# for 'autogenerate' support
# from myapp import mymodel
# target_metadata = mymodel.Base.metadata
config.set_main_option('sqlalchemy.url', get_engine_url())
target_db = current_app.extensions['migrate'].db

# other values from the config, defined by the needs of env.py,
# can be acquired:
# my_important_option = config.get_main_option("my_important_option")
# ... etc.


def get_metadata():
    if hasattr(target_db, 'metadatas'):
        return target_db.metadatas[None]
    return target_db.metadata


def run_migrations_offline():
    """Run migrations in 'offline' mode.

    This configures the context with just a URL
    and not an Engine, though an Engine is acceptable
    here as well.  By skipping the Engine creation
    we don't even need a DBAPI to be available.

    Calls to context.execute() here emit the given string to the
    script output.

    """
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url, target_metadata=get_metadata(), literal_binds=True
    )

    with context.begin_transaction():
        context.run_migrations()


def render_item(type_, obj, autogen_context):
    """Write the app's UTCDateTime as a plain DateTime(timezone=True).

    Migrations must not import model code: models change, landed migrations don't.
    """
    from models.base import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def set_sqlite_foreign_keys(connection, on):
    """Switch SQLite's foreign key enforcement (only possible outside a transaction).

    Batch mode rebuilds a table as copy, DROP, rename. With foreign keys on, that DROP
    deletes every row first: ON DELETE CASCADE children vanish (0002 emptied
    user_communities and grid_workers this way) and other children make it fail. So
    migrations run with enforcement off and check_sqlite_foreign_keys() runs instead.
    """
    if connection.in_transaction():
        raise RuntimeError("PRAGMA foreign_keys must be set before the migration transaction")
    raw = connection.connection.driver_connection
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def check_sqlite_foreign_keys(ctx, step, heads, run_args):
    """After each migration, before its commit: refuse rows whose parents are missing."""
    rows = ctx.connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if rows:
        counts = Counter((table, parent) for table, _rowid, parent, _fk in rows)
        found = ", ".join(f"{n} in {table} -> {parent}" for (table, parent), n in sorted(counts.items()))
        what = "upgrade to" if step.is_upgrade else "downgrade of"
        raise RuntimeError(
            f"{what} {step.up_revision_id} left {len(rows)} rows pointing at missing "
            f"parents ({found}); that step was rolled back")


def run_migrations_online():
    """Run migrations in 'online' mode.

    In this scenario we need to create an Engine
    and associate a connection with the context.

    """

    # this callback is used to prevent an auto-migration from being generated
    # when there are no changes to the schema
    # reference: http://alembic.zzzcomputing.com/en/latest/cookbook.html
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, 'autogenerate', False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info('No changes in schema detected.')

    conf_args = current_app.extensions['migrate'].configure_args
    conf_args.setdefault("render_item", render_item)
    if conf_args.get("process_revision_directives") is None:
        conf_args["process_revision_directives"] = process_revision_directives

    connectable = get_engine()

    with connectable.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        args = dict(conf_args)
        if sqlite:
            args["on_version_apply"] = [*args.get("on_version_apply", ()),
                                        check_sqlite_foreign_keys]
            set_sqlite_foreign_keys(connection, False)
        try:
            context.configure(
                connection=connection,
                target_metadata=get_metadata(),
                **args
            )

            with context.begin_transaction():
                context.run_migrations()
        finally:
            if sqlite:
                if connection.in_transaction():
                    connection.rollback()
                set_sqlite_foreign_keys(connection, True)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

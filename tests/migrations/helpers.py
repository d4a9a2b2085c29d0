"""Reading and writing a database at any revision, without the ORM models (they describe head).

A snapshot is {table: {primary key: {column: value}}} of every row, read through a reflected
schema, so it works at every revision on SQLite and PostgreSQL alike.
"""
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Column, MetaData, Table, func, inspect, select, text

ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = ROOT / "migrations"
DEMO_SQL = Path(__file__).parent / "data" / "0001_demo.sql"


def revisions() -> list[str]:
    """Every revision id, oldest first (the history is a straight line)."""
    script = ScriptDirectory(str(MIGRATIONS))
    if len(script.get_heads()) != 1:
        raise AssertionError(f"migrations have several heads: {script.get_heads()}; merge them")
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def migration_module(revision: str):
    """The loaded version file of a revision (its docstring, upgrade and downgrade)."""
    return ScriptDirectory(str(MIGRATIONS)).get_revision(revision).module


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive UTC, PostgreSQL aware: compare them as aware."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def table(connection, name: str, inspector=None) -> Table:
    """A table's columns and primary key as they are now (no foreign keys or indexes: faster)."""
    inspector = inspector or inspect(connection)
    key = set(inspector.get_pk_constraint(name)["constrained_columns"])
    return Table(name, MetaData(), *(Column(c["name"], c["type"], primary_key=c["name"] in key)
                                     for c in inspector.get_columns(name)))


def insert(connection, name: str, rows: list[dict]) -> None:
    """Insert rows through the table as it is at this revision (reflected, typed)."""
    if not rows:
        return
    target = table(connection, name)
    unknown = set().union(*rows) - set(target.columns.keys())
    if unknown:
        raise AssertionError(f"{name} has no column(s) {sorted(unknown)} at this revision")
    connection.execute(target.insert(), rows)
    reset_sequence(connection, target)


def reset_sequence(connection, target: Table) -> None:
    """PostgreSQL: rows inserted with explicit ids leave the id sequence behind; move it on."""
    if connection.dialect.name != "postgresql" or "id" not in target.columns:
        return
    highest = connection.scalar(select(func.max(target.c.id)))
    if highest is not None:
        connection.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                           {"t": target.name, "n": highest})


def load_sql(connection, path: Path = DEMO_SQL) -> None:
    """Run a fixture written by scripts/dump-0001-demo: one statement per line, UTC times."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SET LOCAL TIME ZONE 'UTC'"))
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("--"):
            connection.exec_driver_sql(line)
    if connection.dialect.name == "postgresql":
        for name in inspect(connection).get_table_names():
            reset_sequence(connection, table(connection, name))


class Snapshot(dict):
    """{table: {primary key: {column: value}}}, with `.columns`: {table: column names}."""

    columns: dict[str, set[str]]


def snapshot(connection) -> Snapshot:
    """Every row of every table (but alembic_version), keyed by primary key."""
    result = Snapshot()
    result.columns = {}
    inspector = inspect(connection)
    for name in sorted(inspector.get_table_names()):
        if name == "alembic_version":
            continue
        reflected = table(connection, name, inspector)
        names = list(reflected.columns.keys())
        key = list(reflected.primary_key.columns) or list(reflected.columns)
        where = [names.index(c.name) for c in key]
        rows = {}
        for row in connection.execute(select(reflected).order_by(*key)):
            rows[tuple(row[i] for i in where)] = dict(zip(names, row))
        result[name] = rows
        result.columns[name] = set(names)
    return result


def added_columns(old: Snapshot, new: Snapshot) -> set[tuple[str, str]]:
    """(table, column) present in `new` but not in `old`, for tables in both."""
    return {(name, column) for name in old.columns.keys() & new.columns.keys()
            for column in new.columns[name] - old.columns[name]}


def compare(before: dict, after: dict, *, changes=frozenset(), gone_tables=frozenset(),
            gone_columns=frozenset()) -> list[str]:
    """What got lost or altered from `before` to `after`, as readable lines.

    `changes`: (table, column) pairs the step means to rewrite; `gone_tables` and
    `gone_columns` ((table, column)) what it means to drop. Anything else must be kept:
    every row, by primary key, with the same value in every column it had.
    """
    problems = []
    for name, rows in before.items():
        if name not in after:
            if name not in gone_tables and rows:
                problems.append(f"table {name} with {len(rows)} rows is gone")
            continue
        new_rows = after[name]
        lost = [key for key in rows if key not in new_rows]
        if lost:
            problems.append(f"{name}: {len(lost)} of {len(rows)} rows lost, e.g. id {lost[:3]}")
        for key, old in rows.items():
            new = new_rows.get(key)
            if new is None:
                continue
            for column, value in old.items():
                if column not in new:
                    if (name, column) not in gone_columns:
                        problems.append(f"{name}.{column} is gone (row {key} had {value!r})")
                elif (name, column) not in changes and not same(value, new[column]):
                    problems.append(f"{name}.{column} of row {key}: {value!r} became {new[column]!r}")
    return dedupe(problems)


def same(a, b) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return as_utc(a) == as_utc(b)
    return a == b


def dedupe(problems: list[str], limit: int = 25) -> list[str]:
    """One line per lost column is enough: keep the first few of each kind."""
    seen: dict[str, int] = {}
    kept = []
    for line in problems:
        kind = line.split(" of row ")[0].split(" (row ")[0]
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= 2:
            kept.append(line)
    extra = len(problems) - len(kept)
    return kept[:limit] + ([f"… and {extra} more"] if extra else [])

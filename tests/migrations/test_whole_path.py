"""The oldest release's demo database, upgraded to head in one go, keeps every seeded record.

The fixture is `seed-demo` as it was at revision 0001 (scripts/dump-0001-demo). That
release had no photos (issue photos arrive with 0005): the photos of an upgraded site
are covered by the 0005 step and everything after it in test_each_migration.py.
"""
import re

from sqlalchemy import func, select, text

from extensions import db
from models import Community, Grid, User
from tests.migrations.checks import page
from tests.migrations.helpers import DEMO_SQL, compare, load_sql, revisions

ACCOUNTS = {  # the demo accounts of 0001 and the console page each must still reach
    "admin": ("/staff/liujin/", "/staff/xingyuan/"),
    "liujin-staff": ("/staff/liujin/",),
    "liujin-grid": ("/staff/liujin/",),
    "xingyuan-staff": ("/staff/xingyuan/",),
    "xingyuan-grid": ("/staff/xingyuan/",),
}


def fixture_rows() -> dict[str, int]:
    """How many rows each INSERT of the fixture holds, by table."""
    counts: dict[str, int] = {}
    for line in DEMO_SQL.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"INSERT INTO (\w+) ", line):
            counts[match.group(1)] = counts.get(match.group(1), 0) + line.count("), (") + 1
    return counts


def test_the_0001_demo_database_upgrades_to_head_with_every_record(site):
    site.upgrade(revisions()[0])
    with site.begin() as connection:
        load_sql(connection)
    seeded = site.snapshot()
    assert {t: len(rows) for t, rows in seeded.items() if rows} == fixture_rows()

    site.upgrade("head")  # every migration in one go, as `flask db upgrade` does
    assert site.current() == revisions()[-1]
    lost = compare(seeded, site.snapshot())
    assert not lost, "the upgrade lost demo data:\n  " + "\n  ".join(lost)

    with site.app.app_context():
        if db.engine.dialect.name == "sqlite":  # env.py turned them off for the migrations only
            with db.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        for model_table in db.metadata.sorted_tables:
            count = db.session.scalar(select(func.count()).select_from(model_table))
            assert count == len(seeded.get(model_table.name, {})), model_table.name
        # Through the head models: every account keeps its communities and grids.
        users = {u.username: u for u in db.session.scalars(select(User))}
        assert [c.slug for c in users["admin"].communities] == ["liujin", "xingyuan"]
        assert all(u.communities for u in users.values())
        grids = db.session.scalars(select(Grid).join(Community)).all()
        workers = {w.username for grid in grids for w in grid.workers}
        assert workers == {"liujin-grid", "xingyuan-grid"}
        compounds = {c.slug: [x.name for x in c.compounds]
                     for c in db.session.scalars(select(Community))}
        db.session.remove()

    public = site.client()
    for slug, names in compounds.items():
        page(public, f"/c/{slug}/issues/new", *names)  # the report form lists every compound
    for username, pages in ACCOUNTS.items():
        client = site.login(username, "doorstep-demo")
        for url in pages:
            page(client, url)
    page(site.login("liujin-partner", "doorstep-demo"), "/partner/")  # no unit: 0001 had none
    with site.begin() as connection:
        assert connection.scalar(text("SELECT count(*) FROM households")) == 560

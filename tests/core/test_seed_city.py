"""seed-city fills every table, makes city-big ten times a normal community, and repeats itself."""
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import func, select

from blueprints.auth.services import authenticate
from commands.seed_city import seed_city_command
from demo.city import CITY_PASSWORD
from extensions import db
from models import (
    Activity,
    Community,
    CourseRequest,
    Household,
    Issue,
    IssueEvent,
    Offer,
    Person,
    Shift,
    Signup,
)
from tests.conftest import empty_database

TINY = ["--communities", "2", "--scale", "0.1", "--big-factor", "10", "--today", "2026-06-01"]


def run_seed(app, *extra: str) -> str:
    result = CliRunner().invoke(seed_city_command, [*TINY, *extra],
                                obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0, result.output
    return result.output


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    db.session.expire_all()
    return {table.name: [tuple(row) for row in db.session.execute(
        select(table).order_by(*table.primary_key.columns))]
        for table in db.metadata.sorted_tables}


def rows_of(slug: str) -> dict[str, int]:
    """What one community holds, counted per kind of record."""
    community = db.session.scalar(select(Community.id).where(Community.slug == slug))

    def count(query) -> int:
        return db.session.scalar(select(func.count()).select_from(query.subquery()))

    return {
        "households": count(select(Household.id).where(Household.community_id == community)),
        "offers": count(select(Offer.id).where(Offer.community_id == community)),
        "activities": count(select(Activity.id).where(Activity.community_id == community)),
        "signups": count(select(Signup.id).join(Shift).join(Activity)
                         .where(Activity.community_id == community)),
        "issues": count(select(Issue.id).where(Issue.community_id == community)),
        "course_requests": count(select(CourseRequest.id)
                                 .where(CourseRequest.community_id == community)),
        "timeline": count(select(IssueEvent.id).join(Issue).where(Issue.community_id == community)),
    }


def test_every_table_gets_rows_and_the_accounts_log_in(app):
    output = run_seed(app)
    empty = [table.name for table in db.metadata.sorted_tables
             if not db.session.scalar(select(func.count()).select_from(table))]
    assert empty == []
    assert {"city-001", "city-002", "city-big"} == set(db.session.scalars(select(Community.slug)))
    assert "city-big-staff" in output
    for username in ("city-admin", "city-001-staff", "city-big-grid1", "city-002-partner1"):
        assert authenticate(username, CITY_PASSWORD) is not None, username


def test_the_big_community_holds_ten_times_a_normal_ones_rows(app):
    run_seed(app)
    normal, big = rows_of("city-001"), rows_of("city-big")
    assert all(normal.values()), normal
    for kind in normal:
        assert 7 <= big[kind] / normal[kind] <= 13, (kind, normal[kind], big[kind])


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data(app):
    run_seed(app)
    first = snapshot()
    empty_database()
    run_seed(app)
    assert snapshot() == first
    people = set(db.session.scalars(select(Person.name)))
    empty_database()
    run_seed(app, "--seed", "2")
    assert set(db.session.scalars(select(Person.name))) != people


def test_a_second_run_keeps_the_communities_there(app):
    run_seed(app)
    before = db.session.scalar(select(func.count(Signup.id)))
    run_seed(app)
    assert db.session.scalar(select(func.count(Signup.id))) == before

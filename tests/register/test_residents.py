"""A resident's personal data: everything held about them, erasing it, and `flask purge`."""
from datetime import timedelta

from sqlalchemy import select

from blueprints.core import clock
from blueprints.register import purge, residents
from extensions import db
from models import AuditEvent, Issue, Person
from tests.factories import make_person
from tests.issues.factories import make_issue
from tests.volunteers.factories import make_activity, make_shift, make_signup


def test_export_gathers_household_tags_signups_and_issues(world):
    person = world["resident"]
    from blueprints.register import services
    services.add_tag(world["staff"], world["home"], "over_80", "户主本人", "paper")
    shift = make_shift(make_activity(world["community"]), start_in=timedelta(days=-3))
    make_signup(shift, person, status="attended")
    make_issue(world["community"], world["pearl"], reporter_mobile=person.mobile, what="楼道灯坏了")
    data = residents.record_export(world["staff"], person)
    assert data["resident"]["mobile"] == "13912345678"
    assert data["household"]["tags"][0]["consent_method"] == "paper"
    assert list(data["volunteer_hours_by_year"].values()) == [2.0]
    assert data["volunteer_signups"][0]["status"] == "attended"
    assert data["issues_reported"][0]["what"] == "楼道灯坏了"
    latest = select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(1)
    assert db.session.scalar(latest) == "person.exported"


def test_erasing_keeps_hours_and_issues_without_the_person(world):
    person = world["resident"]
    shift = make_shift(make_activity(world["community"]), start_in=timedelta(days=-3))
    signup = make_signup(shift, person, status="attended")
    issue = make_issue(world["community"], world["pearl"], reporter_name="王秀英",
                       reporter_mobile=person.mobile)
    residents.erase(world["staff"], person)
    db.session.expire_all()
    person = db.session.get(Person, person.id)
    assert (person.name, person.mobile, person.household_id) == ("已删除居民", f"erased-{person.id}", None)
    assert signup.minutes == 120 and signup.person_id == person.id  # hours totals kept
    issue = db.session.get(Issue, issue.id)
    assert (issue.reporter_name, issue.reporter_mobile, issue.anonymous) == ("", "", True)
    assert issue.what == "井盖塌陷"
    assert db.session.scalar(select(AuditEvent.action)) == "person.erased"
    assert residents.is_erased(person)


def test_purge_anonymises_only_old_volunteer_contacts(app, world):
    now = clock.now()
    old = make_person(world["community"], name="老志愿者", created_at=now - timedelta(days=900))
    recent = make_person(world["community"], name="新志愿者", created_at=now - timedelta(days=900))
    shift = make_shift(make_activity(world["community"]), start_in=timedelta(days=-800))
    make_signup(shift, old, status="attended", queued_at=now - timedelta(days=800))
    make_signup(shift, recent, status="attended", queued_at=now - timedelta(days=800))
    later = make_shift(make_activity(world["community"]), start_in=timedelta(days=-10))
    make_signup(later, recent, status="attended", queued_at=now - timedelta(days=10))
    make_signup(later, world["resident"], status="attended", queued_at=now - timedelta(days=800))
    assert purge.signup_contacts(now, app.config) == 1
    db.session.expire_all()
    assert db.session.get(Person, old.id).name == "已删除居民"
    assert db.session.get(Person, recent.id).name == "新志愿者"
    assert db.session.get(Person, world["resident"].id).name == "王秀英"  # in a household: kept
    assert purge.signup_contacts(now, app.config) == 0  # already done


def test_purge_command_lists_each_purger(app, world):
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0 and "sign-up contacts: 0 anonymised" in result.output


def test_erasing_gives_up_places_on_shifts_still_ahead(world):
    person = world["resident"]
    shift = make_shift(make_activity(world["community"]), capacity=1)
    signup = make_signup(shift, person)
    waiting = make_signup(shift, world["neighbour"], status="waitlisted")
    residents.erase(world["staff"], person)
    db.session.expire_all()
    assert (signup.status, waiting.status) == ("cancelled", "confirmed")


def test_purge_drops_old_import_previews(app, world):
    from blueprints.register import importing
    from blueprints.register.sheets import xlsx_bytes
    from storage import get_storage
    token = importing.store_upload(world["community"], world["staff"],
                                   xlsx_bytes([["明珠公寓", "", "", "", "101", "", "", "", "", "", "", ""]]),
                                   "a.xlsx")
    assert purge.import_previews(clock.now(), app.config) == 0
    assert purge.import_previews(clock.now() + timedelta(days=3), app.config) == 1
    assert importing.stored_rows(world["community"], world["staff"], token) is None
    assert get_storage().exists("x") is False


def test_a_learners_ratings_are_exported_and_their_comments_erased(world, app):
    from models.courses import SessionRating
    from tests.classes.factories import make_course

    person = world["resident"]
    with app.test_request_context():
        course = make_course(world["community"], actor=world["staff"])
    session = course.activity.shifts[0]
    signup = make_signup(session, person, status="attended")
    db.session.add(SessionRating(signup_id=signup.id, stars=5, comment="王老师教得好，我住3栋"))
    db.session.commit()
    data = residents.record_export(world["staff"], person)
    assert data["session_ratings"] == [{"activity": "钩针编织入门", "stars": 5,
                                        "comment": "王老师教得好，我住3栋",
                                        "at": data["session_ratings"][0]["at"]}]
    assert data["volunteer_hours_by_year"] == {}  # a class attended is not volunteer time
    residents.erase(world["staff"], person)
    db.session.expire_all()
    rating = db.session.scalar(select(SessionRating))
    assert (rating.stars, rating.comment) == (5, "")


def test_the_export_carries_the_households_door_knocking_visits(world):
    from models.visits import Visit, VisitCampaign

    from datetime import date

    campaign = VisitCampaign(community_id=world["community"].id, name="冬季入户走访",
                             starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31))
    db.session.add(campaign)
    db.session.flush()
    db.session.add(Visit(community_id=world["community"].id, campaign_id=campaign.id,
                         household_id=world["home"].id, client_id="c0ffee00-0000-4000-8000-000000000001",
                         outcome="visited", need="想要室内锻炼的地方"))
    db.session.commit()
    data = residents.record_export(world["staff"], world["resident"])
    [visit] = data["household_visits"]
    assert (visit["round"], visit["outcome"], visit["need"]) == ("冬季入户走访", "visited", "想要室内锻炼的地方")


def test_the_purge_command_runs_the_visits_purger_too(app, world):
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0 and "visit answers: 0 anonymised" in result.output

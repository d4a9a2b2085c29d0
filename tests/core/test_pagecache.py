"""Anonymous public pages come from memory until their community's data changes (issue 10)."""
from datetime import timedelta

import pytest
from sqlalchemy import inspect, select

from blueprints.core import clock, versions
from blueprints.core.pagecache import Entry, PageCache
from extensions import db
from models import Community, User
from tests.conftest import csrf_token_from
from tests.factories import login, make_community, make_user
from tests.volunteers.factories import make_activity, make_shift


pytestmark = pytest.mark.usefixtures("one_minute")


@pytest.fixture
def place(app):
    community = make_community(slug="xy", name="柳荫社区")
    make_community(slug="other", name="别的社区")
    shift = make_shift(make_activity(community, title="清扫楼道"))
    db.session.commit()
    return community, shift


def _cached(response) -> bool:
    return response.headers.get("X-Page-Cache") == "hit"


def test_the_second_visit_is_served_from_memory_with_its_own_csrf_token(place, app):
    first, second = app.test_client(), app.test_client()
    built, served = first.get("/c/xy/"), second.get("/c/xy/")
    assert not _cached(built) and _cached(served)
    assert "清扫楼道" in served.text and "柳荫社区" in served.text
    mine, theirs = csrf_token_from(built.text), csrf_token_from(served.text)
    assert mine != theirs  # each visitor gets the token of their own session
    assert served.text.replace(theirs, mine) == built.text


def test_a_served_page_token_is_accepted_for_that_visitors_own_post(place, fresh_app):
    application = fresh_app(WTF_CSRF_ENABLED=True)
    with application.app_context():
        application.test_client().get("/c/xy/")  # someone else built the page
        client = application.test_client()
        page = client.get("/c/xy/")
        assert _cached(page)
        answer = client.post("/prefs/language", data={"value": "en", "csrf_token": csrf_token_from(page.text)})
        assert answer.status_code in (302, 303) and "lang=en" in answer.headers["Set-Cookie"]
        db.session.commit()


def test_a_change_to_the_community_shows_on_the_next_visit(place, client):
    community, shift = place
    client.get("/c/xy/")
    assert _cached(client.get("/c/xy/"))
    make_shift(make_activity(community, title="反诈宣传"), start_in=timedelta(days=1))
    db.session.commit()
    page = client.get("/c/xy/")
    assert not _cached(page) and "反诈宣传" in page.text


def test_a_change_in_a_child_row_raises_its_communitys_version_only(place):
    community, shift = place
    other = db.session.scalar(select(Community).where(Community.slug == "other"))
    before, other_before = community.data_version, other.data_version
    shift.capacity = shift.capacity + 5  # a shift belongs to the community through its activity
    db.session.commit()
    assert (community.data_version, other.data_version) == (before + 1, other_before)


def test_a_rollback_raises_no_version(place):
    community, shift = place
    before = community.data_version
    shift.capacity = 99
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert community.data_version == before


def test_pages_for_a_person_are_built_for_them_and_never_kept(place, app, client):
    client.get("/c/xy/")
    client.set_cookie("volunteer_xy", "signed-remember-token")
    assert not _cached(client.get("/c/xy/"))  # a remembered volunteer
    staff = app.test_client()
    login(staff, make_user("staff", [place[0]]))
    assert not _cached(staff.get("/c/xy/")) and not _cached(staff.get("/c/xy/"))


def test_language_elder_mode_and_fragments_are_kept_apart(place, app):
    chinese, english = app.test_client(), app.test_client()
    english.set_cookie("lang", "en")
    chinese.get("/c/xy/")
    page = english.get("/c/xy/")
    assert not _cached(page) and 'lang="en"' in page.text
    again = english.get("/c/xy/")
    assert _cached(again) and 'lang="en"' in again.text
    elder = app.test_client()
    elder.set_cookie("elder", "1")
    assert not _cached(elder.get("/c/xy/"))
    assert not _cached(chinese.get("/c/xy/", headers={"HX-Request": "true"}))


def test_a_page_is_kept_at_most_until_the_minute_changes(place, client, monkeypatch):
    client.get("/c/xy/")
    assert _cached(client.get("/c/xy/"))
    later = clock.now() + timedelta(minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert not _cached(client.get("/c/xy/"))


def test_the_cache_can_be_switched_off(place, app, client):
    app.config["PAGE_CACHE"] = False
    client.get("/c/xy/")
    assert not _cached(client.get("/c/xy/"))


def test_the_cache_is_bounded_by_entries_and_bytes():
    cache = PageCache(max_entries=3, max_bytes=100)
    for n in range(5):
        cache.put(("page", n), Entry(b"x" * 10, 200, "text/html"))
    assert [cache.get(("page", n)) is not None for n in range(5)] == [False, False, True, True, True]
    cache.put(("big",), Entry(b"x" * 95, 200, "text/html"))
    assert cache.get(("big",)) is not None and cache.get(("page", 4)) is None


def test_every_table_is_tied_to_a_community_or_said_to_be_private():
    for mapper in db.Model.registry.mappers:
        cls = mapper.class_
        name = cls.__name__
        if name in versions.PARENTS:
            target = cls
            for attribute in versions.PARENTS[name].split("."):
                target = inspect(target).relationships[attribute].mapper.class_
            assert "community_id" in inspect(target).columns, name
        else:
            assert (cls in (Community, User) or "community_id" in mapper.columns
                    or name in versions.NOT_SHOWN), (
                f"{name}: say in core/versions.py how it belongs to a community (PARENTS), "
                "or that no cached page shows it (NOT_SHOWN)")


def test_a_browser_with_the_current_version_gets_304_and_a_changed_page_in_full(place, client):
    community, shift = place
    first = client.get("/c/xy/")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"  # kept by the browser only
    again = client.get("/c/xy/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    shift.activity.title = "清扫楼道和车棚"
    db.session.commit()
    changed = client.get("/c/xy/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "清扫楼道和车棚" in changed.text


def test_a_new_session_never_reuses_a_copy_holding_the_old_token(place, app, client):
    etag = client.get("/c/xy/").headers["ETag"]
    stranger = app.test_client()  # e.g. the browser restarted and its session cookie is gone
    assert stranger.get("/c/xy/", headers={"If-None-Match": etag}).status_code == 200


def test_pages_for_a_person_carry_no_validator(place, app):
    staff = app.test_client()
    login(staff, make_user("staff", [place[0]]))
    page = staff.get("/c/xy/")
    assert "ETag" not in page.headers and page.headers["Cache-Control"] == "no-store"

"""Staff pages and a remembered volunteer's page come from memory per person (issue 10)."""
import pytest

from blueprints.auth import sessions
from blueprints.core.audit import record_event
from blueprints.volunteers import tokens
from extensions import db
from tests.factories import login, make_community, make_person, make_user
from tests.issues.factories import make_issue
from tests.queries import count_queries
from tests.volunteers.factories import make_activity, make_shift, make_signup


pytestmark = pytest.mark.usefixtures("one_minute")


@pytest.fixture
def place(app):
    community = make_community(slug="xy", name="柳荫社区")
    other = make_community(slug="other", name="别的社区")
    issue = make_issue(community, what="三号楼路灯不亮")
    db.session.commit()
    return community, other, issue


def _cached(response) -> bool:
    return response.headers.get("X-Page-Cache") == "hit"


def _staff(app, community, **overrides):
    user = make_user("staff", [community], **overrides)
    client = app.test_client()
    login(client, user)
    return user, client


def test_a_staff_page_is_kept_per_account_and_never_in_the_browser(place, app):
    community, _other, issue = place
    anna, hers = _staff(app, community, display_name="王安娜")
    _bo, his = _staff(app, community, display_name="李博")
    built = hers.get("/staff/xy/issues")
    served = hers.get("/staff/xy/issues")
    assert not _cached(built) and _cached(served)
    assert "三号楼路灯不亮" in served.text and "王安娜" in served.text
    assert "ETag" not in served.headers and served.headers["Cache-Control"] == "no-store"
    first_for_him = his.get("/staff/xy/issues")
    assert not _cached(first_for_him)  # his own copy, with his own name on it
    assert "李博" in first_for_him.text and "王安娜" not in first_for_him.text


def test_a_change_shows_on_the_next_staff_visit(place, app):
    community, _other, issue = place
    _user, client = _staff(app, community)
    client.get(f"/staff/xy/issues/{issue.id}")
    assert _cached(client.get(f"/staff/xy/issues/{issue.id}"))
    issue.what = "三号楼路灯已坏两晚"
    db.session.commit()
    page = client.get(f"/staff/xy/issues/{issue.id}")
    assert not _cached(page) and "三号楼路灯已坏两晚" in page.text


def test_access_is_checked_before_the_kept_copy_is_served(place, app):
    community, other, _issue = place
    user, client = _staff(app, community)
    client.get("/staff/xy/audit")
    assert _cached(client.get("/staff/xy/audit"))
    sessions.end_all(user, None)
    db.session.commit()
    assert client.get("/staff/xy/audit").status_code == 302  # back to the login page
    _stranger, theirs = _staff(app, other)
    assert theirs.get("/staff/xy/audit").status_code == 403
    grid_worker = make_user("grid_worker", [community])
    visitor = app.test_client()
    login(visitor, grid_worker)
    assert visitor.get("/staff/xy/audit").status_code == 403  # staff only, cached or not


def test_an_account_renamed_shows_its_new_name_at_once(place, app):
    community, _other, _issue = place
    user, client = _staff(app, community, display_name="王安娜")
    client.get("/staff/xy/activities")
    assert _cached(client.get("/staff/xy/activities"))
    user.display_name = "王安"
    db.session.commit()
    page = client.get("/staff/xy/activities")
    assert not _cached(page) and "王安" in page.text and "王安娜" not in page.text


def test_a_new_change_log_line_shows_on_the_change_log(place, app):
    community, _other, issue = place
    user, client = _staff(app, community)
    client.get("/staff/xy/audit")
    assert _cached(client.get("/staff/xy/audit"))
    record_event(user, "issue.note", issue, community=community, detail={"note": "已联系物业"})
    db.session.commit()
    assert not _cached(client.get("/staff/xy/audit"))


def test_a_page_with_a_message_to_show_is_built_for_it(place, app):
    community, _other, issue = place
    _user, client = _staff(app, community)
    client.get(f"/staff/xy/issues/{issue.id}")
    with client.session_transaction() as session:
        session["_flashes"] = [("success", "已保存备注")]
    page = client.get(f"/staff/xy/issues/{issue.id}")
    assert not _cached(page) and "已保存备注" in page.text
    assert "已保存备注" not in client.get(f"/staff/xy/issues/{issue.id}").text


def test_a_remembered_volunteer_sees_their_own_kept_page(place, app):
    community, _other, _issue = place
    shift = make_shift(make_activity(community, title="清扫楼道"))
    mine, theirs = make_person(community, name="张三"), make_person(community, name="李四")
    make_signup(shift, mine)
    db.session.commit()
    me, neighbour = app.test_client(), app.test_client()
    me.set_cookie("volunteer_xy", tokens.remember_token(mine))
    neighbour.set_cookie("volunteer_xy", tokens.remember_token(theirs))
    url = f"/c/xy/activities/{shift.activity_id}"
    me.get(url)
    kept = me.get(url)
    assert _cached(kept) and "张三" in kept.text and "ETag" not in kept.headers
    for_them = neighbour.get(url)
    assert not _cached(for_them) and "李四" in for_them.text and "张三" not in for_them.text


def test_a_revoked_volunteer_link_gets_the_page_everyone_gets(place, app):
    community, _other, _issue = place
    shift = make_shift(make_activity(community, title="清扫楼道"))
    mine = make_person(community, name="张三")
    make_signup(shift, mine)
    db.session.commit()
    client = app.test_client()
    client.set_cookie("volunteer_xy", tokens.remember_token(mine))
    url = f"/c/xy/activities/{shift.activity_id}"
    client.get(url)
    assert "张三" in client.get(url).text
    staff = make_user("staff", [community])
    from blueprints.volunteers.activities import revoke_link
    revoke_link(mine, staff)
    page = client.get(url)
    assert "张三" not in page.text


def test_a_remembered_volunteers_kept_page_costs_one_query_and_still_checks_the_link(place, app):
    """The community and the remembered volunteer are read in one query
    (volunteers/remember.community_with_volunteer), and a link revoked since, a cookie of
    another community's volunteer or a forged one are refused all the same."""
    community, other, _issue = place
    shift = make_shift(make_activity(community, title="清扫楼道"))
    mine, stranger = make_person(community, name="张三"), make_person(other, name="王五")
    make_signup(shift, mine)
    db.session.commit()
    url = f"/c/xy/activities/{shift.activity_id}"
    client = app.test_client()
    client.set_cookie("volunteer_xy", tokens.remember_token(mine))
    client.get(url)
    kept = []
    assert count_queries(lambda: kept.append(client.get(url))) == 1
    assert _cached(kept[0]) and "张三" in kept[0].text

    elsewhere = app.test_client()
    elsewhere.set_cookie("volunteer_xy", tokens.remember_token(stranger))
    forged = app.test_client()
    forged.set_cookie("volunteer_xy", tokens.remember_token(mine)[:-3] + "abc")
    for visitor in (elsewhere, forged):
        page = visitor.get(url)
        assert page.status_code == 200 and "张三" not in page.text and "王五" not in page.text
    client.set_cookie("volunteer_nowhere", tokens.remember_token(mine))
    assert client.get("/c/nowhere/activities").status_code == 404

    from blueprints.volunteers.activities import revoke_link
    revoke_link(mine, make_user("staff", [community]))
    assert "张三" not in client.get(url).text

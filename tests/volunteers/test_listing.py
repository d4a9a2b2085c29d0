"""Paged volunteer lists: page 2 shows the next rows, pager links keep filters, odd page numbers."""
import re
from datetime import timedelta

import pytest

from blueprints.core import clock
from blueprints.volunteers import listing, outbox, tokens
from extensions import db
from models import Team
from tests.conftest import HX
from tests.factories import login, make_community, make_person, make_user
from tests.offers.factories import make_partner, make_partner_user
from tests.volunteers.factories import make_activity, make_shift, make_signup, make_team


@pytest.fixture
def community(app):
    return make_community(slug="liujin", name="流津社区")


@pytest.fixture
def staff(client, community):
    login(client, make_user("staff", [community]))


def names(html: str, prefix: str) -> list[str]:
    """The names starting with `prefix` (then digits) in the order the page first shows them."""
    return list(dict.fromkeys(re.findall(rf"{prefix}\d+", html)))


def next_link(html: str) -> str:
    match = re.search(r'rel="next" href="([^"]+)"', html)
    assert match, "no link to the next page"
    return match.group(1).replace("&amp;", "&")


def activities(community, count: int, **fields):
    """`count` activities 活动01… with one shift each, a day apart in that order."""
    made = []
    for n in range(1, count + 1):
        activity = make_activity(community, title=f"活动{n:02d}", **fields)
        make_shift(activity, start_in=timedelta(days=n))
        made.append(activity)
    return made


def test_public_list_page_two_has_the_next_activities_and_keeps_the_filter(
        client, community, monkeypatch):
    monkeypatch.setattr(listing, "ACTIVITIES_PER_PAGE", 3)
    activities(community, 5)
    make_shift(make_activity(community, title="合唱1", category="stage"), start_in=timedelta(hours=30))
    first = client.get("/c/liujin/activities").get_data(as_text=True)
    assert names(first, "合唱") == ["合唱1"] and names(first, "活动") == ["活动01", "活动02"]
    filtered = client.get("/c/liujin/activities?category=action").get_data(as_text=True)
    assert names(filtered, "活动") == ["活动01", "活动02", "活动03"]
    link = next_link(filtered)
    assert link.startswith("/c/liujin/activities?") and "category=action" in link and "page=2" in link
    second = client.get(link, headers=HX).get_data(as_text=True)
    assert second.lstrip().startswith('<div id="volunteers-list">')
    assert names(second, "活动") == ["活动04", "活动05"] and "合唱" not in second
    assert 'hx-target="#volunteers-list"' in second and 'rel="prev"' in second
    assert 'rel="next"' not in second


def test_public_list_names_a_few_shifts_and_counts_the_rest(client, community):
    duty = make_activity(community, title="值班")
    for day in range(1, 6):
        make_shift(duty, start_in=timedelta(days=day), role=f"班{day}")
    page = client.get("/c/liujin/activities").get_data(as_text=True)
    assert page.count('class="activity-card__shift"') == listing.SHIFTS_PREVIEWED
    assert "还有 2 个班次" in page


def test_public_teams_are_paged_with_their_own_number(client, community, monkeypatch):
    monkeypatch.setattr(listing, "TEAMS_PER_PAGE", 2)
    activities(community, 1)
    for n in (3, 1, 2):
        make_team(community, name=f"队伍{n}")
    first = client.get("/c/liujin/activities?category=action").get_data(as_text=True)
    assert names(first, "队伍") == ["队伍1", "队伍2"]
    link = next_link(first)
    assert "teams=2" in link and "category=action" in link
    second = client.get(link).get_data(as_text=True)
    assert names(second, "队伍") == ["队伍3"] and names(second, "活动") == ["活动01"]


def test_an_activitys_shifts_come_soonest_first_then_the_past(client, community, monkeypatch):
    monkeypatch.setattr(listing, "SHIFTS_PER_PAGE", 2)
    activity = make_activity(community)
    make_shift(activity, start_in=timedelta(days=-3), role="班次0")
    for day in (3, 1, 2):
        make_shift(activity, start_in=timedelta(days=day), role=f"班次{day}")
    first = client.get(f"/c/liujin/activities/{activity.id}").get_data(as_text=True)
    assert names(first, "班次") == ["班次1", "班次2"]
    assert next_link(first) == f"/c/liujin/activities/{activity.id}?page=2"
    second = client.get(next_link(first)).get_data(as_text=True)
    assert names(second, "班次") == ["班次3", "班次0"]
    assert "这个班次已经开始或结束" in second


def test_a_refused_signup_page_links_to_the_activity_not_the_form(client, community, monkeypatch):
    monkeypatch.setattr(listing, "SHIFTS_PER_PAGE", 2)
    activity = make_activity(community)
    shifts = [make_shift(activity, start_in=timedelta(days=d), role=f"班次{d}") for d in (1, 2, 3)]
    url = f"/c/liujin/activities/{activity.id}/shifts/{shifts[2].id}/signup"
    prefix = f"s{shifts[2].id}-"
    response = client.post(url, data={prefix + "name": "王芳", prefix + "mobile": "1",
                                      prefix + "team": "0"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "请输入11位手机号" in html
    assert names(html, "班次") == ["班次3", "班次1", "班次2"]  # the refused card first
    assert next_link(html) == f"/c/liujin/activities/{activity.id}?page=2"


def test_remembered_volunteer_sees_their_place_on_every_page(client, community, monkeypatch):
    monkeypatch.setattr(listing, "SHIFTS_PER_PAGE", 1)
    activity = make_activity(community)
    me = make_person(community, name="王芳")
    first, second = (make_shift(activity, start_in=timedelta(days=d), capacity=1) for d in (1, 2))
    make_signup(first, me)
    make_signup(second, make_person(community))
    make_signup(second, make_person(community), status="waitlisted")
    make_signup(second, me, status="waitlisted")
    client.set_cookie("volunteer_liujin", tokens.remember_token(me))
    page_one = client.get(f"/c/liujin/activities/{activity.id}").get_data(as_text=True)
    assert "已报名" in page_one and "候补" not in page_one and "您好，王芳" in page_one
    page_two = client.get(f"/c/liujin/activities/{activity.id}?page=2").get_data(as_text=True)
    assert "候补第 2 位" in page_two and "您好，王芳" in page_two


def _me_with_signups(community, count):
    person = make_person(community, name="王芳")
    activity = make_activity(community)
    for day in range(1, count + 1):
        make_signup(make_shift(activity, start_in=timedelta(days=day), role=f"班次{day}"), person)
    return person


def test_me_page_two_and_the_cancel_answer_link_to_the_me_page(client, community, monkeypatch):
    monkeypatch.setattr(listing, "PEOPLE_PER_PAGE", 2)
    person = _me_with_signups(community, 3)
    token = tokens.me_token(person)
    first = client.get(f"/me/{token}").get_data(as_text=True)
    assert names(first, "班次") == ["班次3", "班次2"]
    assert next_link(first) == f"/me/{token}?page=2"
    second = client.get(f"/me/{token}?page=2", headers=HX).get_data(as_text=True)
    assert second.lstrip().startswith("<section") and names(second, "班次") == ["班次1"]
    signup_id = re.search(r'id="volunteers-signup-(\d+)"', first).group(1)
    cancelled = client.post(f"/me/{token}/signups/{signup_id}/cancel", headers=HX)
    html = cancelled.get_data(as_text=True)
    assert "已取消报名" in html and next_link(html) == f"/me/{token}?page=2"


def test_staff_activity_list_is_paged_newest_first(client, community, staff, monkeypatch):
    monkeypatch.setattr(listing, "ACTIVITIES_PER_PAGE", 2)
    activities(community, 3)
    first = client.get("/staff/liujin/activities").get_data(as_text=True)
    assert names(first, "活动") == ["活动03", "活动02"]
    second = client.get(next_link(first)).get_data(as_text=True)
    assert names(second, "活动") == ["活动01"] and 'rel="next"' not in second


def test_staff_activity_rosters_are_paged_and_forms_link_back(client, community, staff, monkeypatch):
    monkeypatch.setattr(listing, "SHIFTS_PER_PAGE", 2)
    activity = make_activity(community)
    for day in (1, 2, 3):
        make_signup(make_shift(activity, start_in=timedelta(days=day)),
                    make_person(community, name=f"队员{day}"))
    base = f"/staff/liujin/activities/{activity.id}"
    first = client.get(base).get_data(as_text=True)
    assert names(first, "队员") == ["队员1", "队员2"] and next_link(first) == f"{base}?page=2"
    assert names(client.get(f"{base}?page=2").get_data(as_text=True), "队员") == ["队员3"]
    refused = client.post(f"{base}/shifts", data={"day": "", "start": "09:00", "end": "10:00",
                                                  "capacity": "3", "role": ""})
    assert refused.status_code == 422 and next_link(refused.get_data(as_text=True)) == f"{base}?page=2"


def test_staff_teams_hours_and_outbox_page_two(client, community, staff, monkeypatch):
    monkeypatch.setattr(listing, "TEAMS_PER_PAGE", 1)
    monkeypatch.setattr(listing, "PEOPLE_PER_PAGE", 1)
    monkeypatch.setattr(outbox, "MESSAGES_PER_PAGE", 1)
    for n in (2, 1):
        make_team(community, name=f"队伍{n}")
    assert names(client.get("/staff/liujin/teams?page=2").get_data(as_text=True), "队伍") == ["队伍2"]
    done = make_shift(make_activity(community), start_in=timedelta(days=-3), capacity=5)
    longer = make_shift(done.activity, start_in=timedelta(days=-2), hours=4, capacity=5)
    for person, shifts in ((make_person(community, name="志愿者1"), (done, longer)),
                           (make_person(community, name="志愿者2"), (done,))):
        for shift in shifts:
            outbox.notify_cancelled(make_signup(shift, person, status="attended"))
    db.session.commit()
    year = clock.local(done.starts_at).year
    first = client.get(f"/staff/liujin/hours?year={year}").get_data(as_text=True)
    assert names(first, "志愿者") == ["志愿者1"] and "6.0 小时" in first
    link = next_link(first)
    assert f"year={year}" in link and "page=2" in link
    assert names(client.get(link).get_data(as_text=True), "志愿者") == ["志愿者2"]
    mail = client.get("/staff/liujin/outbox", headers=HX).get_data(as_text=True)
    assert mail.lstrip().startswith('<div id="volunteers-outbox">')
    assert 'hx-target="#volunteers-outbox"' in mail
    later = client.get(next_link(mail)).get_data(as_text=True)
    assert later.count("<tr><td>") == 1 and 'rel="prev"' in later


def test_partner_team_page_two(client, community, monkeypatch):
    monkeypatch.setattr(listing, "TEAMS_PER_PAGE", 1)
    partner = make_partner(community)
    for n in (1, 2):
        db.session.add(Team(community_id=community.id, name=f"红马甲{n}", kind="red_vest",
                            partner_id=partner.id))
    db.session.commit()
    login(client, make_partner_user(partner))
    first = client.get("/partner/teams").get_data(as_text=True)
    assert "<h3>红马甲1</h3>" in first and "<h3>红马甲2</h3>" not in first
    assert "<h3>红马甲2</h3>" in client.get(next_link(first)).get_data(as_text=True)
    assert 'value="2"' in first  # both teams stay choices of the enrolment form


@pytest.mark.parametrize("number", ["abc", "0", "-1", "2x", "99999999", "1000", "9999"])
def test_odd_page_numbers_give_a_usable_page(client, community, number):
    person = _me_with_signups(community, 1)
    activity = make_activity(community, title="活动01")
    make_shift(activity)
    make_team(community, name="队伍1")
    public = [f"/c/liujin/activities?page={number}", f"/c/liujin/activities?teams={number}",
              f"/c/liujin/activities/{activity.id}?page={number}",
              f"/me/{tokens.me_token(person)}?page={number}"]
    staff = [f"/staff/liujin/{path}?page={number}" for path in
             ("activities", f"activities/{activity.id}", "teams", "hours", "outbox")]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
    login(client, make_user("staff", [community]))
    for url in staff:
        assert client.get(url).status_code == 200, url
    html = client.get(f"/c/liujin/activities?page={number}").get_data(as_text=True)
    if number in ("1000", "9999"):  # past the end (9999 is read as the last page, 1000)
        assert "暂时没有符合条件的活动" in html and 'rel="prev"' in html
    else:
        assert "活动01" in html and 'rel="prev"' not in html

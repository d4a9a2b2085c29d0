"""A partner unit's red-vest team: staff create it, the partner enrols its own staff."""
import pytest
from sqlalchemy import select

from blueprints.volunteers import activities as service
from blueprints.volunteers.services import SignupError
from extensions import db
from models import Person, TeamMember
from tests.factories import login, make_community, make_user
from tests.offers.factories import make_partner, make_partner_user
from tests.volunteers.factories import make_team


@pytest.fixture
def liujin(app):
    return make_community(slug="liujin", name="流津社区")


def test_staff_create_a_team_for_a_partner_unit(client, liujin):
    partner = make_partner(liujin, name="温州饭吧")
    login(client, make_user("staff", [liujin]))
    response = client.post("/staff/liujin/teams", data={
        "name": "温州饭吧红马甲", "kind": "red_vest", "partner_id": partner.id, "description": ""})
    assert response.status_code == 303
    team = service.community_teams(liujin)[0]
    assert team.partner_id == partner.id
    assert "共建单位：温州饭吧" in client.get("/staff/liujin/teams").get_data(as_text=True)


def test_a_team_cannot_belong_to_another_communitys_partner(app, liujin):
    stranger = make_partner(make_community(), name="外社区单位")
    with pytest.raises(SignupError):
        service.create_team(liujin, None, "红马甲", "red_vest", partner=stranger)


def test_enrolled_staff_are_members_at_once_and_only_once(app, liujin):
    partner = make_partner(liujin)
    team = make_team(liujin, name="红马甲", kind="red_vest", partner_id=partner.id)
    service.enrol_partner_staff(team, "店员甲", "13912340001", None)
    service.enrol_partner_staff(team, "店员甲", "139 1234 0001", None)
    members = db.session.scalars(select(TeamMember)).all()
    assert [(m.person.name, m.status) for m in members] == [("店员甲", "accepted")]
    assert db.session.scalar(select(Person.mobile)) == "13912340001"


def test_partner_enrolling_a_known_number_keeps_the_residents_name(app, liujin):
    from tests.factories import make_person
    resident = make_person(liujin, name="王芳", mobile="13912340009")
    team = make_team(liujin, name="红马甲", kind="red_vest", partner_id=make_partner(liujin).id)
    member = service.enrol_partner_staff(team, "改个名", "13912340009", None)
    assert member.person_id == resident.id
    db.session.refresh(resident)
    assert resident.name == "王芳"


def test_partner_enrols_staff_into_its_own_team(client, liujin):
    partner = make_partner(liujin, name="温州饭吧")
    team = make_team(liujin, name="温州饭吧红马甲", kind="red_vest", partner_id=partner.id)
    login(client, make_partner_user(partner))
    page = client.get("/partner/teams").get_data(as_text=True)
    assert "温州饭吧红马甲" in page
    bad = client.post("/partner/teams", data={"team_id": team.id, "name": "店员乙", "mobile": "123"})
    assert bad.status_code == 422
    assert "请填写11位手机号" in bad.get_data(as_text=True) and 'value="店员乙"' in bad.get_data(as_text=True)
    done = client.post("/partner/teams", data={"team_id": team.id, "name": "店员乙",
                                               "mobile": "13912340002"})
    assert done.status_code == 303
    html = client.get("/partner/teams").get_data(as_text=True)
    assert "店员乙" in html and "139****0002" in html and "13912340002" not in html


def test_partner_cannot_enrol_into_another_units_team(client, liujin):
    mine, theirs = make_partner(liujin), make_partner(liujin)
    make_team(liujin, name="我的队", kind="red_vest", partner_id=mine.id)
    other_team = make_team(liujin, name="别人的队", kind="red_vest", partner_id=theirs.id)
    login(client, make_partner_user(mine))
    assert "别人的队" not in client.get("/partner/teams").get_data(as_text=True)
    response = client.post("/partner/teams", data={"team_id": other_team.id, "name": "混进来",
                                                   "mobile": "13912340003"})
    assert response.status_code == 422
    assert db.session.scalar(select(TeamMember.id)) is None


@pytest.mark.parametrize("role", ["staff", "grid_worker"])
def test_only_partner_users_open_the_team_page(client, liujin, role):
    login(client, make_user(role, [liujin]))
    assert client.get("/partner/teams").status_code == 403


def test_partner_user_without_a_unit_gets_404(client, liujin):
    login(client, make_user("partner", [liujin]))
    assert client.get("/partner/teams").status_code == 404

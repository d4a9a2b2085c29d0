"""The addresses of DESIGN.md §5 that printed QR codes point at still answer, with the right page.

Classes, bookings and Open311 join this list when their domains land.
"""
import pytest

from blueprints.volunteers import tokens
from tests.factories import make_community, make_compound, make_person
from tests.issues.factories import make_issue
from tests.offers.factories import make_offer, make_partner
from tests.rooms.factories import make_room
from tests.volunteers.factories import make_activity, make_shift


@pytest.fixture
def world(app):
    community = make_community(slug="xingyuan", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    make_offer(make_partner(community, name="温州饭吧"), title="80岁以上老人免费就餐")
    activity = make_activity(community, title="红马甲清扫")
    make_shift(activity)
    issue = make_issue(community, compound, what="电线耷拉下来了", public=True)
    person = make_person(community, name="王芳")
    make_room(community, name="邻聚力会客厅")
    return {"compound": compound, "activity": activity, "issue": issue, "person": person}


def test_every_printed_address_answers_with_its_page(client, world):
    pages = {
        "/c/xingyuan/": "兴元社区",
        "/c/xingyuan/services": "80岁以上老人免费就餐",
        "/c/xingyuan/activities": "红马甲清扫",
        "/c/xingyuan/rooms": "邻聚力会客厅",
        f"/c/xingyuan/activities/{world['activity'].id}": "红马甲清扫",
        "/c/xingyuan/issues": "电线耷拉下来了",
        f"/c/xingyuan/issues/new?compound={world['compound'].id}": '<option selected value="{id}">水产宿舍',
        f"/c/xingyuan/issues/{world['issue'].id}": "电线耷拉下来了",
        f"/me/{tokens.me_token(world['person'])}": "王芳",
        "/login": 'name="password"',
    }
    for address, shown in pages.items():
        response = client.get(address)
        assert response.status_code == 200, address
        assert shown.format(id=world["compound"].id) in response.get_data(as_text=True), address


def test_the_poster_pdf_and_the_private_areas_keep_their_addresses(client, world):
    poster = client.get("/c/xingyuan/services.pdf")
    assert poster.status_code == 200 and poster.mimetype == "application/pdf"
    for private in ("/partner/", "/staff/xingyuan/issues"):
        response = client.get(private)
        assert response.status_code == 302 and "/login" in response.headers["Location"], private

"""The printed roster (that day's doors only) and the service cards (no number): text and fonts."""
import re

from blueprints.homeservice import cards, services
from models import Person
from extensions import db
from printing.render import render_pdf
from tests.homeservice.factories import make_door
from tests.offers.factories import make_offer
from tests.pdf import assert_cjk_only, page_count, pdf_text


def _text(data: bytes) -> str:
    return re.sub(r"\s+", "", pdf_text(data))


def test_the_roster_lists_that_days_addresses_only_with_masked_numbers(app, world):
    first, second = services.open_days(world["home"], count=2)
    services.book(world["home"], first, world["door"], "王女士", "13912345678", "relative")
    later = make_door(world["compound"], address="5号楼1单元501")
    services.book(world["home"], second, later, "李先生", "13912345679")
    with app.test_request_context():
        data = render_pdf("home-roster", world["community"],
                          {"partner": world["barber"].id, "day": first.isoformat()}).data
    text = _text(data)
    assert "微发馆上门服务名单" in text and "2号楼2单元301" in text and "王女士" in text
    assert "5号楼1单元501" not in text and "13912345678" not in text and "139****5678" in text
    assert_cjk_only(data)
    assert page_count(data) == 1


def test_a_service_card_names_the_resident_and_offers_but_no_number(app, world):
    make_offer(world["barber"], title="八十岁以上老人免费午餐", eligibility=["over_age"], min_age=80)
    resident = Person(community_id=world["community"].id, household_id=world["door"].id,
                      name="张秀兰", mobile="13800001111")
    db.session.add(resident)
    db.session.commit()
    cards.issue_card(world["door"], resident, None)
    with app.test_request_context():
        data = render_pdf("service-cards", world["community"], {}).data
    text = _text(data)
    assert "服务卡" in text and "张秀兰" in text and "八十岁以上老人免费午餐" in text
    assert "13800001111" not in text and "1111" not in text
    assert_cjk_only(data)
    assert page_count(data) == 1


def test_a_partner_prints_its_own_days_roster_from_the_portal(app, client, world):
    from tests.factories import login
    day = services.open_days(world["home"])[0]
    services.book(world["home"], day, world["door"], "王女士", "13912345678", "relative")
    theirs = make_door(world["compound"], address="9号楼1单元101")
    services.book(world["other_home"], day, theirs, "李先生", "13912345679")
    login(client, world["barber_user"])
    page = client.get(f"/partner/home-visits/{day.isoformat()}").get_data(as_text=True)
    link = f"/partner/home-visits/{day.isoformat()}/roster.pdf"
    assert link in page
    response = client.get(link)  # the test app renders its queue inline
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = _text(response.data)
    assert "微发馆上门服务名单" in text and "2号楼2单元301" in text and "139****5678" in text
    assert "9号楼1单元101" not in text and "13912345678" not in text
    assert client.get("/partner/home-visits/not-a-day/roster.pdf").status_code == 404
    client = app.test_client()
    assert client.get(link).status_code in (302, 303)  # signed out: to the login page

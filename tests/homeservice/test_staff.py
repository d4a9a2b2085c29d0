"""Staff figures, pending bookings and the gap list; staff of another community are refused."""
from datetime import timedelta

from blueprints.core import clock
from blueprints.homeservice import cards, figures, services
from extensions import db
from models import HomeBooking, Person, ServiceCard
from tests.factories import login, make_community, make_grid, make_user
from tests.homeservice.factories import make_door
from tests.offers.factories import make_offer


def _member(door, name="张秀兰", mobile="13800001111"):
    person = Person(community_id=door.community_id, household_id=door.id, name=name, mobile=mobile)
    db.session.add(person)
    db.session.commit()
    return person


def test_the_gap_list_holds_tagged_households_nobody_reached_in_three_months(app, world):
    today = clock.today()
    served = make_door(world["compound"], address="服务过")
    walked_in = make_door(world["compound"], address="吃过饭")
    untagged = make_door(world["compound"], tags=(), address="没有标签")
    long_ago = make_door(world["compound"], address="很久以前")
    meals = make_offer(world["barber"], title="免费午餐")
    cards.scan(meals, cards.card_token(cards.issue_card(walked_in, None, None)), None)
    cards.scan(meals, cards.card_token(cards.issue_card(long_ago, None, None)), None,
               today=today - timedelta(days=120))
    booking = services.book(world["home"], services.open_days(world["home"])[0], served, "甲",
                            "13900000001")
    booking.visit_date.day = today - timedelta(days=3)
    booking.outcome = "done"
    db.session.commit()
    gaps = {h.address for h in figures.gap_page(world["community"], today, 1)}
    assert {"很久以前", "2号楼2单元301"} <= gaps
    assert not gaps & {"服务过", "吃过饭", "没有标签"}


def test_the_gap_list_names_grid_workers_and_books_in_one_step(client, world):
    worker = make_user("grid_worker", [world["community"]], display_name="网格员李红")
    make_grid(world["community"], compounds=[world["compound"]], workers=[worker])
    _member(world["door"])
    staff = make_user("staff", [world["community"]])
    login(client, staff)
    page = client.get(f"/staff/{world['community'].slug}/home-services").get_data(as_text=True)
    assert "2号楼2单元301" in page and "网格员李红" in page and "80岁以上" in page
    response = client.post(f"/staff/{world['community'].slug}/home-services/households/"
                           f"{world['door'].id}/book", data={"offer": world["home"].offer_id})
    assert response.status_code == 303
    booking = db.session.scalars(db.select(HomeBooking)).one()
    assert (booking.booked_as, booking.contact_name) == ("staff", "张秀兰")
    assert booking.visit_date.day == services.open_days(world["home"])[0]
    slug, door = world["community"].slug, world["door"].id
    client.post(f"/staff/{slug}/home-services/households/{door}/card")
    assert db.session.scalars(db.select(ServiceCard)).one().person.name == "张秀兰"


def test_staff_confirm_a_pending_booking_onto_the_partners_roster(client, world):
    door = make_door(world["compound"], tags=(), address="未登记标签")
    day = services.open_days(world["home"])[0]
    booking = services.book(world["home"], day, door, "李先生", "13912345679")
    login(client, make_user("staff", [world["community"]]))
    page = client.get(f"/staff/{world['community'].slug}/home-services").get_data(as_text=True)
    assert "未登记标签" in page and "等待确认资格" in page
    client.post(f"/staff/{world['community'].slug}/home-services/bookings/{booking.id}/confirm")
    db.session.refresh(booking)
    assert booking.eligibility == "eligible"


def test_the_month_figures_count_bookings_outcomes_and_scans(app, world):
    day = services.open_days(world["home"])[0]
    booking = services.book(world["home"], day, world["door"], "王女士", "13912345678")
    services.mark(booking, None, "not_home")
    rows = {r.offer.id: r for r in figures.offer_figures(world["community"], day)}
    row = rows[world["home"].offer_id]
    assert (row.bookings, row.not_home, row.rate(row.not_home)) == (1, 1, 100)


def test_staff_of_another_community_and_partners_are_refused(app, client, world):
    stranger = make_user("staff", [make_community()])
    slug = world["community"].slug
    urls = [f"/staff/{slug}/home-services"]
    posts = [f"/staff/{slug}/home-services/households/{world['door'].id}/card",
             f"/staff/{slug}/home-services/offers"]
    login(client, stranger)
    assert [client.get(u).status_code for u in urls] == [403]
    assert [client.post(u).status_code for u in posts] == [403, 403]
    partner = app.test_client()
    login(partner, world["barber_user"])
    assert partner.get(urls[0]).status_code == 403
    assert db.session.scalars(db.select(ServiceCard)).all() == []


def test_staff_open_bookings_for_an_offer(client, world):
    meals = make_offer(world["barber"], title="上门修脚", schedule="monthday", month_day=15)
    login(client, make_user("staff", [world["community"]]))
    url = f"/staff/{world['community'].slug}/home-services/offers"
    bad = client.post(url, data={"offer": meals.id, "places": "0", "book_until_days": "2"})
    assert bad.status_code == 422 and "名额在1到200之间" in bad.get_data(as_text=True)
    assert client.post(url, data={"offer": meals.id, "places": "5",
                                  "book_until_days": "1"}).status_code == 303
    assert client.get(f"/c/{world['community'].slug}/book/{meals.id}").status_code == 200


def test_the_figures_of_another_month_and_bad_months(client, world):
    day = services.open_days(world["home"])[0]
    services.book(world["home"], day, world["door"], "王女士", "13912345678")
    login(client, make_user("staff", [world["community"]]))
    url = f"/staff/{world['community'].slug}/home-services"
    shown = client.get(f"{url}?month={day:%Y-%m}").get_data(as_text=True)
    assert f"{day:%Y-%m} 各项服务" in shown and "上门理发" in shown
    earlier = day.replace(day=1) - timedelta(days=40)
    assert f"{earlier:%Y-%m} 各项服务" in client.get(f"{url}?month={earlier:%Y-%m}").get_data(
        as_text=True)
    for bad in ("2026-13", "x", "99999-01", "0000-00"):
        assert client.get(f"{url}?month={bad}").status_code == 200


def test_staff_issue_cards_to_every_resident_of_a_compounds_tagged_households(client, world):
    _member(world["door"], "张秀兰", "13800001111")
    _member(world["door"], "李大爷", "13800001112")
    plain = make_door(world["compound"], tags=(), address="无标签")
    _member(plain, "赵阿姨", "13800001113")
    login(client, make_user("staff", [world["community"]]))
    url = f"/staff/{world['community'].slug}/home-services/cards"
    assert client.post(url, data={"compound": world["compound"].id}).status_code == 303
    client.post(url, data={"compound": world["compound"].id})  # twice: no second card
    holders = {c.person.name for c in db.session.scalars(db.select(ServiceCard))}
    assert holders == {"张秀兰", "李大爷"}
    assert client.post(url, data={"compound": 2**40}).status_code == 400

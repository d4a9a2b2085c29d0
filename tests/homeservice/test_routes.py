"""Booking pages, the signed link, and the partner's roster, scans and tally over HTTP."""
from datetime import date

import pytest

from blueprints.homeservice import cards, services
from extensions import db
from models import HomeBooking
from tests.factories import login
from tests.homeservice.factories import make_door
from tests.offers.factories import make_offer


def book_url(world, home=None) -> str:
    return f"/c/{world['community'].slug}/book/{(home or world['home']).offer_id}"


def typed(world, **overrides) -> dict:
    day = services.open_days(world["home"])[0]
    values = {"day": day.isoformat(), "compound": world["compound"].id,
              "building": world["building"].id, "unit": "2", "room": "301",
              "booked_as": "relative", "name": "王女士", "mobile": "13912345678"}
    values.update(overrides)
    return values


def book(client, world, home=None, **overrides):
    return client.post(book_url(world, home), data=typed(world, **overrides))


def test_a_relative_books_by_the_door_and_the_signed_link_shows_and_cancels_it(client, world):
    form = client.get(book_url(world)).get_data(as_text=True)
    assert "上门理发" in form and "颐和新园" in form and "号码只用于" in form
    response = book(client, world)
    assert response.status_code == 303
    booking = db.session.scalars(db.select(HomeBooking)).one()
    assert (booking.household_id, booking.booked_as) == (world["door"].id, "relative")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2号楼2单元301" in page and "139****5678" in page and "13912345678" not in page
    cancel = response.headers["Location"] + "/cancel"
    assert client.post(cancel).status_code == 303
    db.session.refresh(booking)
    assert booking.status == "cancelled"
    assert "已取消" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_forged_or_foreign_link_is_404(client, world):
    assert client.get(f"/c/{world['community'].slug}/book/mine/forged").status_code == 404
    assert client.post(f"/c/{world['community'].slug}/book/mine/forged/cancel").status_code == 404


@pytest.mark.parametrize("overrides, field, words", [
    ({"day": "2026-11-27"}, "day", "没有上门服务"),
    ({"day": "not-a-day"}, "day", "请选择列出的日期"),
    ({"room": "999"}, "room", "找不到这个门牌"),
    ({"mobile": "12345"}, "mobile", "手机号"),
    ({"compound": "x"}, "compound", ""),
])
def test_bad_input_comes_back_next_to_its_field_with_what_was_typed(client, world, overrides,
                                                                     field, words):
    response = book(client, world, **overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="book-{field}-error"' in html and words in html
    assert 'value="王女士"' in html
    assert db.session.scalars(db.select(HomeBooking)).all() == []


def test_the_same_door_twice_and_a_full_date_are_refused_with_the_reason(client, world):
    book(client, world)
    html = book(client, world).get_data(as_text=True)
    assert "已经预约了这一天" in html
    world["home"].places = 1
    db.session.commit()
    other = make_door(world["compound"], world["building"], room="302", unit="2")
    nxt = services.open_days(world["home"])[1]
    book(client, world, day=nxt.isoformat())
    response = book(client, world, day=nxt.isoformat(), room="302", name=other.address and "李先生")
    # The date row was made with the new capacity: one place, taken by the first.
    assert response.status_code == 422 and "名额已满" in response.get_data(as_text=True)


def test_an_htmx_refusal_returns_only_the_form(client, world):
    response = client.post(book_url(world), data=typed(world, room="999"),
                           headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and html.lstrip().startswith("<section")
    assert 'id="homeservice-book"' in html


def test_the_public_booking_form_is_rate_limited(app, client, world):
    app.config["PUBLIC_FORM_RATE_LIMIT"] = "2 per minute"
    for _ in range(2):
        book(client, world, room="999")
    assert book(client, world).status_code == 429


def test_a_paused_or_unbookable_offer_has_no_booking_page(client, world):
    world["home"].active = False
    db.session.commit()
    assert client.get(book_url(world)).status_code == 404
    plain = make_offer(world["barber"], title="店内理发")
    assert client.get(f"/c/{world['community'].slug}/book/{plain.id}").status_code == 404


def _booked(world, home, door, day):
    return services.book(home, day, door, "王女士", "13912345678", "relative")


def test_a_partner_reads_and_marks_only_its_own_roster(client, world):
    day = services.open_days(world["home"])[0]
    mine = _booked(world, world["home"], world["door"], day)
    theirs_door = make_door(world["compound"], address="9号楼1单元101")
    theirs = _booked(world, world["other_home"], theirs_door, day)
    unbooked = make_door(world["compound"], address="8号楼1单元808")
    login(client, world["barber_user"])
    roster = client.get(f"/partner/home-visits/{day.isoformat()}").get_data(as_text=True)
    assert "2号楼2单元301" in roster
    assert "9号楼1单元101" not in roster and unbooked.address not in roster
    assert client.post(f"/partner/home-visits/bookings/{theirs.id}",
                       data={"outcome": "done"}).status_code == 404
    assert client.post(f"/partner/offers/{world['other_home'].offer_id}/scan",
                       data={"content": "x"}).status_code == 404
    assert client.get(f"/partner/offers/{world['other_home'].offer_id}/scan").status_code == 404
    assert client.post(f"/partner/offers/{world['other_home'].offer_id}/tally").status_code == 404
    assert client.get("/partner/home-visits/not-a-day").status_code == 404
    response = client.post(f"/partner/home-visits/bookings/{mine.id}",
                           data={"outcome": "not_home", "note": "敲门没人应"})
    assert response.status_code == 303
    db.session.refresh(mine)
    assert (mine.outcome, mine.outcome_note) == ("not_home", "敲门没人应")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "家中无人" in page and "敲门没人应" in page
    assert client.post(f"/partner/home-visits/bookings/{mine.id}",
                       data={"outcome": "bogus"}).status_code == 422


def test_the_roster_shows_the_full_number_only_near_the_visit(client, world, monkeypatch):
    day = services.open_days(world["home"], count=2)[1]  # a month or more ahead
    _booked(world, world["home"], world["door"], day)
    login(client, world["barber_user"])
    far = client.get(f"/partner/home-visits/{day.isoformat()}").get_data(as_text=True)
    assert "139****5678" in far and "13912345678" not in far
    monkeypatch.setattr("blueprints.core.clock.today", lambda moment=None: day)
    near = client.get(f"/partner/home-visits/{day.isoformat()}").get_data(as_text=True)
    assert 'href="tel:13912345678"' in near


def test_a_partner_counts_meals_by_card_and_tally_and_is_told_why_a_scan_is_refused(client, world):
    meals = make_offer(world["barber"], title="免费午餐")
    card = cards.issue_card(world["door"], None, None)
    login(client, world["barber_user"])
    url = f"/partner/offers/{meals.id}/scan"
    first = client.post(url, data={"content": f"https://x/card/{cards.card_token(card)}"})
    assert first.status_code == 200 and "已记一次" in first.get_data(as_text=True)
    again = client.post(url, data={"content": cards.card_token(card)})
    assert again.status_code == 422 and "今天已经用过" in again.get_data(as_text=True)
    tallied = client.post(f"/partner/offers/{meals.id}/tally").get_data(as_text=True)
    assert "今天已记录2次" in tallied


def test_a_partner_opens_bookings_for_its_own_offer_only(client, world):
    pedicure = make_offer(world["barber"], title="上门修脚", schedule="monthday", month_day=15)
    theirs = make_offer(world["other"], title="别家的服务")
    login(client, world["barber_user"])
    page = client.get("/partner/home-visits").get_data(as_text=True)
    assert "上门修脚" in page and "别家的服务" not in page
    refused = client.post("/partner/home-visits/offers",
                          data={"offer": theirs.id, "places": "5", "book_until_days": "1"})
    assert refused.status_code == 422
    assert client.get(f"/c/{world['community'].slug}/book/{theirs.id}").status_code == 404
    done = client.post("/partner/home-visits/offers",
                       data={"offer": pedicure.id, "places": "5", "book_until_days": "1"})
    assert done.status_code == 303
    assert "上门修脚" in client.get(f"/c/{world['community'].slug}/book/{pedicure.id}").get_data(
        as_text=True)


def test_a_room_number_in_two_units_asks_for_the_unit(client, world):
    make_door(world["compound"], world["building"], room="301", unit="3")
    response = book(client, world, unit="")
    assert response.status_code == 422 and "请填写单元" in response.get_data(as_text=True)


def test_the_offer_page_leads_to_its_booking_page(client, world):
    slug = world["community"].slug
    page = client.get(f"/c/{slug}/services/{world['home'].offer_id}").get_data(as_text=True)
    assert f'href="/c/{slug}/book/{world["home"].offer_id}"' in page
    plain = make_offer(world["barber"], title="店内理发")
    assert "/book/" not in client.get(f"/c/{slug}/services/{plain.id}").get_data(as_text=True)


def test_marking_from_a_phone_swaps_only_that_doors_card(client, world):
    day = services.open_days(world["home"])[0]
    mine = _booked(world, world["home"], world["door"], day)
    login(client, world["barber_user"])
    url = f"/partner/home-visits/bookings/{mine.id}"
    swapped = client.post(url, data={"outcome": "done", "note": "剪好了"},
                          headers={"HX-Request": "true"})
    html = swapped.get_data(as_text=True)
    assert swapped.status_code == 200 and html.lstrip().startswith("<section")
    assert f'id="partner-visit-{mine.id}"' in html and "已记录" in html and "剪好了" in html
    refused = client.post(url, data={"outcome": "", "note": "再来"}, headers={"HX-Request": "true"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "请选择上门结果" in html and 'value="再来"' in html

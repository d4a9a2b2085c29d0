"""Home-service rules without HTTP: dates, eligibility, places, the number's window, scans."""
from datetime import date, datetime, timezone

import pytest

from blueprints.homeservice import cards, dates, roster, services
from blueprints.homeservice.services import BookingError
from extensions import db
from models import VisitDate
from tests.homeservice.factories import BARBER, NOV_20, make_door, make_home_offer, make_world
from tests.offers.factories import make_offer, make_partner
from tests.factories import make_community, make_compound, make_user


def test_visit_days_follow_the_month_day_and_fall_back_to_the_months_last_day():
    terms = {**BARBER, "month_day": 31}
    assert dates.visit_days(terms, date(2027, 1, 1), 3) == [
        date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31)]
    assert dates.visit_days({**BARBER, "month_day": 29}, date(2028, 2, 1), 1) == [date(2028, 2, 29)]
    assert dates.visit_days({**BARBER}, date(2026, 12, 1), 2) == [date(2026, 12, 28),
                                                                     date(2027, 1, 28)]


def test_open_days_leave_out_dates_past_the_booking_window(app):
    *_, home = make_world()
    assert services.open_days(home, date(2026, 11, 27), 1) == [date(2026, 12, 28)]
    assert services.open_days(home, date(2026, 11, 26), 1) == [date(2026, 11, 28)]


def test_a_consented_tag_makes_the_household_eligible_else_it_waits_for_staff(app):
    community, compound, building, partner, home = make_world()
    tagged = services.book(home, date(2026, 11, 28), make_door(compound), "王女士", "13912345678",
                           "relative", today=NOV_20)
    unknown = services.book(home, date(2026, 11, 28), make_door(compound, tags=()), "李先生",
                            "13912345679", today=NOV_20)
    assert (tagged.eligibility, unknown.eligibility) == ("eligible", "pending")
    assert tagged.booked_as == "relative"


def test_a_withdrawn_consent_no_longer_counts(app):
    community, compound, building, partner, home = make_world()
    door = make_door(compound)
    door.tags[0].withdrawn_at = datetime(2026, 11, 1, tzinfo=timezone.utc)
    db.session.commit()
    booking = services.book(home, date(2026, 11, 28), door, "王女士", "13912345678", today=NOV_20)
    assert booking.eligibility == "pending"


@pytest.mark.parametrize("day, today, field, words", [
    (date(2026, 11, 27), NOV_20, "day", "没有上门服务"),
    (date(2026, 11, 28), date(2026, 11, 27), "day", "已截止"),
])
def test_a_day_off_the_schedule_or_past_the_window_is_refused(app, day, today, field, words):
    community, compound, building, partner, home = make_world()
    with pytest.raises(BookingError) as refused:
        services.book(home, day, make_door(compound), "王女士", "13912345678", today=today)
    assert refused.value.field == field and words in str(refused.value.message)


def test_an_empty_flat_is_refused_and_a_household_is_booked_once_a_date(app):
    community, compound, building, partner, home = make_world()
    with pytest.raises(BookingError, match="无人居住"):
        services.book(home, date(2026, 11, 28), make_door(compound, status="vacant"), "王",
                      "13912345678", today=NOV_20)
    door = make_door(compound)
    services.book(home, date(2026, 11, 28), door, "王女士", "13912345678", today=NOV_20)
    with pytest.raises(BookingError, match="已经预约"):
        services.book(home, date(2026, 11, 28), door, "王先生", "13912345670", today=NOV_20)


def test_places_are_taken_and_given_back_through_the_place_engine(app):
    community, compound, building, partner, _home = make_world()
    home = make_home_offer(partner, places=2, title="上门修脚")
    day = date(2026, 11, 28)
    first = services.book(home, day, make_door(compound), "甲", "13900000001", today=NOV_20)
    services.book(home, day, make_door(compound), "乙", "13900000002", today=NOV_20)
    with pytest.raises(BookingError, match="名额已满"):
        services.book(home, day, make_door(compound), "丙", "13900000003", today=NOV_20)
    services.cancel(first)
    services.cancel(first)  # twice: the place is given back once
    assert db.session.get(VisitDate, first.visit_date_id).taken == 1
    again = services.book(home, day, first.household, "甲", "13900000001", today=NOV_20)
    assert again.id == first.id and again.status == "confirmed"


def test_the_full_number_shows_only_inside_the_window(app):
    visit = date(2026, 11, 28)
    assert not services.number_visible(visit, date(2026, 11, 24))
    assert services.number_visible(visit, date(2026, 11, 25))
    assert services.number_visible(visit, date(2026, 12, 1))
    assert not services.number_visible(visit, date(2026, 12, 2))


def test_the_roster_shows_own_confirmed_eligible_bookings_with_the_number_in_the_window(app):
    community, compound, building, partner, home = make_world()
    day = date(2026, 11, 28)
    booked = services.book(home, day, make_door(compound), "王女士", "13912345678", today=NOV_20)
    services.book(home, day, make_door(compound, tags=()), "李先生", "13912345679", today=NOV_20)
    other = make_partner(community, name="别家")
    lines = roster.day_roster(partner, day, today=date(2026, 11, 27))
    assert [(line.address, line.contact, line.number) for line in lines] == [
        (booked.household.address, "王女士", "13912345678")]
    assert roster.day_roster(partner, day, today=NOV_20)[0].number == "139****5678"
    assert roster.day_roster(other, day) == []
    assert roster.own_booking(other, booked.id) is None
    assert roster.own_booking(partner, booked.id) == booked


def test_a_card_counts_once_a_day_and_foreign_or_revoked_cards_are_refused(app):
    community, compound, building, partner, home = make_world()
    meals = make_offer(make_partner(community, name="温州饭吧"), title="免费午餐")
    card = cards.issue_card(make_door(compound), None, None)
    cards.scan(meals, cards.card_token(card), None, today=NOV_20)
    with pytest.raises(cards.ScanRefused, match="今天已经用过"):
        cards.scan(meals, cards.card_token(card), None, today=NOV_20)
    cards.scan(meals, f"http://x/card/{cards.card_token(card)}", None, today=date(2026, 11, 21))
    far = make_door(make_compound(make_community(), name="别的小区"))
    with pytest.raises(cards.ScanRefused, match="其他社区"):
        cards.scan(meals, cards.card_token(cards.issue_card(far, None, None)), None, today=NOV_20)
    cards.revoke_card(card, None)
    with pytest.raises(cards.ScanRefused, match="已作废"):
        cards.scan(meals, cards.card_token(card), None, today=date(2026, 11, 22))
    with pytest.raises(cards.ScanRefused, match="不是本系统"):
        cards.scan(meals, "forged", None)
    cards.tally(meals, make_user("partner"), today=NOV_20)
    cards.tally(meals, None, today=NOV_20)
    assert cards.served_on(meals, NOV_20) == 3


def test_a_door_is_found_by_compound_building_unit_and_room(app):
    community, compound, building, partner, home = make_world()
    door = make_door(compound, building, room="301", unit="2")
    make_door(compound, building, room="301", unit="3")
    assert services.find_door(community, compound.id, building.id, "2", "301") == door
    assert services.find_door(community, compound.id, building.id, "", "301") is None  # two doors
    assert services.find_door(community, compound.id, None, "9", "301") is None


def test_the_day_before_a_visit_the_contact_gets_one_reminder_with_the_link(app):
    from blueprints.homeservice import reminders
    from models import OutboxMessage

    community, compound, building, partner, home = make_world()
    booking = services.book(home, date(2026, 11, 28), make_door(compound), "王女士",
                            "13912345678", today=NOV_20)
    assert reminders.queue_reminders(date(2026, 11, 26)) == 0
    assert reminders.queue_reminders(date(2026, 11, 27)) == 1
    assert reminders.queue_reminders(date(2026, 11, 27)) == 0
    message = db.session.scalars(db.select(OutboxMessage)).one()
    assert message.recipient == "13912345678" and "微发馆" in message.body
    assert services.booking_token(booking) in message.body


def test_a_bookings_link_works_in_its_community_until_a_month_after_the_visit(app):
    community, compound, building, partner, home = make_world()
    booking = services.book(home, date(2026, 11, 28), make_door(compound), "王女士",
                            "13912345678", today=NOV_20)
    token = services.booking_token(booking)
    assert services.booking_by_token(community, token, date(2026, 12, 28)) == booking
    assert services.booking_by_token(community, token, date(2026, 12, 29)) is None
    assert services.booking_by_token(make_community(), token, NOV_20) is None
    assert services.booking_by_token(community, token + "x", NOV_20) is None


def test_erasing_a_resident_frees_their_visits_ahead_and_revokes_their_cards(app):
    from blueprints.register import residents

    community, compound, building, partner, home = make_world()
    door = make_door(compound)
    booking = services.book(home, services.open_days(home)[0], door, "王女士", "13912345678")
    card = cards.issue_card(door, booking.person, None)
    residents.erase(None, booking.person)
    db.session.refresh(booking)
    db.session.refresh(card)
    assert (booking.status, booking.contact_name) == ("cancelled", "已删除居民")
    assert card.revoked_at is not None
    assert db.session.get(VisitDate, booking.visit_date_id).taken == 0

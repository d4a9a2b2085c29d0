"""Home-service pages send as many queries with 10× the bookings and doors as with 1×."""
from blueprints.homeservice import cards, services
from models import Building
from extensions import db
from tests.factories import login
from tests.homeservice.factories import make_door
from tests.offers.factories import make_offer
from tests.queries import add_units, assert_bounded


def _unit(world: dict, n: int) -> None:
    """A building with two doors, both booked on the first day, one scanned for meals."""
    building = Building(compound_id=world["compound"].id, name=f"{n + 10}号楼")
    db.session.add(building)
    db.session.flush()
    for k in range(2):
        door = make_door(world["compound"], building, room=f"{n}0{k}", unit="1")
        services.book(world["home"], world["day"], door, f"家属{n}{k}", f"13800{n:04d}{k:02d}")
        if k == 0:
            cards.scan(world["meals"], cards.card_token(cards.issue_card(door, None, None)), None)


def test_booking_roster_and_scan_pages_are_bounded(client, world):
    world.update(units=0, day=services.open_days(world["home"])[0],
                 meals=make_offer(world["barber"], title="免费午餐"))
    world["home"].places = 1000
    add_units(world, 1, _unit)
    public = f"/c/{world['community'].slug}/book/{world['home'].offer_id}"
    assert_bounded(client, [public], lambda: add_units(world, 9, _unit))
    login(client, world["barber_user"])
    urls = ["/partner/home-visits", f"/partner/home-visits/{world['day'].isoformat()}",
            f"/partner/offers/{world['meals'].id}/scan"]
    world["units"] = 10
    before = {url: client.get(url).status_code for url in urls}
    assert set(before.values()) == {200}
    counts = assert_bounded(client, urls, lambda: add_units(world, 90, _unit))
    assert all(counts.values())

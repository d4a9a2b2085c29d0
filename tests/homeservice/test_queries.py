"""Home-service pages send as many queries with 10× the bookings and doors as with 1×."""
from blueprints.homeservice import cards, services
from models import Building, Person
from extensions import db
from tests.factories import login, make_grid, make_user
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


def _gap(world: dict, n: int) -> None:
    """A tagged household nobody reached (with a member), and an untagged one's pending booking."""
    door = make_door(world["compound"], room=f"9{n:03d}")
    db.session.add(Person(community_id=door.community_id, household_id=door.id,
                          name=f"居民{n}", mobile=f"1370000{n:04d}"))
    untagged = make_door(world["compound"], tags=(), room=f"8{n:03d}")
    services.book(world["home"], world["day"], untagged, f"家属{n}", f"1360000{n:04d}")


def test_the_staff_page_is_bounded(client, world):
    worker = make_user("grid_worker", [world["community"]], display_name="网格员")
    make_grid(world["community"], compounds=[world["compound"]], workers=[worker])
    world.update(units=0, day=services.open_days(world["home"])[0])
    world["home"].places = 1000
    add_units(world, 1, _gap)
    login(client, make_user("staff", [world["community"]]))
    url = f"/staff/{world['community'].slug}/home-services"
    assert "网格员" in client.get(url).get_data(as_text=True)
    assert_bounded(client, [url], lambda: add_units(world, 40, _gap))

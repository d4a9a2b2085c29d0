"""The city data set's rooms and bookings: four rooms a community, booked from a month
ago to a month ahead, never overlapping (the database would refuse it), a few cancelled."""
from datetime import time, timedelta

from blueprints.core import clock
from demo.city import Town, add
from models import Room, RoomBooking

ROOMS = (("党群服务中心活动室", 40, time(8, 30), time(21, 0), []),
         ("健身房", 15, time(6, 30), time(21, 0), [1]),
         ("会客厅", 30, time(8, 30), time(20, 0), []),
         ("户外劳动者之家", 10, time(7, 0), time(19, 0), []))
SLOTS = (9, 14, 19)  # three bookings a day at most; the gym is closed on Mondays anyway
TITLES = (("居民议事会", "meeting"), ("健身指导", "session"), ("合唱排练", "activity"),
          ("微讲堂", "session"), ("党员学习", "meeting"), ("365百姓故事会", "activity"))


def seed(town: Town) -> None:
    """Rooms, and `shape.room_bookings` bookings spread over them."""
    rng = town.rng
    rooms = add(Room, [{"community_id": town.id, "name": name, "capacity": capacity,
                        "opens_at": opens, "closes_at": closes, "closed_days": closed,
                        "description": f"{town.name}{name}", "active": True, "position": n,
                        "created_at": town.ago(days=400)}
                       for n, (name, capacity, opens, closes, closed) in enumerate(ROOMS)])
    rows = []
    for n in range(town.shape.room_bookings):
        room, slot = n % len(rooms), n // len(rooms)
        day = town.today + timedelta(days=slot // len(SLOTS) - 30)
        start = clock.at(day, time(SLOTS[slot % len(SLOTS)]))
        title, purpose = TITLES[rng.randrange(len(TITLES))]
        cancelled = rng.random() < 0.08
        rows.append({"room_id": rooms[room], "starts_at": start, "ends_at": start + timedelta(hours=1.5),
                     "title": title, "purpose": purpose, "purpose_id": None,
                     "people": rng.randint(1, ROOMS[room][1]), "booked_by_id": town.staff[0],
                     "created_at": start - timedelta(days=3),
                     "cancelled_at": start - timedelta(days=1) if cancelled else None})
    ids = add(RoomBooking, rows)
    for room, (name, *_rest) in zip(rooms, ROOMS):
        town.log(town.staff[0], "room.created", "Room", room, town.ago(days=400), name=name)
    for booking, row in zip(ids, rows):
        town.log(town.staff[0], "room_booking.created", "RoomBooking", booking, row["created_at"],
                 title=row["title"])

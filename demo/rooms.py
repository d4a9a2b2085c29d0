"""The rooms (微阵地) of the article and a few bookings this week: 流津's 党群服务中心活动室
and new 健身房 with its coaching sessions, 兴元's 邻聚力会客厅 and 户外劳动者之家.
Safe to run twice: a room (with its bookings) is only created when its name is new."""
from datetime import date, time, timedelta

from sqlalchemy import select

from blueprints.core import clock
from extensions import db
from models import Community, Room, RoomBooking, User

# name, capacity, opens, closes, closed ISO weekdays, description,
# bookings: (weekday 1–7 of this week, start hour, hours, title, purpose, people)
ROOMS = {
    "liujin": [
        ("党群服务中心活动室", 40, time(8, 30), time(21, 0), [],
         "党群服务中心一楼，可开会、上课、排练，有投影和音响。",
         [(1, 9, 2, "居民议事会", "meeting", 25), (3, 14.5, 1.5, "钩针编织课", "session", 15),
          (5, 19, 1.5, "社区合唱排练", "activity", 20)]),
        ("健身房", 15, time(6, 30), time(21, 0), [1],
         "流津社区新建的健身房，器械免费使用，每周有健身指导。",
         [(2, 18.5, 1, "健身指导", "session", 12), (4, 18.5, 1, "健身指导", "session", 12),
          (6, 9, 1, "太极拳晨练", "activity", 10)]),
    ],
    "xingyuan": [
        ("邻聚力会客厅", 30, time(8, 30), time(20, 0), [],
         "“邻聚力”会客厅：居民议事、微讲堂和365百姓故事会都在这里。",
         [(2, 9, 1.5, "居民议事会", "meeting", 20), (4, 15, 1.5, "365百姓故事会", "activity", 25)]),
        ("户外劳动者之家", 10, time(7, 0), time(19, 0), [],
         "为环卫工人、快递小哥等户外劳动者提供热水、休息和充电。",
         [(3, 10, 1, "防暑降温知识讲座", "session", 8)]),
    ],
}


def _monday(today: date) -> date:
    return today - timedelta(days=today.isoweekday() - 1)


def _at(day: date, hour: float):
    whole = int(hour)
    return clock.at(day, time(whole, int(round((hour - whole) * 60))))


def seed_community(community: Community, today: date) -> int:
    """The community's rooms and this week's bookings; returns the rooms added."""
    staff = db.session.scalar(select(User).where(User.username == f"{community.slug}-staff"))
    added = 0
    for position, (name, capacity, opens, closes, closed, description, bookings) in enumerate(
            ROOMS[community.slug]):
        if db.session.scalar(select(Room.id).where(Room.community_id == community.id,
                                                   Room.name == name)):
            continue
        room = Room(community_id=community.id, name=name, capacity=capacity, opens_at=opens,
                    closes_at=closes, closed_days=closed, description=description,
                    position=position)
        db.session.add(room)
        db.session.flush()
        for weekday, hour, hours, title, purpose, people in bookings:
            start = _at(_monday(today) + timedelta(days=weekday - 1), hour)
            db.session.add(RoomBooking(room_id=room.id, starts_at=start, title=title,
                                       ends_at=start + timedelta(hours=hours), purpose=purpose,
                                       people=people, booked_by_id=staff.id if staff else None))
        added += 1
    return added


def seed() -> dict:
    """Rooms for both demo communities; safe to run again."""
    today, added = clock.today(), {}
    for slug in ROOMS:
        community = db.session.scalar(select(Community).where(Community.slug == slug))
        if community is not None:
            added[slug] = seed_community(community, today)
    db.session.commit()
    return added

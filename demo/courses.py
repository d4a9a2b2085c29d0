"""Talent-class demo data from the article: 流津社区's crochet with 叶胜新 of 颐和新园, cup
flowers, dough figures and the new gym's coaching among a dozen courses taught by over twenty
neighbours, with past sessions (attendance, ratings, the teacher's hours) and sessions to
come; 兴元社区's 微讲堂 talks and a 365百姓故事会. Safe to run twice: a course is only made
when its title is new in the community."""
from datetime import date, time, timedelta

from sqlalchemy import select

from blueprints.core import clock
from blueprints.rooms.services import clash_with
from demo.names import NameMaker
from extensions import db
from models import (Activity, Community, Compound, Course, CourseRequest, Person, Room,
                    RoomBooking, SessionRating, Shift, Signup, Teacher)
from models.base import utcnow
from models.volunteers import CLASS

# title, teacher (name, skill), description, materials, ISO weekday, start, hours,
# sessions in all, of which already held, places, room, request answered
COURSES = {
    "liujin": [
        ("钩针编织入门", ("叶胜新", "钩针编织"), "从最简单的锁针学起，学会钩杯垫、小包。",
         "钩针一根（3.0号）、毛线两团", 3, time(14, 30), 1.5, 8, 3, 15, "党群服务中心活动室",
         "钩针编织"),
        ("纸杯花手工", (None, "杯花"), "用一次性纸杯做花束，适合带孙辈一起来。", "纸杯十个、剪刀",
         6, time(9, 30), 1.5, 1, 0, 20, "党群服务中心活动室", None),
        ("面塑：捏生肖", (None, "面塑"), "捏面人，过年给孩子们捏生肖。", "无需自带，材料社区准备",
         5, time(14, 0), 2, 4, 1, 12, "党群服务中心活动室", None),
        ("健身房器械指导", (None, "健身指导"), "新健身房的器械怎么用才安全，每周一次跟练。",
         "运动鞋、毛巾", 2, time(18, 30), 1, 8, 2, 12, "健身房", None),
        ("智能手机使用课", (None, "智能手机"), "挂号、扫码乘车、视频通话，一步一步教。",
         "自己的手机（充好电）", 1, time(9, 30), 1.5, 4, 1, 20, "党群服务中心活动室", None),
        ("书法入门（楷书）", (None, "书法"), "毛笔字入门，从横竖撇捺写起。", "毛笔、墨汁，纸由社区准备",
         4, time(9, 0), 2, 6, 0, 15, "党群服务中心活动室", None),
        ("剪纸", (None, "剪纸"), "剪窗花、剪福字。", "剪刀", 6, time(14, 30), 1.5, 2, 1, 15,
         None, None),
        ("八段锦晨练", (None, "八段锦"), "每周一次，跟着老师学八段锦。", "", 7, time(7, 30), 1, 8, 3,
         30, None, None),
        ("太极拳", (None, "太极"), "二十四式简化太极拳。", "", 7, time(8, 40), 1, 6, 0, 25, None, None),
        ("防诈骗小课堂", (None, "反诈宣传"), "常见骗局和应对，民警邻居来讲。", "", 3, time(19, 0),
         1, 1, 0, 40, "党群服务中心活动室", None),
        ("家常菜：冬季炖汤", (None, "烹饪"), "三道冬季炖汤，现场演示。", "", 5, time(10, 0), 1.5, 1, 1,
         20, None, None),
        ("合唱发声练习", (None, "声乐"), "合唱队开放课，教呼吸和发声。", "", 4, time(19, 0), 1.5, 4, 0,
         30, "党群服务中心活动室", None),
    ],
    "xingyuan": [
        ("微讲堂：冬季用电安全", (None, "电工"), "电热毯、取暖器怎么用才安全。", "", 2, time(15, 0),
         1, 1, 0, 30, "邻聚力会客厅", None),
        ("365百姓故事会", (None, "讲故事"), "居民讲自己和兴元的故事，每月一期。", "", 4, time(15, 0),
         1.5, 3, 1, 30, "邻聚力会客厅", None),
        ("微讲堂：科学养生", (None, "中医养生"), "社区卫生服务站医生讲冬季养生。", "", 5, time(9, 30),
         1, 1, 0, 30, "邻聚力会客厅", None),
    ],
}
EXTRA_TEACHERS = {"liujin": 10, "xingyuan": 2}  # neighbours who teach, besides the courses'
SKILLS = ("钩针编织", "十字绣", "国画", "围棋", "象棋", "摄影", "英语口语", "修理小家电", "插花",
          "葫芦丝", "广场舞", "手机摄影")
COMMENTS = ("老师很耐心，一针一针地教。", "学会了，回家给孙女钩了个杯垫。", "时间再长一点就好了。",
            "讲得很细，下次还来。", "")


def _teacher(community: Community, names: NameMaker, people: list[Person], name, skill,
             compounds: list[Compound]) -> Teacher:
    """A teacher profile for a resident: 叶胜新 is added as one, the others are residents."""
    if name is not None:
        person = Person(community_id=community.id, name=name, mobile=names.mobile())
        db.session.add(person)
    else:
        person = people.pop()
        name = person.name
    teacher = Teacher(community_id=community.id, person=person, name=name, skill=skill,
                      compound=next((c for c in compounds if c.name == "颐和新园"),
                                    names.rng.choice(compounds)) if name == "叶胜新"
                      else names.rng.choice(compounds))
    db.session.add(teacher)
    return teacher


def _first_day(today: date, weekday: int, held: int) -> date:
    """The day of the first session: `held` weeks ago (or the next such weekday)."""
    ahead = (weekday - today.isoweekday()) % 7 or 7
    return today + timedelta(days=ahead) - timedelta(weeks=held)


def _course(community, teacher, spec, today, names, learners, rooms) -> Course:
    (title, _teacher_spec, description, materials, weekday, start, hours, total, held,
     places, room_name, _request) = spec
    room = rooms.get(room_name)
    activity = Activity(community_id=community.id, title=title, category=CLASS,
                        description=description, venue=room_name or "")
    first = _first_day(today, weekday, held)
    for week in range(total):
        starts_at = clock.at(first + timedelta(weeks=week), start)
        activity.shifts.append(Shift(starts_at=starts_at, capacity=places,
                                     ends_at=starts_at + timedelta(hours=hours)))
    course = Course(community_id=community.id, activity=activity, teacher=teacher,
                    materials=materials)
    db.session.add(course)
    db.session.flush()
    now = utcnow()
    for shift in activity.shifts:
        came = names.rng.sample(learners, min(len(learners), names.rng.randint(4, places)))
        if shift.ends_at < now:
            _held(shift, teacher, came, names)
        else:
            _booked(shift, came[: max(1, len(came) // 2)], room)
    return course


def _held(shift: Shift, teacher: Teacher, came: list[Person], names: NameMaker) -> None:
    """A past session: learners checked in, some ratings, the teacher's time credited."""
    for person in came:
        signup = Signup(shift=shift, person_id=person.id, status="attended", minutes=shift.minutes,
                        queued_at=shift.starts_at - timedelta(days=3), checked_in_at=shift.starts_at)
        db.session.add(signup)
        if names.rng.random() < 0.5:
            db.session.flush()
            db.session.add(SessionRating(signup_id=signup.id, stars=names.rng.choice((4, 5, 5, 3)),
                                         comment=names.rng.choice(COMMENTS),
                                         created_at=shift.ends_at + timedelta(hours=3)))
    shift.taken = len(came)
    db.session.add(Signup(shift=shift, person_id=teacher.person.id, role="teacher",
                          status="attended", minutes=shift.minutes, queued_at=shift.starts_at,
                          checked_in_at=shift.ends_at))


def _booked(shift: Shift, learners: list[Person], room: Room | None) -> None:
    """A session to come: some places taken, its room booked unless the time is taken."""
    for person in learners:
        db.session.add(Signup(shift=shift, person_id=person.id, status="confirmed",
                              queued_at=utcnow() - timedelta(days=1)))
    shift.taken = len(learners)
    if room is not None and clash_with(room, shift.starts_at, shift.ends_at) is None:
        db.session.add(RoomBooking(room_id=room.id, starts_at=shift.starts_at, people=shift.capacity,
                                   ends_at=shift.ends_at, title=shift.activity.title,
                                   purpose="session", purpose_id=shift.id))
        db.session.flush()


def seed_community(community: Community, today: date) -> int:
    """The community's teachers and courses; returns how many courses were new."""
    known = set(db.session.scalars(select(Activity.title).where(
        Activity.community_id == community.id, Activity.category == CLASS)))
    specs = [spec for spec in COURSES[community.slug] if spec[0] not in known]
    if not specs:
        return 0
    names = NameMaker(f"{community.slug}-classes")
    people = list(db.session.scalars(select(Person).where(Person.community_id == community.id,
                                                          Person.household_id.is_not(None))
                                     .order_by(Person.id).limit(200)))
    teachers_pool, learners = people[:40], people[40:]
    compounds = list(community.compounds)
    rooms = {room.name: room for room in db.session.scalars(
        select(Room).where(Room.community_id == community.id))}
    for spec in specs:
        name, skill = spec[1]
        teacher = _teacher(community, names, teachers_pool, name, skill, compounds)
        course = _course(community, teacher, spec, today, names, learners, rooms)
        if spec[-1]:
            _answers(course, spec[-1])
    for _ in range(EXTRA_TEACHERS[community.slug]):
        _teacher(community, names, teachers_pool, None, names.rng.choice(SKILLS), compounds)
    return len(specs)


def _answers(course: Course, subject: str) -> None:
    """The course answers the community's open request on this subject (now scheduled)."""
    request = db.session.scalar(select(CourseRequest).where(
        CourseRequest.community_id == course.community_id, CourseRequest.subject == subject,
        CourseRequest.status == "open"))
    if request is not None:
        course.request = request
        request.status, request.decided_at = "scheduled", utcnow()


def seed() -> dict:
    """Courses for both demo communities; safe to run again."""
    today, created = clock.today(), {}
    for slug in COURSES:
        community = db.session.scalar(select(Community).where(Community.slug == slug))
        if community is not None:
            created[slug] = seed_community(community, today)
    db.session.commit()
    return created

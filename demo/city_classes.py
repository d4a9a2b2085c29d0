"""The city data set's course requests (点课) and their supports, its recruitment calls
(招募令) with their applications, its teachers (能人) and their courses: one course per
teacher, weekly sessions from months ago to weeks ahead; held sessions have their learners
checked in, ratings and the teacher's time, sessions to come some places taken.

About one request for every seven activities: most open with up to 25 supporters each,
one in ten declined with a public reason, one in ten merged into an open one (its
supporters already moved there, so it keeps none). One open request in five is answered
by a call; two more calls stand on their own, one of them closed. Each call has a few
applications: pending, declined with a note, or accepted (the applicant is a teacher).
"""
from datetime import time, timedelta

from blueprints.core import clock

from sqlalchemy import select, update

from demo.city import Town, add, add_plain
from extensions import db
from models import (Activity, Application, Course, CourseRequest, CourseSupport, RecruitmentCall,
                    SessionRating, Shift, Signup, Teacher)
from models.volunteers import CLASS

SUBJECTS = ("钩针编织", "杯花", "面塑", "太极", "智能手机使用", "书法", "剪纸", "合唱", "八段锦",
            "国画", "防诈骗知识", "家常菜", "围棋", "摄影", "英语口语", "编程入门")
REASONS = ("暂时没有找到会教的邻居，找到后再开课。", "场地排满了，明年春天再议。",
           "材料费用较高，先办同类的其他课程。")


def seed(town: Town) -> None:
    """Requests with their supporters, decisions in the change log, teachers with their
    courses, and calls."""
    open_ids = _seed_requests(town)
    teachers = _seed_teachers(town)
    _seed_courses(town, teachers)
    _seed_calls(town, open_ids, [(person, teacher) for teacher, person, _skill in teachers])


def _seed_teachers(town: Town) -> list[tuple[int, int, str]]:
    """One teacher for about every ten activities, each a resident with a skill;
    (teacher id, person id, skill) each."""
    rng = town.rng
    people = rng.sample(town.people, min(len(town.people), max(3, town.shape.activities // 10)))
    rows = [{"community_id": town.id, "person_id": person, "name": town.names.name(),
             "skill": rng.choice(SUBJECTS), "compound_id": rng.choice(town.compounds),
             "bio": "", "created_at": town.ago(days=rng.uniform(30, 400))} for person in people]
    return [(tid, row["person_id"], row["skill"]) for tid, row in zip(add(Teacher, rows), rows)]


def _seed_courses(town: Town, teachers: list[tuple[int, int, str]]) -> None:
    """A course per teacher: weekly sessions, past ones held, future ones part booked."""
    rng, now = town.rng, town.noon
    activities = add(Activity, [{"community_id": town.id, "title": f"{skill}课（{n + 1}）",
                                 "category": CLASS, "description": "邻居能人授课，免费参加。",
                                 "venue": "党群服务中心", "created_at": town.ago(days=120)}
                                for n, (_t, _p, skill) in enumerate(teachers)])
    add(Course, [{"community_id": town.id, "activity_id": activity, "teacher_id": teacher,
                  "materials": "", "created_at": town.ago(days=120)}
                 for activity, (teacher, _p, _s) in zip(activities, teachers)])
    teacher_of = {activity: person for activity, (_t, person, _s) in zip(activities, teachers)}
    sessions, learners = [], []
    for activity in activities:
        first = town.today - timedelta(weeks=rng.randint(0, 10), days=rng.randint(0, 6))
        for week in range(rng.randint(1, 8)):
            starts = clock.at(first + timedelta(weeks=week), time(rng.choice((9, 14, 19))))
            came = [p for p in rng.sample(town.people, min(len(town.people), rng.randint(3, 15)))
                    if p != teacher_of[activity]]
            learners.append(came)
            sessions.append({"activity_id": activity, "starts_at": starts, "capacity": 15,
                             "ends_at": starts + timedelta(hours=1, minutes=30),
                             "taken": len(came)})
    signups = []
    for shift, row, came in zip(add(Shift, sessions), sessions, learners):
        held = row["ends_at"] < now
        signups += [{"shift_id": shift, "person_id": person, "role": "",
                     "status": "attended" if held else "confirmed", "minutes": 90 if held else 0,
                     "queued_at": row["starts_at"] - timedelta(days=2)} for person in came]
        if held:
            signups.append({"shift_id": shift, "person_id": teacher_of[row["activity_id"]],
                            "role": "teacher", "status": "attended", "minutes": 90,
                            "queued_at": row["starts_at"]})
    signup_ids = add(Signup, signups)
    add_plain(SessionRating.__table__, [
        {"signup_id": sid, "stars": rng.choice((3, 4, 5, 5)), "comment": rng.choice(("", "讲得很好")),
         "created_at": now} for sid, row in zip(signup_ids, signups)
        if row["status"] == "attended" and not row["role"] and rng.random() < 0.3])


def _seed_calls(town: Town, open_ids: list[int], teachers: list[tuple[int, int]]) -> None:
    """Calls answering some open requests, two of their own, and applications to each."""
    rng = town.rng
    answered = open_ids[: max(1, len(open_ids) // 5)]
    db.session.execute(update(CourseRequest).where(CourseRequest.id.in_(answered))
                       .values(status="answered", decided_at=town.ago(days=10)))
    subjects = dict(db.session.execute(select(CourseRequest.id, CourseRequest.subject)
                                       .where(CourseRequest.id.in_(answered))).all())
    rows = [_call(town, f"{subjects[rid]}老师", rid, "open") for rid in answered]
    rows += [_call(town, "智能手机使用老师", None, "open"), _call(town, "书法老师", None, "closed")]
    call_ids = add(RecruitmentCall, rows)
    for call_id, row in zip(call_ids, rows):
        town.log(town.staff[0], "call.created", "RecruitmentCall", call_id, row["created_at"],
                 title=row["skill"], answers=row["request_id"])
    pool = [p for p in town.people if p not in {person for person, _t in teachers}]
    applications = []
    for call_id, (person, teacher) in zip(call_ids, teachers):
        applications.append(_application(town, call_id, person, "accepted", teacher))
        for other in rng.sample(pool, min(len(pool), rng.randint(1, 4))):
            applications.append(_application(town, call_id, other,
                                             rng.choice(("pending", "pending", "declined")), None))
    add(Application, applications)


def _call(town: Town, skill: str, request_id: int | None, status: str) -> dict:
    return {"community_id": town.id, "request_id": request_id, "skill": skill,
            "audience": "社区居民", "frequency": "每周一次", "details": "", "status": status,
            "created_at": town.ago(days=10), "closed_at": town.ago(days=2) if status == "closed" else None}


def _application(town: Town, call_id: int, person: int, status: str, teacher: int | None) -> dict:
    return {"call_id": call_id, "person_id": person, "name": town.person_names[person],
            "skill": town.rng.choice(SUBJECTS), "experience": "在老年大学学过几年。",
            "availability": "周末上午", "status": status,
            "decline_note": "这期老师已经够了，下次再请您。" if status == "declined" else "",
            "teacher_id": teacher, "created_at": town.ago(days=8),
            "decided_at": town.ago(days=5) if status != "pending" else None}


def _seed_requests(town: Town) -> list[int]:
    """Requests with their supporters (counted in the row), decisions in the change log;
    returns the open requests' ids."""
    rng = town.rng
    rows, supporters, merged = [], [], []
    for i in range(max(3, town.shape.activities // 7)):
        status = "open" if i < 2 else rng.choices(("open", "declined", "merged"), (8, 1, 1))[0]
        row = {"community_id": town.id, "subject": f"{rng.choice(SUBJECTS)}（{i + 1}）",
               "details": "想请社区里的能人教一教，周末上课最好。" if i % 3 == 0 else "",
               "status": status, "decline_reason": "", "merged_into_id": None,
               "support_count": 0, "created_at": town.ago(days=rng.uniform(1, 200)),
               "decided_at": None}
        if status == "merged":
            merged.append(row)
            continue
        people = rng.sample(town.people, min(len(town.people), rng.randint(1, 25)))
        row["support_count"] = len(people)
        if status == "declined":
            row.update(decline_reason=rng.choice(REASONS),
                       decided_at=row["created_at"] + timedelta(days=3))
        rows.append(row)
        supporters.append(people)
    ids = add(CourseRequest, rows)
    add_plain(CourseSupport.__table__, [
        {"request_id": rid, "person_id": person, "created_at": row["created_at"]}
        for rid, row, people in zip(ids, rows, supporters) for person in people])
    open_ids = [rid for rid, row in zip(ids, rows) if row["status"] == "open"]
    for row in merged:
        row.update(merged_into_id=rng.choice(open_ids),
                   decided_at=row["created_at"] + timedelta(days=1))
    for rid, row in zip(ids + add(CourseRequest, merged), rows + merged):
        if row["status"] == "merged":
            town.log(town.staff[0], "course_request.merged", "CourseRequest", rid,
                     row["decided_at"], title=row["subject"], into=row["merged_into_id"])
        elif row["status"] == "declined":
            town.log(town.staff[0], "course_request.declined", "CourseRequest", rid,
                     row["decided_at"], title=row["subject"], reason=row["decline_reason"])
    return open_ids

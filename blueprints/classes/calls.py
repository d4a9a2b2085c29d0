"""Recruitment calls (招募令): publishing and closing them, applications, teachers.

Like services.py: no `request` here, one transaction per call (@transactional), refusals
raised as CallError with the field they belong to. Applying is once per number and call,
decided by a unique row (two taps at once count once); accepting an applicant makes (or
brings back) the community's Teacher profile of that person; declining queues a polite
notice through the outbox. Every staff change goes into the change log.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

# _close: the one conditional UPDATE that moves a request out of "open" (merge, decline, answer).
from blueprints.classes.services import RequestError, _close
from blueprints.core.audit import record_event
from blueprints.core.paging import Page, paginate
from blueprints.core.transaction import transactional
from blueprints.volunteers import outbox
from blueprints.volunteers.services import find_or_add
from extensions import db
from models import (
    Application,
    Community,
    Compound,
    CourseRequest,
    RecruitmentCall,
    Teacher,
    User,
)
from models.base import utcnow

STAFF_PER_PAGE = 30
APPLICATIONS_PER_PAGE = 30
TEACHERS_PER_PAGE = 50
PUBLIC_OPEN_CALLS = 10  # on the classes page, newest first
PUBLIC_TEACHERS = 20  # accepted teachers shown on a call's page


class CallError(RequestError):
    """A change the rules refuse; `field` is where to show it (a kind of RequestError, as
    answering a request is one of the request's decisions)."""


CALL_CLOSED = _l("这个招募令已经结束，不再接受报名。")


@transactional
def publish(community: Community, actor: User, skill: str, audience: str = "",
            frequency: str = "", details: str = "",
            course_request: CourseRequest | None = None) -> RecruitmentCall:
    """A new open call; given a request, it answers it (the request leaves "open")."""
    call = RecruitmentCall(community_id=community.id, skill=skill.strip(),
                           audience=(audience or "").strip(), frequency=(frequency or "").strip(),
                           details=(details or "").strip())
    if course_request is not None:
        if course_request.community_id != community.id:
            raise CallError(_l("请选择本社区的点课。"))
        # The conditional UPDATE decides: a merge or decline made meanwhile wins.
        if not _close(course_request, status="answered"):
            raise CallError(_l("只有征集中的点课可以用招募令回应。"))
        call.request_id = course_request.id
    db.session.add(call)
    db.session.flush()
    record_event(actor, "call.created", call, community, title=call.skill,
                 answers=course_request.id if course_request else None)
    if course_request is not None:
        db.session.refresh(course_request)
    return call


@transactional
def close(call: RecruitmentCall, actor: User) -> RecruitmentCall:
    """End an open call: its page stays, without the application form."""
    closed = db.session.execute(
        update(RecruitmentCall).where(RecruitmentCall.id == call.id,
                                      RecruitmentCall.status == "open")
        .values(status="closed", closed_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    if closed != 1:
        raise CallError(_l("这个招募令已经结束了。"))
    record_event(actor, "call.closed", call, call.community, title=call.skill)
    db.session.refresh(call)
    return call


@transactional
def apply(call: RecruitmentCall, name: str, mobile: str, skill: str, experience: str = "",
          availability: str = "") -> bool:
    """An offer to teach: True when recorded, False when this number already applied."""
    if not call.is_open:
        raise CallError(CALL_CLOSED)
    person, _created = find_or_add(call.community, name, mobile)
    application = Application(call_id=call.id, person_id=person.id, name=name.strip(),
                              skill=skill.strip(), experience=(experience or "").strip(),
                              availability=(availability or "").strip())
    try:
        with db.session.begin_nested():
            db.session.add(application)
            db.session.flush()
    except IntegrityError:  # the savepoint is undone: this number applied before
        return False
    return True


@transactional
def accept(application: Application, actor: User, name: str, skill: str,
           compound: Compound | None = None) -> Teacher:
    """Make the applicant a teacher (their existing profile is brought back and updated)."""
    community = application.call.community
    if compound is not None and compound.community_id != community.id:
        raise CallError(_l("请选择本社区的小区。"), "compound")
    if not _decide(application, "accepted"):
        raise CallError(_l("这份报名已经处理过了。"))
    teacher = _teacher_profile(community, application.person_id)
    teacher.name, teacher.skill = name.strip(), skill.strip()
    teacher.compound_id = compound.id if compound else teacher.compound_id
    teacher.retired_at = None
    db.session.flush()
    application.teacher_id = teacher.id
    record_event(actor, "application.accepted", application, community, name=teacher.name,
                 title=teacher.skill)
    outbox.notify_person(application.person, "call_accepted", f"call_accepted:{application.id}",
                         f"【{community.name}】{application.name}您好，感谢您报名"
                         f"“{application.call.skill}”招募令，社区已请您担任能人老师，"
                         f"工作人员会与您联系安排课程。")
    return teacher


@transactional
def decline(application: Application, actor: User, note: str = "") -> Application:
    """Decline politely: the applicant gets a thank-you notice (with the note, if any)."""
    note = (note or "").strip()
    if not _decide(application, "declined", decline_note=note):
        raise CallError(_l("这份报名已经处理过了。"))
    community = application.call.community
    record_event(actor, "application.declined", application, community, name=application.name,
                 title=application.call.skill)
    body = (f"【{community.name}】{application.name}您好，感谢您报名“{application.call.skill}”"
            f"招募令。这次暂未安排您授课{'：' + note if note else ''}。"
            f"欢迎继续关注社区的能人课堂。")
    outbox.notify_person(application.person, "call_declined", f"call_declined:{application.id}",
                         body)
    return application


def _teacher_profile(community: Community, person_id: int) -> Teacher:
    """The person's teacher profile in the community, added when they have none yet."""
    def existing():
        return db.session.scalar(select(Teacher).where(Teacher.community_id == community.id,
                                                       Teacher.person_id == person_id))
    teacher = existing()
    if teacher is not None:
        return teacher
    teacher = Teacher(community_id=community.id, person_id=person_id, name="", skill="")
    try:
        with db.session.begin_nested():
            db.session.add(teacher)
            db.session.flush()
    except IntegrityError:  # accepted for another call at the same moment: one profile
        return existing()
    return teacher


def _decide(application: Application, status: str, **values) -> bool:
    """Move a pending application on with one conditional UPDATE; False if it was not pending."""
    decided = db.session.execute(
        update(Application).where(Application.id == application.id,
                                  Application.status == "pending")
        .values(status=status, decided_at=utcnow(), **values)
        .execution_options(synchronize_session=False)).rowcount == 1
    if decided:
        db.session.refresh(application)
    return decided


@transactional
def update_teacher(teacher: Teacher, actor: User, skill: str, bio: str) -> Teacher:
    """Change what a teacher's profile says."""
    teacher.skill, teacher.bio = skill.strip(), (bio or "").strip()
    record_event(actor, "teacher.updated", teacher, teacher.community, name=teacher.name,
                 title=teacher.skill)
    return teacher


@transactional
def retire(teacher: Teacher, actor: User) -> Teacher:
    """The teacher no longer teaches: kept for the record, left out of pick lists."""
    if teacher.retired_at is not None:
        raise CallError(_l("这位能人已经退出了。"))
    teacher.retired_at = utcnow()
    record_event(actor, "teacher.retired", teacher, teacher.community, name=teacher.name)
    return teacher


# ---- reading ---------------------------------------------------------------------------

def get_call(community: Community, call_id: int) -> RecruitmentCall | None:
    """The call if it belongs to this community (with the request it answers)."""
    return db.session.scalar(
        select(RecruitmentCall).where(RecruitmentCall.id == call_id,
                                      RecruitmentCall.community_id == community.id)
        .options(selectinload(RecruitmentCall.request)))


def get_application(community: Community, application_id: int) -> Application | None:
    """The application if its call belongs to this community."""
    return db.session.scalar(
        select(Application).join(RecruitmentCall)
        .where(Application.id == application_id, RecruitmentCall.community_id == community.id)
        .options(selectinload(Application.call), selectinload(Application.person),
                 selectinload(Application.teacher)))


def get_teacher(community: Community, teacher_id: int) -> Teacher | None:
    """The teacher if they belong to this community."""
    return db.session.scalar(select(Teacher).where(Teacher.id == teacher_id,
                                                   Teacher.community_id == community.id))


def open_calls(community: Community, limit: int = PUBLIC_OPEN_CALLS) -> list[RecruitmentCall]:
    """The community's open calls, newest first (bounded), with the requests they answer."""
    return list(db.session.scalars(
        select(RecruitmentCall)
        .where(RecruitmentCall.community_id == community.id, RecruitmentCall.status == "open")
        .options(selectinload(RecruitmentCall.request))
        .order_by(RecruitmentCall.created_at.desc(), RecruitmentCall.id.desc()).limit(limit)))


def staff_calls(community: Community, number: int,
                per_page: int = STAFF_PER_PAGE) -> Page[RecruitmentCall]:
    """A page of all the community's calls, open ones first, newest first."""
    query = (select(RecruitmentCall).where(RecruitmentCall.community_id == community.id)
             .options(selectinload(RecruitmentCall.request))
             .order_by(RecruitmentCall.status.desc(), RecruitmentCall.created_at.desc(),
                       RecruitmentCall.id.desc()))
    return paginate(query, number, per_page)


def application_counts(calls) -> dict[int, dict[str, int]]:
    """{call id: {status: count}} for these calls, in one grouped query."""
    ids = [call.id for call in calls]
    counts: dict[int, dict[str, int]] = {i: {} for i in ids}
    if ids:
        rows = db.session.execute(
            select(Application.call_id, Application.status, func.count())
            .where(Application.call_id.in_(ids))
            .group_by(Application.call_id, Application.status))
        for call_id, status, count in rows:
            counts[call_id][status] = count
    return counts


def applications(call: RecruitmentCall, number: int,
                 per_page: int = APPLICATIONS_PER_PAGE) -> Page[Application]:
    """A page of the call's applications, pending first, oldest first (as they came)."""
    query = (select(Application).where(Application.call_id == call.id)
             .options(selectinload(Application.person), selectinload(Application.teacher))
             .order_by((Application.status == "pending").desc(), Application.created_at,
                       Application.id))
    return paginate(query, number, per_page)


def accepted_teachers(call: RecruitmentCall, limit: int = PUBLIC_TEACHERS) -> list[Teacher]:
    """The teachers this call found (name, skill, compound are what the public sees)."""
    return list(db.session.scalars(
        select(Teacher).join(Application, Application.teacher_id == Teacher.id)
        .where(Application.call_id == call.id, Teacher.retired_at.is_(None))
        .options(selectinload(Teacher.compound)).order_by(Teacher.name, Teacher.id).limit(limit)))


def teachers(community: Community, number: int,
             per_page: int = TEACHERS_PER_PAGE) -> Page[Teacher]:
    """A page of the community's teachers: active ones first, by name."""
    query = (select(Teacher).where(Teacher.community_id == community.id)
             .options(selectinload(Teacher.compound), selectinload(Teacher.person))
             .order_by(Teacher.retired_at.is_not(None), Teacher.name, Teacher.id))
    return paginate(query, number, per_page)


def compounds(community: Community) -> list[Compound]:
    """The community's compounds, for the teacher's compound (a handful per community)."""
    return list(db.session.scalars(select(Compound).where(Compound.community_id == community.id)
                                   .order_by(Compound.name, Compound.id).limit(200)))


"""The sign-up engine, teams, hours and the outbox, without HTTP."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from blueprints.core import clock
from blueprints.volunteers import activities, outbox, services, tokens
from blueprints.volunteers.services import SignupError
from extensions import db
from models import OutboxMessage, Shift, Signup
from tests.factories import make_community, make_person, make_user
from tests.volunteers.factories import make_activity, make_shift, make_signup, make_team


@pytest.fixture
def community(app):
    # Refusal messages are lazy translations: render them as a request would.
    with app.test_request_context():
        yield make_community(slug="liujin", name="流津社区")


@pytest.fixture
def shift(community):
    return make_shift(make_activity(community), capacity=2)


def test_places_then_waitlist_in_order(community, shift):
    people = [make_person(community) for _ in range(4)]
    signups = [services.sign_up(shift, p) for p in people]
    assert [s.status for s in signups] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    db.session.refresh(shift)
    assert shift.taken == 2 and shift.places_left == 0
    assert [services.waitlist_position(s) for s in signups[2:]] == [1, 2]


def test_cancel_promotes_first_waitlisted_and_queues_notice(community, shift):
    people = [make_person(community) for _ in range(4)]
    signups = [services.sign_up(shift, p) for p in people]
    promoted = services.cancel(signups[0])
    assert promoted.id == signups[2].id
    assert db.session.get(Signup, signups[2].id).status == "confirmed"
    assert services.waitlist_position(db.session.get(Signup, signups[3].id)) == 1
    db.session.refresh(shift)
    assert shift.taken == 2
    notice = db.session.scalar(db.select(OutboxMessage))
    assert notice.kind == "promoted" and notice.person_id == people[2].id
    assert "已转为正式报名" in notice.body


def test_cancel_on_a_cancelled_shift_promotes_nobody(community, shift):
    signups = [services.sign_up(shift, make_person(community)) for _ in range(3)]
    activities.cancel_shift(shift, make_user("staff", [community]))
    assert services.cancel(signups[0]) is None
    assert db.session.get(Signup, signups[2].id).status == "waitlisted"
    kinds = db.session.scalars(db.select(OutboxMessage.kind)).all()
    assert "promoted" not in kinds and kinds.count("cancelled") == 3
    db.session.refresh(shift)
    assert shift.taken == 1


def test_cancel_on_a_cancelled_activity_promotes_nobody(community, shift):
    signups = [services.sign_up(shift, make_person(community)) for _ in range(3)]
    shift.activity.cancelled_at = shift.starts_at - timedelta(days=1)  # shift row untouched
    db.session.commit()
    assert services.cancel(signups[1]) is None
    assert db.session.get(Signup, signups[2].id).status == "waitlisted"


def test_cancel_of_waitlisted_frees_no_place(community, shift):
    signups = [services.sign_up(shift, make_person(community)) for _ in range(3)]
    assert services.cancel(signups[2]) is None
    db.session.refresh(shift)
    assert shift.taken == 2


def test_cancel_with_empty_waitlist_gives_place_back(community, shift):
    signup = services.sign_up(shift, make_person(community))
    services.cancel(signup)
    db.session.refresh(shift)
    assert shift.taken == 0


def test_same_number_twice_refused_but_may_return_after_cancelling(community, shift):
    person = make_person(community)
    signup = services.sign_up(shift, person)
    with pytest.raises(SignupError) as refused:
        services.sign_up(shift, person)
    assert refused.value.field == "mobile"
    services.cancel(signup)
    again = services.sign_up(shift, person)
    assert again.id == signup.id and again.status == "confirmed"


def test_two_taps_reusing_a_cancelled_signup_take_one_place(community, shift, monkeypatch):
    person = make_person(community)
    signup = services.sign_up(shift, person)
    services.cancel(signup)
    real_overlapping = services.overlapping

    def other_tap_commits_first(who, target):
        # Between this tap's read of the cancelled row and its write, the other tap
        # (same person, same row) reopened it and took a place.
        db.session.execute(update(Signup).where(Signup.id == signup.id)
                           .values(status="confirmed")
                           .execution_options(synchronize_session=False))
        db.session.execute(update(Shift).where(Shift.id == shift.id)
                           .values(taken=Shift.taken + 1)
                           .execution_options(synchronize_session=False))
        db.session.commit()
        return real_overlapping(who, target)

    monkeypatch.setattr(services, "overlapping", other_tap_commits_first)
    with pytest.raises(SignupError, match="已经报名"):
        services.sign_up(shift, person)
    db.session.refresh(shift)
    assert shift.taken == 1
    assert db.session.get(Signup, signup.id).status == "confirmed"


def test_signing_up_again_after_promotion_and_cancel_starts_fresh(community, shift):
    people = [make_person(community) for _ in range(3)]
    first, _, waiting = [services.sign_up(shift, p) for p in people]
    services.cancel(first)
    services.cancel(db.session.get(Signup, waiting.id))  # promoted, then cancelled
    again = services.sign_up(shift, people[2])
    assert again.id == waiting.id and again.status == "confirmed"
    assert again.promoted_at is None and again.cancelled_at is None


def test_sign_up_with_a_team_needs_accepted_membership(community, shift):
    team = make_team(community)
    person = make_person(community)
    with pytest.raises(SignupError) as refused:
        services.sign_up(shift, person, team_id=team.id)
    assert refused.value.field == "team"
    member = activities.request_membership(team, person)
    with pytest.raises(SignupError, match="已加入的队伍"):
        services.sign_up(shift, person, team_id=team.id)  # still pending
    activities.decide_membership(member, True, make_user("staff", [community]))
    assert services.sign_up(shift, person, team_id=team.id).team_id == team.id
    db.session.refresh(shift)
    assert shift.taken == 1


def test_overlapping_shift_refused(community, shift):
    person = make_person(community)
    services.sign_up(shift, person)
    other = make_shift(make_activity(community, title="消防安全宣传日"),
                       start_in=timedelta(days=2, hours=1))
    with pytest.raises(SignupError, match="时间冲突"):
        services.sign_up(other, person)
    later = make_shift(other.activity, start_in=timedelta(days=2, hours=2))
    assert services.sign_up(later, person).status == "confirmed"


def test_cancelled_and_past_shifts_refused(community, shift):
    activities.cancel_shift(shift, make_user("staff", [community]))
    with pytest.raises(SignupError, match="已取消"):
        services.sign_up(shift, make_person(community))
    past = make_shift(shift.activity, start_in=timedelta(days=-1))
    with pytest.raises(SignupError, match="已经开始或结束"):
        services.sign_up(past, make_person(community))


def test_find_or_add_person_reuses_number_and_keeps_the_stored_name(community):
    first, created = services.find_or_add(community, "王芳", "139 1234 5678")
    db.session.commit()
    again, created_again = services.find_or_add(community, "冒名者", "+8613912345678")
    assert created and not created_again
    assert again.id == first.id and again.mobile == "13912345678" and again.name == "王芳"


def test_hours_from_attendance_only(community):
    activity = make_activity(community)
    person = make_person(community)
    staff = make_user("staff", [community])
    done = make_shift(activity, start_in=timedelta(days=-3), hours=3)
    missed = make_shift(activity, start_in=timedelta(days=-2), hours=2)
    a = make_signup(done, person)
    b = make_signup(missed, person)
    services.check_in(a, staff)
    services.mark_no_show(b, staff)
    year = done.starts_at.astimezone(clock.ZONE).year
    assert services.hours_by_year(person) == {year: 3.0}
    assert [r.id for r in services.attended_records(person, year)] == [a.id]
    assert services.community_hours(community, year)[0][1:] == (3.0, 1)


def test_check_in_refuses_waitlisted(community, shift):
    person = make_person(community)
    signup = make_signup(shift, person, status="waitlisted")
    with pytest.raises(SignupError):
        services.check_in(signup, make_user("staff", [community]))


def test_check_in_opens_two_hours_before_the_start(community, shift):
    staff = make_user("staff", [community])
    signup = make_signup(shift, make_person(community))
    with pytest.raises(SignupError, match="开始前两小时"):
        services.check_in(signup, staff)  # the shift is two days away
    assert signup.status == "confirmed" and signup.minutes == 0
    services.check_in(signup, staff, now=shift.starts_at - timedelta(hours=2))
    assert signup.status == "attended" and signup.minutes == 120


def test_check_in_refused_on_a_cancelled_shift_or_activity(community):
    staff = make_user("staff", [community])
    started = make_shift(make_activity(community), start_in=timedelta(minutes=-30))
    signup = make_signup(started, make_person(community))
    started.cancelled_at = started.starts_at - timedelta(hours=5)
    db.session.commit()
    with pytest.raises(SignupError, match="已取消"):
        services.check_in(signup, staff)
    other = make_shift(make_activity(community, title="消防安全宣传日"),
                       start_in=timedelta(minutes=-30))
    signup = make_signup(other, make_person(community))
    other.activity.cancelled_at = other.starts_at - timedelta(hours=5)
    db.session.commit()
    with pytest.raises(SignupError, match="已取消"):
        services.check_in(signup, staff)
    assert signup.status == "confirmed" and signup.minutes == 0


def test_copy_activity_to_another_date(community, shift):
    staff = make_user("staff", [community])
    services.sign_up(shift, make_person(community))
    day = shift.starts_at.astimezone(clock.ZONE).date() + timedelta(days=7)
    copy = activities.copy_activity(shift.activity, day, staff)
    assert copy.id != shift.activity.id and len(copy.shifts) == 1
    assert copy.shifts[0].starts_at == shift.starts_at + timedelta(days=7)
    assert copy.shifts[0].taken == 0 and copy.shifts[0].signups == []


def test_cancel_activity_tells_everyone(community, shift):
    people = [make_person(community) for _ in range(3)]
    for p in people:
        services.sign_up(shift, p)
    told = activities.cancel_activity(shift.activity, make_user("staff", [community]))
    assert told == 3
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 3
    assert shift.is_cancelled


def test_team_membership_flow(community):
    team = make_team(community)
    person = make_person(community)
    member = activities.request_membership(team, person)
    assert member.status == "pending" and activities.accepted_team_ids(person) == set()
    activities.decide_membership(member, True, make_user("staff", [community]))
    assert activities.accepted_team_ids(person) == {team.id}
    with pytest.raises(SignupError):
        activities.request_membership(team, person)


def test_me_token_roundtrip_tamper_and_revoke(community):
    person = make_person(community)
    token = tokens.me_token(person)
    assert tokens.me_token(person) == token  # stable
    assert tokens.person_from_token(token).id == person.id
    assert tokens.person_from_token(token[:-2] + "xx") is None
    activities.revoke_link(person, make_user("staff", [community]))
    assert tokens.person_from_token(token) is None
    assert tokens.person_from_token(tokens.me_token(person)).id == person.id


def test_reminders_queued_once_and_sent_once(community):
    activity = make_activity(community)
    now = datetime(2026, 6, 1, 4, 0, tzinfo=timezone.utc)  # 12:00 in Shanghai
    tomorrow = datetime(2026, 6, 2, 1, 0, tzinfo=timezone.utc)  # 09:00 next day
    shift = make_shift(activity, starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=2))
    later = make_shift(activity, starts_at=tomorrow + timedelta(days=1),
                       ends_at=tomorrow + timedelta(days=1, hours=2))
    make_signup(shift, make_person(community))
    make_signup(shift, make_person(community), status="waitlisted")
    make_signup(later, make_person(community))
    assert outbox.queue_reminders(now) == 1
    assert outbox.queue_reminders(now) == 0

    class Recorder:
        sent = []

        def send(self, message):
            self.sent.append(message.body)

    sender = Recorder()
    assert outbox.send_pending(sender) == (1, 0)
    assert outbox.send_pending(sender) == (0, 0)
    assert len(sender.sent) == 1 and "明天" in sender.sent[0]


def test_failed_send_is_retried_next_run(community):
    shift = make_shift(make_activity(community))
    signup = make_signup(shift, make_person(community))
    outbox.notify_cancelled(signup)
    db.session.commit()

    class Broken:
        def send(self, message):
            raise OSError("gateway down")

    assert outbox.send_pending(Broken()) == (0, 1)
    message = db.session.scalar(db.select(OutboxMessage))
    assert message.sent_at is None and "gateway down" in message.error
    assert outbox.send_pending(outbox.LogSender()) == (1, 0)


class Recorder:
    """A sender that keeps what it was asked to send."""

    def __init__(self):
        self.sent = []

    def send(self, message):
        self.sent.append(message.kind)


def test_reminder_after_cancelling_is_skipped_not_sent(community):
    activity = make_activity(community)
    now = datetime(2026, 6, 1, 4, 0, tzinfo=timezone.utc)
    tomorrow = datetime(2026, 6, 2, 1, 0, tzinfo=timezone.utc)
    shift = make_shift(activity, starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=2))
    gone = make_signup(shift, make_person(community))
    staying = make_signup(shift, make_person(community))
    assert outbox.queue_reminders(now) == 2
    gone.status, gone.cancelled_at = "cancelled", now
    db.session.commit()
    sender = Recorder()
    assert outbox.send_pending(sender) == (1, 0)
    assert sender.sent == ["reminder"]
    skipped = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.signup_id == gone.id))
    assert skipped.sent_at is None and skipped.skipped_at is not None
    assert outbox.send_pending(sender) == (0, 0)  # never picked up again
    # Signing up again queues the reminder again.
    gone.status = "confirmed"
    db.session.commit()
    assert outbox.queue_reminders(now) == 1
    assert outbox.send_pending(sender) == (1, 0)
    assert staying.id != gone.id


def test_notices_of_a_cancelled_shift_skip_reminders_but_send_the_cancellation(community, shift):
    people = [make_person(community) for _ in range(3)]
    signups = [services.sign_up(shift, p) for p in people]
    services.cancel(signups[0])  # signups[2] promoted: a "promoted" message is queued
    activities.cancel_shift(shift, make_user("staff", [community]))
    sender = Recorder()
    assert outbox.send_pending(sender) == (2, 0)
    assert sorted(sender.sent) == ["cancelled", "cancelled"]
    promoted = db.session.scalar(db.select(OutboxMessage).where(OutboxMessage.kind == "promoted"))
    assert promoted.skipped_at is not None and promoted.sent_at is None


def test_a_claim_left_by_a_dead_run_is_retried(app, community, shift):
    signup = make_signup(shift, make_person(community))
    old = outbox.notify_cancelled(signup)
    db.session.commit()
    old.claimed_at = datetime.now(timezone.utc) - timedelta(minutes=outbox.CLAIM_MINUTES + 1)
    fresh = make_signup(make_shift(shift.activity, start_in=timedelta(days=4)),
                        make_person(community))
    busy = outbox.notify_cancelled(fresh)
    db.session.commit()
    busy.claimed_at = datetime.now(timezone.utc) - timedelta(minutes=1)  # another run sends it
    db.session.commit()
    sender = Recorder()
    assert outbox.send_pending(sender) == (1, 0)
    db.session.refresh(old)
    db.session.refresh(busy)
    assert old.sent_at is not None and busy.sent_at is None
    app.config["OUTBOX_CLAIM_MINUTES"] = 0.5
    assert outbox.send_pending(sender) == (1, 0)

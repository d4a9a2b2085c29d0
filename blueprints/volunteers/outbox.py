"""The outbox: reminders and notices written here, delivered by `flask send-reminders`.

A message is written once (its `key` is unique) and sent once: a sender first
claims it with a conditional UPDATE, so two runs of the command never both send it.
A claim older than OUTBOX_CLAIM_MINUTES belongs to a run that died and is released;
a reminder or promotion notice whose sign-up or shift was cancelled meanwhile is
marked skipped instead of sent.
"""
import json
import logging
import urllib.request
from datetime import datetime, time, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload
from werkzeug.utils import import_string

from blueprints.core import clock
from blueprints.core.paging import Page, paginate
from blueprints.volunteers import tokens
from extensions import db
from models import Activity, Community, OutboxMessage, Person, Shift, Signup
from models.base import utcnow
from printing.links import public_url

log = logging.getLogger("doorstep.outbox")


def _when(shift: Shift) -> str:
    start = clock.local(shift.starts_at)
    end = clock.local(shift.ends_at)
    return f"{start:%m月%d日 %H:%M}-{end:%H:%M}"


def _add(signup: Signup, kind: str, key: str, body: str) -> OutboxMessage | None:
    """Queue a message about a sign-up unless one with this key exists (a skipped one is
    queued again)."""
    return _queue(signup.shift.activity.community_id, signup.person, kind, key, body,
                  signup_id=signup.id)


def notify_person(person: Person, kind: str, key: str, body: str) -> OutboxMessage | None:
    """Queue a notice that no sign-up is behind (a course made from a request a resident
    supported, an answer to an application …); `key` makes it once only. In the caller's
    transaction."""
    return _queue(person.community_id, person, kind, key, body)


def _queue(community_id: int, person: Person, kind: str, key: str, body: str,
           signup_id: int | None = None) -> OutboxMessage | None:
    existing = db.session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
    if existing is not None:
        if existing.skipped_at is None:
            return None
        existing.skipped_at = existing.claimed_at = None
        existing.body, existing.error = body, ""
        return existing
    message = OutboxMessage(community_id=community_id, person_id=person.id, signup_id=signup_id,
                            kind=kind, key=key, recipient=person.mobile, body=body)
    db.session.add(message)
    return message


def notify_promoted(signup: Signup) -> OutboxMessage | None:
    """Tell a waitlisted volunteer they now have a place (in the caller's transaction)."""
    shift = signup.shift
    body = (f"【{shift.activity.community.name}】{signup.person.name}您好，您候补的"
            f"“{shift.activity.title}”（{_when(shift)}）有人取消，您已转为正式报名。")
    stamp = (signup.promoted_at or utcnow()).isoformat()
    return _add(signup, "promoted", f"promoted:{signup.id}:{stamp}", body)


def notify_cancelled(signup: Signup) -> OutboxMessage | None:
    """Tell a volunteer their shift was cancelled by staff."""
    shift = signup.shift
    body = (f"【{shift.activity.community.name}】{signup.person.name}您好，"
            f"“{shift.activity.title}”（{_when(shift)}）已取消，感谢您的支持。")
    return _add(signup, "cancelled", f"cancelled:{signup.id}:{shift.id}", body)


def notify_me_link(signup: Signup) -> OutboxMessage | None:
    """Send the volunteer their /me link by SMS (the browser that signed up may not see it)."""
    shift, person = signup.shift, signup.person
    status = "已报名" if signup.status == "confirmed" else "已进入候补"
    url = public_url("me.page", token=tokens.me_token(person))
    body = (f"【{shift.activity.community.name}】{person.name}您好，您{status}"
            f"“{shift.activity.title}”（{_when(shift)}）。查看或取消报名：{url}")
    return _add(signup, "me_link", f"me_link:{signup.id}:{signup.queued_at.isoformat()}", body)


def queue_reminders(now: datetime | None = None) -> int:
    """A reminder for each confirmed volunteer of every shift starting tomorrow."""
    today = clock.today(now)
    start = clock.at(today + timedelta(days=1), time(0))
    signups = db.session.scalars(
        select(Signup).join(Shift).join(Activity).where(
            Signup.status == "confirmed", Shift.cancelled_at.is_(None),
            Activity.cancelled_at.is_(None),
            Shift.starts_at >= start, Shift.starts_at < start + timedelta(days=1),
        )
    ).all()
    added = 0
    for signup in signups:
        shift = signup.shift
        place = shift.activity.place or shift.activity.community.name
        body = (f"【{shift.activity.community.name}】{signup.person.name}您好，提醒您明天参加"
                f"“{shift.activity.title}”（{_when(shift)}，{place}）。不能来请在个人页面取消。")
        added += _add(signup, "reminder", f"reminder:{signup.id}:{shift.starts_at:%Y%m%d%H%M}",
                      body) is not None
    db.session.commit()
    return added


class LogSender:
    """Default: writes each message to the application log."""

    def send(self, message: OutboxMessage) -> None:
        log.info("message to %s: %s", message.recipient, message.body)


class WebhookSmsSender:
    """Posts {"mobile", "text"} as JSON to SMS_WEBHOOK_URL (an SMS gateway)."""

    def send(self, message: OutboxMessage) -> None:
        payload = json.dumps({"mobile": message.recipient, "text": message.body}).encode()
        request = urllib.request.Request(
            current_app.config["SMS_WEBHOOK_URL"], data=payload,
            headers={"Content-Type": "application/json"}, method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            response.read()


SENDERS = {"log": LogSender, "sms-webhook": WebhookSmsSender}


def configured_sender():
    """The sender named by MESSAGE_SENDER: a short name or a dotted path to a class."""
    name = current_app.config.get("MESSAGE_SENDER", "log")
    sender_class = SENDERS.get(name) or import_string(name)
    return sender_class()


CLAIM_MINUTES = 15  # default of OUTBOX_CLAIM_MINUTES: a send takes seconds, not minutes
# Messages that only make sense while the sign-up still holds its place.
NEEDS_ACTIVE_SIGNUP = ("reminder", "promoted")


def _pending():
    return (OutboxMessage.sent_at.is_(None), OutboxMessage.skipped_at.is_(None))


def release_stale_claims(now: datetime | None = None) -> int:
    """Free messages claimed by a run that died before sending them; returns how many."""
    minutes = current_app.config.get("OUTBOX_CLAIM_MINUTES", CLAIM_MINUTES)
    cutoff = (now or utcnow()) - timedelta(minutes=minutes)
    released = db.session.execute(
        update(OutboxMessage).where(*_pending(), OutboxMessage.claimed_at < cutoff)
        .values(claimed_at=None).execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return released


def _claim(message_id: int) -> bool:
    """Mark a message as being sent; False when another run got it first."""
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, *_pending(), OutboxMessage.claimed_at.is_(None))
        .values(claimed_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def still_due(message: OutboxMessage) -> bool:
    """False for a reminder or promotion notice whose sign-up or shift was cancelled."""
    if message.kind not in NEEDS_ACTIVE_SIGNUP:
        return True
    signup = message.signup
    return signup is not None and signup.status == "confirmed" and not signup.shift.is_cancelled


def send_pending(sender=None) -> tuple[int, int]:
    """Deliver every unsent message once; returns (sent, failed). Skipped ones count in neither."""
    sender = sender or configured_sender()
    release_stale_claims()
    ids = db.session.scalars(
        select(OutboxMessage.id).where(*_pending(), OutboxMessage.claimed_at.is_(None))
        .order_by(OutboxMessage.id)
    ).all()
    db.session.commit()
    sent = failed = 0
    for message_id in ids:
        if not _claim(message_id):
            continue
        message = db.session.get(OutboxMessage, message_id)
        if not still_due(message):
            message.skipped_at = utcnow()
            db.session.commit()
            continue
        try:
            sender.send(message)
        except Exception as error:  # a failed delivery is released for the next run
            log.warning("sending message %s failed: %s", message_id, error)
            message.claimed_at = None
            message.error = str(error)[:500]
            failed += 1
        else:
            message.sent_at = utcnow()
            message.error = ""
            sent += 1
        db.session.commit()
    return sent, failed


MESSAGES_PER_PAGE = 50


def outbox_page(community: Community, number: int) -> Page[OutboxMessage]:
    """A page of the community's messages for the staff outbox, newest first."""
    return paginate(select(OutboxMessage).where(OutboxMessage.community_id == community.id)
                    .options(selectinload(OutboxMessage.person))
                    .order_by(OutboxMessage.id.desc()), number, MESSAGES_PER_PAGE)

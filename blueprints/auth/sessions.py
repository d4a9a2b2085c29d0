"""Login sessions kept on the server, so that logging out really logs out.

Flask-Login stores what User.get_id() returns in the session cookie and, with "remember
me", in a long-lived cookie. That is this module's random token, never the user id: the
token's row is deleted by logout, by "end all my sessions", by staff ending a user's
sessions and by deactivating the account, and every copy of either cookie stops working.
"""
import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import contains_eager

from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from extensions import db
from models import Community, LoginSession, User
from models.base import utcnow
from models.user import user_communities

BROWSER_SESSION = timedelta(hours=12)   # without "remember me": a working day
REMEMBERED = timedelta(days=14)         # the remember cookie lives as long (config.py)
TOUCH_EVERY = timedelta(minutes=10)     # last_seen_at is written at most this often


# One query for the session, its account and the account's communities, which every
# console page's access check reads; built once, as it runs on every signed-in request.
# The joins are written out flat: joinedload nests the link table's join in parentheses,
# and SQLite answers that by building the join of every account's communities first
# (0.36 ms a request with the city's 1,300 links, against 0.01 ms flat).
SESSION_WITH_ACCOUNT = (
    select(LoginSession).join(LoginSession.user)
    .outerjoin(user_communities, user_communities.c.user_id == User.id)
    .outerjoin(Community, Community.id == user_communities.c.community_id)
    .where(LoginSession.token_hash == bindparam("token_hash")).order_by(Community.id)
    .options(contains_eager(LoginSession.user).contains_eager(User.communities)))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transactional
def start(user: User, remember: bool, user_agent: str = "") -> str:
    """A new session for `user`; its token goes into the cookies (via user.session_token)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(LoginSession(user_id=user.id, token_hash=_hash(token), remember=remember,
                                created_at=now, last_seen_at=now,
                                expires_at=now + (REMEMBERED if remember else BROWSER_SESSION),
                                user_agent=user_agent[:120]))
    user.session_token = token
    return token


def user_for(token: str | None) -> User | None:
    """The active user of a live session, or None (ended, expired, unknown, deactivated)."""
    if not token:
        return None
    row = db.session.scalars(SESSION_WITH_ACCOUNT, {"token_hash": _hash(token)}).unique().first()
    now = utcnow()
    if row is None or row.expires_at <= now or not row.user.is_active:
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        _touch(row, now)
    row.user.session_token = token
    return row.user


@transactional
def _touch(row: LoginSession, now) -> None:
    row.last_seen_at = now


@transactional
def end(token: str | None) -> None:
    """End one session (logout)."""
    if token:
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _hash(token)))


@transactional
def end_all(user: User, actor: User | None) -> int:
    """End every session of `user`, on every browser; the number ended."""
    ended = db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id)).rowcount
    record_event(actor, "user.sessions_ended", user, _home(user), sessions=ended)
    return ended


@transactional
def set_active(user: User, active: bool, actor: User) -> None:
    """Deactivate (every session ends) or reactivate an account."""
    user.active = active
    if not active:
        end_all(user, actor)
    record_event(actor, "user.activated" if active else "user.deactivated", user, _home(user))


def _home(user: User):
    """The community a change to this account is logged under (an admin's first)."""
    return user.communities[0] if user.communities else None

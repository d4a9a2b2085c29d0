"""Accounts: creating users, checking passwords, one-time invites."""
import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from extensions import db
from models import Community, Invite, User
from models.base import utcnow
from models.people import normalize_mobile
from models.user import ROLES

# Checked against when the account does not exist, so both paths cost the same.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(ValueError):
    """A rule about accounts was broken; `field` names the form field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_user(identifier: str) -> User | None:
    """The account with this username or mobile number."""
    value = identifier.strip()
    mobile = normalize_mobile(value)
    return db.session.scalar(
        select(User).where(or_(User.username == value, User.mobile == mobile))
    )


@transactional
def authenticate(identifier: str, password: str) -> User | None:
    """The active user matching both, else None (without saying which was wrong)."""
    user = find_user(identifier)
    if user is None or user.password_hash is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


@transactional
def create_user(
    *,
    username: str,
    display_name: str,
    role: str,
    communities: list[Community],
    mobile: str | None = None,
    password: str | None = None,
    hash_method: str = "scrypt",
    actor: User | None = None,
    partner_id: int | None = None,
) -> User:
    """A new account; without a password it waits for an invite to be accepted."""
    if role not in ROLES:
        raise AccountError("role", f"unknown role {role}")
    if role != "admin" and len(communities) != 1:
        raise AccountError("role", "a non-admin account belongs to exactly one community")
    mobile = normalize_mobile(mobile) if mobile else None
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise AccountError("username", "taken")
    if mobile and db.session.scalar(select(User.id).where(User.mobile == mobile)):
        raise AccountError("mobile", "taken")
    user = User(username=username, display_name=display_name, role=role, mobile=mobile,
                partner_id=partner_id if role == "partner" else None)
    user.communities = list(communities)
    if password:
        user.password_hash = generate_password_hash(password, method=hash_method)
    db.session.add(user)
    db.session.flush()
    record_event(actor, "user.created", user, communities[0] if communities else None,
                 role=role, username=username)
    return user


@transactional
def create_invite(user: User, community: Community, actor: User | None, days: int) -> str:
    """A fresh one-time token for `user`; earlier unused ones stop working."""
    for old in db.session.scalars(
        select(Invite).where(Invite.user_id == user.id, Invite.used_at.is_(None))
    ):
        old.used_at = utcnow()
    token = secrets.token_urlsafe(32)
    invite = Invite(
        token_hash=_hash_token(token),
        user=user,
        community=community,
        created_by=actor,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(invite)
    record_event(actor, "invite.created", user, community)
    return token


def open_invite(token: str) -> Invite | None:
    """The invite for this token if it is unused and not expired."""
    invite = db.session.scalar(select(Invite).where(Invite.token_hash == _hash_token(token)))
    if invite is None or invite.used_at is not None or invite.expires_at < utcnow():
        return None
    return invite


@transactional
def accept_invite(invite: Invite, password: str, hash_method: str = "scrypt") -> User:
    """Set the account's password and use the invite up."""
    invite.used_at = utcnow()
    invite.user.password_hash = generate_password_hash(password, method=hash_method)
    invite.user.active = True
    record_event(invite.user, "invite.accepted", invite.user, invite.community)
    return invite.user


def community_user(community: Community, user_id: int) -> User | None:
    """One account of this community, or None (another community's is not found)."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.can_access(community) else None

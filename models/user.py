"""Accounts for staff, grid workers, partners and admins, and their invites."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.base import UTCDateTime, utcnow
from models.community import Community, Grid, grid_workers

ROLES = ("admin", "staff", "grid_worker", "partner")

user_communities = Table(
    "user_communities",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("community_id", ForeignKey("communities.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, db.Model):
    """A login account; bound to one community, an admin to several."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    mobile: Mapped[str | None] = mapped_column(String(20), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A partner user's unit (共建单位); None for every other role.
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partners.id"), index=True)

    communities: Mapped[list[Community]] = relationship(
        secondary=user_communities, order_by=Community.id
    )
    grids: Mapped[list[Grid]] = relationship(secondary=grid_workers, back_populates="workers")

    # The login session this request runs in (blueprints/auth/sessions.py): Flask-Login
    # keeps it, not the user id, in the session and remember cookies, so ending the
    # session on the server ends every copy of those cookies.
    session_token = None  # str | None, not a column

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active and self.password_hash is not None

    def get_id(self) -> str | None:
        """What Flask-Login stores in the cookies: this login session's token."""
        return self.session_token

    def can_access(self, community: Community) -> bool:
        """True when this account belongs to (or administers) the community."""
        return any(c.id == community.id for c in self.communities)

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class Invite(db.Model):
    """A one-time link with which a new account sets its own password."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    community: Mapped[Community] = relationship()

    def __repr__(self) -> str:
        return f"<Invite for user {self.user_id}>"


class LoginSession(db.Model):
    """One signed-in browser: ended by logout, by the user or staff, by deactivation, or by time."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the token
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_agent: Mapped[str] = mapped_column(String(120), default="")

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<LoginSession {self.id} of user {self.user_id}>"


class ConsoleSeen(db.Model):
    """When an account last opened a community's console start page, and the moment its
    "new since your last visit" counts from (the visit before this sitting: see staff/todo.py)."""

    __tablename__ = "console_seen"
    __table_args__ = (UniqueConstraint("user_id", "community_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id", ondelete="CASCADE"),
                                              index=True)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    since_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # None: never before

    def __repr__(self) -> str:
        return f"<ConsoleSeen user {self.user_id} in {self.community_id} at {self.seen_at}>"

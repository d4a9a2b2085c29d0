"""API keys: made by staff, shown once, stored as a hash, revoked by staff; all logged."""
import hashlib
import secrets

from sqlalchemy import select

from blueprints.core.audit import record_event
from blueprints.core.paging import Page, paginate
from blueprints.core.transaction import transactional
from extensions import db
from models import Community, Open311Key, User
from models.base import utcnow

KEYS_PER_PAGE = 20
PREFIX_LENGTH = 8  # shown in the list, so staff can tell keys apart without the key


def hash_key(plain: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(plain.encode()).hexdigest()


@transactional
def create_key(community: Community, name: str, actor: User) -> tuple[Open311Key, str]:
    """A new key for this community; the plain key is returned once and never stored."""
    plain = secrets.token_urlsafe(32)
    key = Open311Key(community=community, name=name.strip(), prefix=plain[:PREFIX_LENGTH],
                     key_hash=hash_key(plain), created_by=actor)
    db.session.add(key)
    db.session.flush()
    record_event(actor, "open311_key.created", key, community, name=key.name, prefix=key.prefix)
    return key, plain


@transactional
def revoke_key(key: Open311Key, actor: User) -> Open311Key:
    """Stop the key working; revoking twice changes nothing more."""
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        record_event(actor, "open311_key.revoked", key, key.community, name=key.name,
                     prefix=key.prefix)
    return key


def find_key(plain: str | None) -> Open311Key | None:
    """The key (active or revoked) whose hash matches, or None."""
    if not plain:
        return None
    return db.session.scalar(select(Open311Key).where(Open311Key.key_hash == hash_key(plain)))


def community_key(community: Community, key_id: int) -> Open311Key | None:
    """One of this community's keys, or None."""
    key = db.session.get(Open311Key, key_id)
    return key if key is not None and key.community_id == community.id else None


def keys_page(community: Community, number: int) -> Page[Open311Key]:
    """The community's keys, newest first, page by page."""
    query = (select(Open311Key).where(Open311Key.community_id == community.id)
             .order_by(Open311Key.created_at.desc(), Open311Key.id.desc()))
    return paginate(query, number, KEYS_PER_PAGE)

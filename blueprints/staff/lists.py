"""The console's lists, one page each: accounts with their live sessions, pending invites,
compounds. Counts come from one grouped query, never one per row (DESIGN §10)."""
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from blueprints.core.paging import Page, paginate
from extensions import db
from models import Community, Compound, Grid, Invite, Partner, User
from models.community import grid_workers
from models.base import utcnow
from models.user import LoginSession

ACCOUNTS_PER_PAGE = 50
INVITES_PER_PAGE = 20
COMPOUNDS_PER_PAGE = 30


def my_grids(user: User, community: Community) -> list[Grid]:
    """A grid worker's grids in this community with their compounds (two queries, any number)."""
    return list(db.session.scalars(
        select(Grid).join(grid_workers, grid_workers.c.grid_id == Grid.id)
        .where(grid_workers.c.user_id == user.id, Grid.community_id == community.id)
        .options(selectinload(Grid.compounds)).order_by(Grid.name, Grid.id)))


def accounts_page(community: Community, number: int) -> Page[tuple[User, int]]:
    """One page of the community's accounts (by role, then name), each with its signed-in browsers."""
    query = (select(User).where(User.communities.any(Community.id == community.id))
             .order_by(User.role, User.display_name, User.id))
    page = paginate(query, number, ACCOUNTS_PER_PAGE)
    live = dict(db.session.execute(
        select(LoginSession.user_id, func.count(LoginSession.id))
        .where(LoginSession.user_id.in_([u.id for u in page.items]),
               LoginSession.expires_at > utcnow())
        .group_by(LoginSession.user_id)).all()) if page.items else {}
    page.items = [(user, live.get(user.id, 0)) for user in page.items]
    return page


def pending_invites_page(community: Community, number: int) -> Page[Invite]:
    """One page of the community's unused invites, newest first, with their accounts."""
    query = (select(Invite).where(Invite.community_id == community.id, Invite.used_at.is_(None))
             .options(selectinload(Invite.user))
             .order_by(Invite.created_at.desc(), Invite.id.desc()))
    return paginate(query, number, INVITES_PER_PAGE)


def compounds_page(community: Community, number: int) -> Page[Compound]:
    """One page of the community's compounds, in their set order."""
    query = (select(Compound).where(Compound.community_id == community.id)
             .order_by(Compound.position, Compound.id))
    return paginate(query, number, COMPOUNDS_PER_PAGE)


def partner_names(community: Community) -> list[tuple[int, str]]:
    """(id, name) of the community's partner units by name: an invite's choices, nothing more."""
    return list(db.session.execute(select(Partner.id, Partner.name)
                                   .where(Partner.community_id == community.id)
                                   .order_by(Partner.name, Partner.id)).tuples())

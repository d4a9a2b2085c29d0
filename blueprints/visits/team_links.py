"""A 敲门队 member's link to their grids' rosters in a round (they have no account).

The link is signed like the volunteer's /me link (core/signing.py) and carries the person's
link version (volunteers/tokens.py): staff revoking it bump that version, which also ends
the member's /me links. It works only while the round runs, the member is still an
accepted member of a 敲门队 team and is assigned at least one of the round's grids.
"""
from dataclasses import dataclass

from sqlalchemy import select

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.signing import sign, unsign
from blueprints.core.transaction import transactional
from blueprints.volunteers import activities, tokens
from blueprints.volunteers.outbox import notify_person
from extensions import db
from models import Community, TeamMember, User
from models.base import utcnow
from models.visits import VisitAssignment, VisitCampaign
from printing.links import public_url

SALT = "visit-team"


@dataclass
class TeamVisitor:
    """Who opened a link: the member, their round and the round's grids they walk."""

    campaign: VisitCampaign
    member: TeamMember
    grid_ids: set[int]
    token: str


def link_token(campaign: VisitCampaign, member: TeamMember) -> str:
    """The member's signed token for this round (stable until their link version changes)."""
    return sign([campaign.id, member.id, tokens.link_version(member.person)], SALT)


def _assigned_grid_ids(campaign: VisitCampaign, member: TeamMember) -> set[int]:
    assigned = set(db.session.scalars(select(VisitAssignment.grid_id).where(
        VisitAssignment.campaign_id == campaign.id,
        VisitAssignment.team_member_id == member.id)))
    return assigned & {grid.id for grid in campaign.grids}


def _member_of_door_knocking(member: TeamMember | None, community: Community) -> bool:
    return (member is not None and member.status == "accepted"
            and member.team.kind == "door_knocking" and member.team.community_id == community.id)


def visitor_from_token(community: Community, token: str) -> TeamVisitor | None:
    """The member and grids a current link names, or None (forged, revoked, round over,
    member left, no grid assigned any more)."""
    data = unsign(token, SALT)
    if not (isinstance(data, list) and len(data) == 3
            and all(isinstance(x, int) and not isinstance(x, bool) for x in data)):
        return None
    campaign_id, member_id, version = data
    campaign = db.session.get(VisitCampaign, campaign_id)
    member = db.session.get(TeamMember, member_id)
    if campaign is None or campaign.community_id != community.id:
        return None
    if not _member_of_door_knocking(member, community):
        return None
    if tokens.link_version(member.person) != version or clock.today() > campaign.ends_on:
        return None
    grid_ids = _assigned_grid_ids(campaign, member)
    return TeamVisitor(campaign, member, grid_ids, token) if grid_ids else None


def link_url(campaign: VisitCampaign, member: TeamMember) -> str:
    """The absolute address of the member's roster link."""
    return public_url("visits.team_roster", slug=campaign.community.slug,
                      token=link_token(campaign, member))


@transactional
def send_link(campaign: VisitCampaign, member: TeamMember, actor: User):
    """Queue the member's link in the outbox (again on each send) and log it."""
    body = (f"【{campaign.community.name}】{member.person.name}您好，请用这个链接查看“{campaign.name}”"
            f"您负责的走访名单并记录走访（{campaign.ends_on:%m月%d日}前有效）：{link_url(campaign, member)}")
    key = f"visit_link:{campaign.id}:{member.id}:{utcnow().isoformat()}"
    message = notify_person(member.person, "visit_link", key, body)
    record_event(actor, "visit_link.sent", campaign, campaign.community,
                 name=campaign.name, member=member.person.name)
    return message


@transactional
def revoke_link(campaign: VisitCampaign, member: TeamMember, actor: User) -> int:
    """End every link of the member (their /me links too: one version per person); logged."""
    version = activities.revoke_link(member.person, actor)
    record_event(actor, "visit_link.revoked", campaign, campaign.community,
                 name=campaign.name, member=member.person.name)
    return version

"""The gap list made a door-knocking round in one step: the grid workers knock on the doors
that no home service reached, each in their own grid's roster."""
from datetime import date, timedelta
from itertools import count

from flask_babel import gettext as _
from sqlalchemy import select

from blueprints.homeservice.figures import gap_ids
from blueprints.visits.campaigns import create_targeted_campaign
from extensions import db
from models import Community, User
from models.visits import VisitCampaign

ROUND_DAYS = 14  # two weeks to knock on every door of the list


def round_name(community: Community, today: date) -> str:
    """服务空白回访 2026-12-03, or … (2) when a round of that name was made the same day."""
    base = _("服务空白回访 %(day)s", day=today.isoformat())
    taken = set(db.session.scalars(select(VisitCampaign.name).where(
        VisitCampaign.community_id == community.id, VisitCampaign.name.startswith(base))))
    return next(name for name in (base if i == 1 else f"{base} ({i})" for i in count(1))
                if name not in taken)


def gap_round(community: Community, actor: User, today: date) -> VisitCampaign | None:
    """The whole gap list as a targeted round of ROUND_DAYS days from today; None when none
    of its households lies in a grid (a round walks grids)."""
    return create_targeted_campaign(
        community, actor, round_name(community, today), today,
        today + timedelta(days=ROUND_DAYS - 1), gap_ids(community, today),
        reason="homeservice_gaps")

"""offers: the published terms as columns SQL can filter on (validity, groups, days)

The public checklist and the home page used to load every live offer and evaluate its
JSON terms in Python to know whether it applies today or to a group; with these columns
the database answers, a page at a time. Filled by the service that publishes and, here,
from each offer's published terms (the rules are copied, as they stood at 0012, so that
later changes to the app cannot change what this step wrote). Downgrading drops them.

Revision ID: 0012_offer_search_columns
Revises: 0011_data_version
Create Date: 2026-12-03 08:00:00.000000

"""
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_offer_search_columns'
down_revision = '0011_data_version'
branch_labels = None
depends_on = None

WHO_FILTERS = ("over_60", "over_70", "over_80", "disabled", "living_alone", "low_income")
EVERY_DAY = (1 << 7) - 1


def _date(value):
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)


def _matches(terms: dict, who: str) -> bool:
    groups = set(terms.get("eligibility") or [])
    if not groups:
        return True
    if who.startswith("over_"):
        return "over_age" in groups and int(terms.get("min_age") or 999) <= int(who[5:])
    return who in groups


def columns(terms: dict) -> dict:
    """blueprints/offers/schedule.search_columns as of this revision."""
    kind = terms.get("schedule") or "daily"
    weekdays, month_day, runs_from, runs_until = EVERY_DAY, None, None, None
    if kind == "weekdays":
        weekdays = sum(1 << d for d in {int(d) for d in terms.get("weekdays") or []} if 0 <= d <= 6)
    elif kind == "monthday":
        weekdays, month_day = 0, int(terms["month_day"]) if terms.get("month_day") else None
    elif kind == "dates":
        runs_from, runs_until = _date(terms.get("start_date")), _date(terms.get("end_date"))
        weekdays = EVERY_DAY if runs_from and runs_until else 0
    return {"valid_from": _date(terms.get("valid_from")), "valid_until": _date(terms.get("valid_to")),
            "who_mask": sum(1 << i for i, w in enumerate(WHO_FILTERS) if _matches(terms, w)),
            "weekday_mask": weekdays, "month_day": month_day,
            "runs_from": runs_from, "runs_until": runs_until}


def upgrade():
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('valid_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('valid_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('who_mask', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('weekday_mask', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('month_day', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('runs_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('runs_until', sa.Date(), nullable=True))
        batch_op.create_index('ix_offers_live', ['community_id', 'paused', 'valid_until'], unique=False)
    offers = sa.table('offers', sa.column('id', sa.Integer), sa.column('published', sa.JSON),
                      *(sa.column(name) for name in columns({})))
    connection = op.get_bind()
    rows = connection.execute(sa.select(offers.c.id, offers.c.published)
                              .where(offers.c.published.is_not(None))).all()
    for offer_id, terms in rows:
        if terms:
            connection.execute(offers.update().where(offers.c.id == offer_id)
                               .values(**columns(terms)))


def downgrade():
    with op.batch_alter_table('offers', schema=None) as batch_op:
        batch_op.drop_index('ix_offers_live')
        batch_op.drop_column('runs_until')
        batch_op.drop_column('runs_from')
        batch_op.drop_column('month_day')
        batch_op.drop_column('weekday_mask')
        batch_op.drop_column('who_mask')
        batch_op.drop_column('valid_until')
        batch_op.drop_column('valid_from')

"""home services: bookable offers, visit dates, bookings, service cards and uses

Five new tables; no existing data changes. A household is booked once per visit date
and served once a day per offer (unique constraints back both rules); a visit date's
`taken` counts its places like a shift's. Downgrading drops the tables.

Revision ID: 0021_home_services
Revises: 0020_visits
Create Date: 2026-12-03 13:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_home_services'
down_revision = '0020_visits'
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade():
    op.create_table(
        'home_offers',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('community_id', sa.Integer(), sa.ForeignKey('communities.id'), nullable=False),
        sa.Column('offer_id', sa.Integer(), sa.ForeignKey('offers.id', ondelete='CASCADE'),
                  nullable=False, unique=True),
        sa.Column('places', sa.Integer(), nullable=False),
        sa.Column('book_until_days', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        _when('created_at', False),
    )
    op.create_index('ix_home_offers_community_id', 'home_offers', ['community_id'])
    op.create_table(
        'home_visit_dates',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('home_offer_id', sa.Integer(),
                  sa.ForeignKey('home_offers.id', ondelete='CASCADE'), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('capacity', sa.Integer(), nullable=False),
        sa.Column('taken', sa.Integer(), nullable=False),
        sa.UniqueConstraint('home_offer_id', 'day'),
    )
    op.create_index('ix_home_visit_dates_home_offer_id', 'home_visit_dates', ['home_offer_id'])
    op.create_table(
        'home_bookings',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('community_id', sa.Integer(), sa.ForeignKey('communities.id'), nullable=False),
        sa.Column('visit_date_id', sa.Integer(),
                  sa.ForeignKey('home_visit_dates.id', ondelete='CASCADE'), nullable=False),
        sa.Column('household_id', sa.Integer(),
                  sa.ForeignKey('households.id', ondelete='CASCADE'), nullable=False),
        sa.Column('person_id', sa.Integer(), sa.ForeignKey('people.id', ondelete='SET NULL')),
        sa.Column('contact_name', sa.String(40), nullable=False),
        sa.Column('booked_as', sa.String(10), nullable=False),
        sa.Column('status', sa.String(12), nullable=False),
        sa.Column('eligibility', sa.String(10), nullable=False),
        _when('queued_at', False), _when('promoted_at'), _when('cancelled_at'),
        sa.Column('outcome', sa.String(10), nullable=False, server_default=''),
        sa.Column('outcome_note', sa.Text(), nullable=False, server_default=''),
        _when('outcome_at'), _when('created_at', False),
        sa.UniqueConstraint('visit_date_id', 'household_id'),
    )
    for column in ('community_id', 'visit_date_id', 'household_id'):
        op.create_index(f'ix_home_bookings_{column}', 'home_bookings', [column])
    op.create_table(
        'service_cards',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('community_id', sa.Integer(), sa.ForeignKey('communities.id'), nullable=False),
        sa.Column('household_id', sa.Integer(),
                  sa.ForeignKey('households.id', ondelete='CASCADE'), nullable=False),
        sa.Column('person_id', sa.Integer(), sa.ForeignKey('people.id', ondelete='SET NULL')),
        _when('issued_at', False), _when('revoked_at'),
    )
    for column in ('community_id', 'household_id'):
        op.create_index(f'ix_service_cards_{column}', 'service_cards', [column])
    op.create_table(
        'service_uses',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('community_id', sa.Integer(), sa.ForeignKey('communities.id'), nullable=False),
        sa.Column('offer_id', sa.Integer(), sa.ForeignKey('offers.id', ondelete='CASCADE'),
                  nullable=False),
        sa.Column('household_id', sa.Integer(),
                  sa.ForeignKey('households.id', ondelete='CASCADE')),
        sa.Column('card_id', sa.Integer(), sa.ForeignKey('service_cards.id', ondelete='SET NULL')),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(8), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='SET NULL')),
        _when('created_at', False),
        sa.UniqueConstraint('offer_id', 'household_id', 'day'),
    )
    for column in ('community_id', 'offer_id', 'household_id'):
        op.create_index(f'ix_service_uses_{column}', 'service_uses', [column])


def downgrade():
    for table in ('service_uses', 'service_cards', 'home_bookings', 'home_visit_dates',
                  'home_offers'):
        op.drop_table(table)

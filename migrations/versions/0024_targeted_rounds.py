"""targeted rounds: a door-knocking round may walk only chosen households

A round made from the home-service gap list knocks only on the doors that no home service
reached. New column visit_campaigns.targeted (false for every existing round, which keeps
walking all doors of its grids) and a new table visit_campaign_households (round, household).
Downgrading drops both.

Revision ID: 0024_targeted_rounds
Revises: 0023_open311
Create Date: 2026-12-03 16:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024_targeted_rounds'
down_revision = '0023_open311'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('visit_campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('targeted', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table(
        'visit_campaign_households',
        sa.Column('campaign_id', sa.Integer(), nullable=False),
        sa.Column('household_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['campaign_id'], ['visit_campaigns.id'], ondelete='CASCADE',
                                name=op.f('fk_visit_campaign_households_campaign_id_visit_campaigns')),
        sa.ForeignKeyConstraint(['household_id'], ['households.id'], ondelete='CASCADE',
                                name=op.f('fk_visit_campaign_households_household_id_households')),
        sa.PrimaryKeyConstraint('campaign_id', 'household_id',
                                name=op.f('pk_visit_campaign_households')),
    )
    with op.batch_alter_table('visit_campaign_households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_campaign_households_household_id'),
                              ['household_id'], unique=False)


def downgrade():
    with op.batch_alter_table('visit_campaign_households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_campaign_households_household_id'))
    op.drop_table('visit_campaign_households')
    with op.batch_alter_table('visit_campaigns', schema=None) as batch_op:
        batch_op.drop_column('targeted')

"""visit team visitors: a visit may be recorded by a 敲门队 member through their link

One nullable column, visits.visitor_team_member_id (the member who knocked when no account
did); existing visits keep it empty. Downgrading drops it.

Revision ID: 0022_visit_team_visitors
Revises: 0021_home_services
Create Date: 2026-12-03 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_visit_team_visitors'
down_revision = '0021_home_services'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visitor_team_member_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_visits_visitor_team_member_id_volunteer_team_members'),
            'volunteer_team_members', ['visitor_team_member_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_visits_visitor_team_member_id_volunteer_team_members'),
            type_='foreignkey')
        batch_op.drop_column('visitor_team_member_id')

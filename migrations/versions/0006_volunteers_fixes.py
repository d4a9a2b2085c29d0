"""volunteers: outbox messages can be skipped

Revision ID: 0006_volunteers_fixes
Revises: 0005_issues
Create Date: 2026-11-29 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_volunteers_fixes'
down_revision = '0005_issues'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('volunteer_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('skipped_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('volunteer_outbox', schema=None) as batch_op:
        batch_op.drop_column('skipped_at')

"""communities: a data version, raised by every change, that keys cached public pages

Existing communities start at 0; the first change raises it. Downgrading drops the
column (the page cache then has nothing to key by and must be off).

Revision ID: 0011_data_version
Revises: 0010_follow_link_version
Create Date: 2026-12-03 07:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_data_version'
down_revision = '0010_follow_link_version'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data_version', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('communities', schema=None) as batch_op:
        batch_op.drop_column('data_version')

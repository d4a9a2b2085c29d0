"""issues: a version of the reporter's follow link, so that staff can revoke it

Existing links carry no version and count as version 1, which every issue starts with:
links already sent to reporters keep working. Downgrading drops the column (revoked
links would work again).

Revision ID: 0010_follow_link_version
Revises: 0009_login_sessions
Create Date: 2026-12-02 16:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_follow_link_version'
down_revision = '0009_login_sessions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('issues', schema=None) as batch_op:
        batch_op.add_column(sa.Column('follow_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('issues', schema=None) as batch_op:
        batch_op.drop_column('follow_version')

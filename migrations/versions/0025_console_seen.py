"""console_seen: when each account last opened each community's console start page

One new table, for the start page's "new since your last visit" line; no existing data
changes (an account without a row counts the last seven days). Downgrading drops it.

Revision ID: 0025_console_seen
Revises: 0024_targeted_rounds
Create Date: 2026-12-03 16:40:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0025_console_seen'
down_revision = '0024_targeted_rounds'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('console_seen',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('since_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_console_seen_community_id_communities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_console_seen_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_console_seen')),
    sa.UniqueConstraint('user_id', 'community_id', name=op.f('uq_console_seen_user_id_community_id'))
    )
    with op.batch_alter_table('console_seen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_console_seen_community_id'), ['community_id'], unique=False)


def downgrade():
    with op.batch_alter_table('console_seen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_console_seen_community_id'))

    op.drop_table('console_seen')

"""open311: API keys that other systems (a city hotline, a property manager) file issues with

One new table; no existing data changes. Only a SHA-256 of each key is stored (the key
is shown once, when staff create it). Issues filed through Open311 carry the channel
"open311", which fits the existing channel column. Downgrading drops the table.

Revision ID: 0023_open311
Revises: 0022_visit_team_visitors
Create Date: 2026-12-03 14:05:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0023_open311'
down_revision = '0022_visit_team_visitors'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('open311_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_open311_keys_community_id_communities')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_open311_keys_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_open311_keys')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_open311_keys_key_hash'))
    )
    with op.batch_alter_table('open311_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_open311_keys_community_id'), ['community_id'], unique=False)


def downgrade():
    with op.batch_alter_table('open311_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_open311_keys_community_id'))

    op.drop_table('open311_keys')

"""render jobs: PDFs are rendered in the background and their state kept here

A new table only: each row is one background render of a print document (queued,
rendering, done or failed), read by every web worker and host alike. No existing data
changes. Downgrading drops the table (the PDFs stay in the print cache).

Revision ID: 0014_render_jobs
Revises: 0013_stored_blobs
Create Date: 2026-12-03 07:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_render_jobs'
down_revision = '0013_stored_blobs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'render_jobs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document', sa.String(length=40), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('locale', sa.String(length=10), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('active_key', sa.String(length=64), nullable=True),
        sa.Column('enqueued_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('content_key', sa.String(length=64), nullable=True),
        sa.Column('filename', sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_render_jobs_community_id_communities')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_render_jobs')),
        sa.UniqueConstraint('active_key', name=op.f('uq_render_jobs_active_key')),
    )
    with op.batch_alter_table('render_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_render_jobs_community_id'), ['community_id'], unique=False)


def downgrade():
    with op.batch_alter_table('render_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_render_jobs_community_id'))
    op.drop_table('render_jobs')

"""course requests: residents ask for talent classes (点课) and support them (我也想学)

Two new tables only: a community's course requests, with their support count kept in the
request row, and one support per person and request (a unique constraint). No existing
data changes. Downgrading drops both tables, requests and supports with them.

Revision ID: 0015_course_requests
Revises: 0014_render_jobs
Create Date: 2026-12-03 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_course_requests'
down_revision = '0014_render_jobs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'course_requests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('subject', sa.String(length=60), nullable=False),
        sa.Column('details', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('decline_reason', sa.Text(), nullable=False),
        sa.Column('merged_into_id', sa.Integer(), nullable=True),
        sa.Column('support_count', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint('support_count >= 0',
                           name=op.f('ck_course_requests_support_count_not_negative')),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_course_requests_community_id_communities')),
        sa.ForeignKeyConstraint(['merged_into_id'], ['course_requests.id'],
                                name=op.f('fk_course_requests_merged_into_id_course_requests')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_course_requests')),
    )
    with op.batch_alter_table('course_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_requests_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_requests_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index('ix_course_requests_listing', ['community_id', 'status', 'support_count'],
                              unique=False)

    op.create_table(
        'course_supports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'],
                                name=op.f('fk_course_supports_person_id_people'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['request_id'], ['course_requests.id'],
                                name=op.f('fk_course_supports_request_id_course_requests'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_course_supports')),
        sa.UniqueConstraint('request_id', 'person_id', name=op.f('uq_course_supports_request_id_person_id')),
    )
    with op.batch_alter_table('course_supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_supports_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_supports_request_id'), ['request_id'], unique=False)


def downgrade():
    with op.batch_alter_table('course_supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_supports_request_id'))
        batch_op.drop_index(batch_op.f('ix_course_supports_person_id'))
    op.drop_table('course_supports')
    with op.batch_alter_table('course_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_course_requests_listing')
        batch_op.drop_index(batch_op.f('ix_course_requests_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_course_requests_community_id'))
    op.drop_table('course_requests')

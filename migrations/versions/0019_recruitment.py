"""recruitment: calls for teachers (招募令) and residents' applications to teach

recruitment_calls says what skill is sought, for whom and how often, and which course
request (点课) it answers; call_applications holds each resident's offer to teach (once per
person and call) and, once accepted, the teacher profile it became. A request answered by a
call gets the status "answered" (a plain text column: no schema change). Downgrading drops
both tables and puts answered requests back to "open", the status they had before: the
older code knows no "answered".

Revision ID: 0019_recruitment
Revises: 0018_courses
Create Date: 2026-12-03 13:09:34.008155

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019_recruitment'
down_revision = '0018_courses'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recruitment_calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('skill', sa.String(length=60), nullable=False),
    sa.Column('audience', sa.String(length=60), nullable=False),
    sa.Column('frequency', sa.String(length=60), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_recruitment_calls_community_id_communities')),
    sa.ForeignKeyConstraint(['request_id'], ['course_requests.id'], name=op.f('fk_recruitment_calls_request_id_course_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recruitment_calls')),
    sa.UniqueConstraint('request_id', name=op.f('uq_recruitment_calls_request_id'))
    )
    with op.batch_alter_table('recruitment_calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recruitment_calls_community_id'), ['community_id'], unique=False)
        batch_op.create_index('ix_recruitment_calls_listing', ['community_id', 'status', 'created_at'], unique=False)

    op.create_table('call_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('skill', sa.String(length=60), nullable=False),
    sa.Column('experience', sa.Text(), nullable=False),
    sa.Column('availability', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('decline_note', sa.Text(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['call_id'], ['recruitment_calls.id'], name=op.f('fk_call_applications_call_id_recruitment_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_call_applications_person_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['class_teachers.id'], name=op.f('fk_call_applications_teacher_id_class_teachers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call_applications')),
    sa.UniqueConstraint('call_id', 'person_id', name=op.f('uq_call_applications_call_id_person_id'))
    )
    with op.batch_alter_table('call_applications', schema=None) as batch_op:
        batch_op.create_index('ix_call_applications_listing', ['call_id', 'status', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_applications_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_call_applications_teacher_id'), ['teacher_id'], unique=False)


def downgrade():
    course_requests = sa.table('course_requests', sa.column('status', sa.String),
                               sa.column('decided_at', sa.DateTime(timezone=True)))
    op.get_bind().execute(course_requests.update().where(course_requests.c.status == 'answered')
                          .values(status='open', decided_at=None))
    with op.batch_alter_table('call_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_call_applications_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_call_applications_person_id'))
        batch_op.drop_index('ix_call_applications_listing')

    op.drop_table('call_applications')
    with op.batch_alter_table('recruitment_calls', schema=None) as batch_op:
        batch_op.drop_index('ix_recruitment_calls_listing')
        batch_op.drop_index(batch_op.f('ix_recruitment_calls_community_id'))

    op.drop_table('recruitment_calls')

"""courses: talent-class courses on the volunteer engine, session ratings, teaching sign-ups

courses is new: one row per activity of category "class" (its shifts are the sessions),
with the teacher, the request it answers and the materials to bring. session_ratings is
new: one rating (1–5, a CHECK) per attended sign-up. volunteer_signups gets role: "" for
every existing sign-up (a volunteer), "teacher" later for the time a teacher gave to a
session. Downgrading drops the two tables and the column (teaching sign-ups would then
read as volunteers' ones: downgrade only before any course was taught).

Revision ID: 0018_courses
Revises: 0017_register_and_teachers
Create Date: 2026-12-03 13:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_courses'
down_revision = '0017_register_and_teachers'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=True),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('materials', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['volunteer_activities.id'], name=op.f('fk_courses_activity_id_volunteer_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_courses_community_id_communities')),
    sa.ForeignKeyConstraint(['request_id'], ['course_requests.id'], name=op.f('fk_courses_request_id_course_requests')),
    sa.ForeignKeyConstraint(['teacher_id'], ['class_teachers.id'], name=op.f('fk_courses_teacher_id_class_teachers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses')),
    sa.UniqueConstraint('activity_id', name=op.f('uq_courses_activity_id'))
    )
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_courses_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_request_id'), ['request_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_courses_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('session_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signup_id', sa.Integer(), nullable=False),
    sa.Column('stars', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('stars BETWEEN 1 AND 5', name=op.f('ck_session_ratings_stars_one_to_five')),
    sa.ForeignKeyConstraint(['signup_id'], ['volunteer_signups.id'], name=op.f('fk_session_ratings_signup_id_volunteer_signups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_ratings')),
    sa.UniqueConstraint('signup_id', name=op.f('uq_session_ratings_signup_id'))
    )
    with op.batch_alter_table('volunteer_signups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sa.String(length=10), server_default='', nullable=False))



def downgrade():
    with op.batch_alter_table('volunteer_signups', schema=None) as batch_op:
        batch_op.drop_column('role')

    op.drop_table('session_ratings')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_courses_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_courses_request_id'))
        batch_op.drop_index(batch_op.f('ix_courses_community_id'))

    op.drop_table('courses')

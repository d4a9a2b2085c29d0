"""visits: door-knocking rounds (敲门行动): campaigns, questions, assignments, visits, answers

Five new tables; no existing data changes. A visit's client_id (made on the phone) is
unique, so a visit resent from an offline queue is stored once. Downgrading drops them.

Revision ID: 0020_visits
Revises: 0019_recruitment
Create Date: 2026-12-03 13:10:25.617950

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0020_visits'
down_revision = '0019_recruitment'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('visit_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('max_tries', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_visit_campaigns_community_id_communities')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_visit_campaigns_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_campaigns')),
    sa.UniqueConstraint('community_id', 'name', name=op.f('uq_visit_campaigns_community_id_name'))
    )
    with op.batch_alter_table('visit_campaigns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_campaigns_community_id'), ['community_id'], unique=False)

    op.create_table('visit_campaign_grids',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['visit_campaigns.id'], name=op.f('fk_visit_campaign_grids_campaign_id_visit_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_visit_campaign_grids_grid_id_grids'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'grid_id', name=op.f('pk_visit_campaign_grids'))
    )
    op.create_table('visit_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('label', sa.String(length=80), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('min_value', sa.Float(), nullable=True),
    sa.Column('max_value', sa.Float(), nullable=True),
    sa.Column('flag_below', sa.Float(), nullable=True),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['visit_campaigns.id'], name=op.f('fk_visit_questions_campaign_id_visit_campaigns'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_questions'))
    )
    with op.batch_alter_table('visit_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_questions_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('need', sa.Text(), nullable=False),
    sa.Column('issue_id', sa.Integer(), nullable=True),
    sa.Column('visitor_id', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('visited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['visit_campaigns.id'], name=op.f('fk_visits_campaign_id_visit_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_visits_community_id_communities')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_visits_household_id_households'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['issue_id'], ['issues.id'], name=op.f('fk_visits_issue_id_issues')),
    sa.ForeignKeyConstraint(['visitor_id'], ['users.id'], name=op.f('fk_visits_visitor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits')),
    sa.UniqueConstraint('client_id', name=op.f('uq_visits_client_id'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_issue_id'), ['issue_id'], unique=False)

    op.create_table('visit_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Float(), nullable=True),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['visit_questions.id'], name=op.f('fk_visit_answers_question_id_visit_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_answers_visit_id_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_answers')),
    sa.UniqueConstraint('visit_id', 'question_id', name=op.f('uq_visit_answers_visit_id_question_id'))
    )
    with op.batch_alter_table('visit_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_answers_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_answers_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('grid_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('team_member_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['visit_campaigns.id'], name=op.f('fk_visit_assignments_campaign_id_visit_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['grid_id'], ['grids.id'], name=op.f('fk_visit_assignments_grid_id_grids'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_member_id'], ['volunteer_team_members.id'], name=op.f('fk_visit_assignments_team_member_id_volunteer_team_members'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_visit_assignments_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_assignments')),
    sa.UniqueConstraint('campaign_id', 'grid_id', 'team_member_id', name=op.f('uq_visit_assignments_campaign_id_grid_id_team_member_id')),
    sa.UniqueConstraint('campaign_id', 'grid_id', 'user_id', name=op.f('uq_visit_assignments_campaign_id_grid_id_user_id'))
    )
    with op.batch_alter_table('visit_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_assignments_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_assignments_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_assignments_team_member_id'), ['team_member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_assignments_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('visit_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_assignments_user_id'))
        batch_op.drop_index(batch_op.f('ix_visit_assignments_team_member_id'))
        batch_op.drop_index(batch_op.f('ix_visit_assignments_grid_id'))
        batch_op.drop_index(batch_op.f('ix_visit_assignments_campaign_id'))

    op.drop_table('visit_assignments')
    with op.batch_alter_table('visit_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_answers_visit_id'))
        batch_op.drop_index(batch_op.f('ix_visit_answers_question_id'))

    op.drop_table('visit_answers')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_issue_id'))
        batch_op.drop_index(batch_op.f('ix_visits_household_id'))
        batch_op.drop_index(batch_op.f('ix_visits_community_id'))
        batch_op.drop_index(batch_op.f('ix_visits_campaign_id'))

    op.drop_table('visits')
    with op.batch_alter_table('visit_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_questions_campaign_id'))

    op.drop_table('visit_questions')
    op.drop_table('visit_campaign_grids')
    with op.batch_alter_table('visit_campaigns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_campaigns_community_id'))

    op.drop_table('visit_campaigns')

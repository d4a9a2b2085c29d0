"""issues fixes: assignee per timeline line, public notes, box opening details, payment reversals

Revision ID: 0008_issues_fixes
Revises: 0007_services_fixes
Create Date: 2026-11-30 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_issues_fixes'
down_revision = '0007_services_fixes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('box_openings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_by_name', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('slips_found', sa.Integer(), nullable=True))

    with op.batch_alter_table('issue_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assignee_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('public_note', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('amount_fen', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_issue_events_assignee_id_users'), 'users', ['assignee_id'], ['id'])

    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reverses_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('note', sa.Text(), server_default='', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_payments_reverses_id_payments'), 'payments', ['reverses_id'], ['id'])
        batch_op.create_unique_constraint(batch_op.f('uq_payments_reverses_id'), ['reverses_id'])


def downgrade():
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_payments_reverses_id'), type_='unique')
        batch_op.drop_constraint(batch_op.f('fk_payments_reverses_id_payments'), type_='foreignkey')
        batch_op.drop_column('note')
        batch_op.drop_column('reverses_id')

    with op.batch_alter_table('box_openings', schema=None) as batch_op:
        batch_op.drop_column('slips_found')
        batch_op.drop_column('opened_by_name')

    with op.batch_alter_table('issue_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_issue_events_assignee_id_users'), type_='foreignkey')
        batch_op.drop_column('amount_fen')
        batch_op.drop_column('public_note')
        batch_op.drop_column('assignee_id')

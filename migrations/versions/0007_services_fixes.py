"""services: the contact person's own number, kept off public pages

Revision ID: 0007_services_fixes
Revises: 0006_volunteers_fixes
Create Date: 2026-11-30 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_services_fixes'
down_revision = '0006_volunteers_fixes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('partners', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_phone', sa.String(length=40), nullable=False,
                                      server_default=''))
    # A "联系电话" that is a resident's or an account's own mobile was a person's number
    # typed as the unit's: move it to the staff-only field instead of publishing it.
    op.execute(
        "UPDATE partners SET contact_phone = phone, phone = '' "
        "WHERE phone <> '' AND (phone IN (SELECT mobile FROM people) "
        "OR phone IN (SELECT mobile FROM users WHERE mobile IS NOT NULL))"
    )


def downgrade():
    op.execute("UPDATE partners SET phone = contact_phone WHERE phone = '' AND contact_phone <> ''")
    with op.batch_alter_table('partners', schema=None) as batch_op:
        batch_op.drop_column('contact_phone')

"""register and teachers: where each household's door is, vacant flats, withdrawn consents, teachers

households get unit, floor, room (walking order and search) and status (occupied, vacant,
moved_out; every existing household is occupied). The unit, floor and room of existing rows
are read from their address where it has the register's usual shape, "7号楼2单元301"
(unit 2, room 301, floor 3); other addresses keep empty parts. household_tags get the
consent's method (existing consents were all taken in person, at the door) and withdrawn_at,
so that a withdrawn consent keeps its record. class_teachers is new: the residents who teach
talent classes. Downgrading drops the new columns and the teachers.

Revision ID: 0017_register_and_teachers
Revises: 0016_rooms
Create Date: 2026-12-03 13:05:00.000000

"""
import re

from alembic import op
import sqlalchemy as sa

DOOR = re.compile(r"(\d+)单元(\d{3,4})$")


# revision identifiers, used by Alembic.
revision = '0017_register_and_teachers'
down_revision = '0016_rooms'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('class_teachers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('skill', sa.String(length=60), nullable=False),
    sa.Column('compound_id', sa.Integer(), nullable=True),
    sa.Column('bio', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['community_id'], ['communities.id'], name=op.f('fk_class_teachers_community_id_communities')),
    sa.ForeignKeyConstraint(['compound_id'], ['compounds.id'], name=op.f('fk_class_teachers_compound_id_compounds')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_class_teachers_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_teachers')),
    sa.UniqueConstraint('community_id', 'person_id', name=op.f('uq_class_teachers_community_id_person_id'))
    )
    with op.batch_alter_table('class_teachers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_teachers_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_teachers_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('household_tags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent_method', sa.String(length=12), server_default='in_person', nullable=False))
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit', sa.String(length=10), server_default='', nullable=False))
        batch_op.add_column(sa.Column('floor', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('room', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('status', sa.String(length=12), server_default='occupied', nullable=False))

    _read_doors_from_addresses()


def _read_doors_from_addresses():
    connection = op.get_bind()
    households = sa.table('households', sa.column('id', sa.Integer), sa.column('address', sa.String),
                          sa.column('unit', sa.String), sa.column('floor', sa.Integer),
                          sa.column('room', sa.String))
    for household_id, address in connection.execute(sa.select(households.c.id, households.c.address)):
        door = DOOR.search(address or "")
        if door is None:
            continue
        unit, room = door.groups()
        connection.execute(households.update().where(households.c.id == household_id)
                           .values(unit=unit, room=room, floor=int(room[:-2])))


def downgrade():
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_column('status')
        batch_op.drop_column('room')
        batch_op.drop_column('floor')
        batch_op.drop_column('unit')

    with op.batch_alter_table('household_tags', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_at')
        batch_op.drop_column('consent_method')

    with op.batch_alter_table('class_teachers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_teachers_person_id'))
        batch_op.drop_index(batch_op.f('ix_class_teachers_community_id'))

    op.drop_table('class_teachers')

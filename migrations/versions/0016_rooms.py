"""rooms: the community's rooms (微阵地) and their bookings, which never overlap

Two new tables; no existing data changes. Two live (not cancelled) bookings of one room
may not overlap, and the database itself refuses it, so that two bookings made at the
same moment cannot both succeed: on PostgreSQL an exclusion constraint over
(room_id, [starts_at, ends_at)) — btree_gist lets a gist index compare room_id with = —
and on SQLite, whose writers take turns (BEGIN IMMEDIATE), a trigger before each insert
and each update that aborts on overlap. Intervals are half-open: a booking ending at
10:00 and one starting at 10:00 do not overlap. Downgrading drops both tables.

Revision ID: 0016_rooms
Revises: 0015_course_requests
Create Date: 2026-12-03 10:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_rooms'
down_revision = '0015_course_requests'
branch_labels = None
depends_on = None

OVERLAP = ("starts_at < NEW.ends_at AND ends_at > NEW.starts_at AND cancelled_at IS NULL "
           "AND room_id = NEW.room_id")
SQLITE_TRIGGERS = {
    "room_bookings_no_overlap_insert": f"""
        CREATE TRIGGER room_bookings_no_overlap_insert BEFORE INSERT ON room_bookings
        WHEN NEW.cancelled_at IS NULL
        BEGIN
            SELECT RAISE(ABORT, 'room booking overlaps another booking of the room')
            WHERE EXISTS (SELECT 1 FROM room_bookings WHERE {OVERLAP});
        END""",
    "room_bookings_no_overlap_update": f"""
        CREATE TRIGGER room_bookings_no_overlap_update
        BEFORE UPDATE OF room_id, starts_at, ends_at, cancelled_at ON room_bookings
        WHEN NEW.cancelled_at IS NULL
        BEGIN
            SELECT RAISE(ABORT, 'room booking overlaps another booking of the room')
            WHERE EXISTS (SELECT 1 FROM room_bookings WHERE id != NEW.id AND {OVERLAP});
        END""",
}


def upgrade():
    op.create_table(
        'rooms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('community_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('capacity', sa.Integer(), nullable=False),
        sa.Column('opens_at', sa.Time(), nullable=False),
        sa.Column('closes_at', sa.Time(), nullable=False),
        sa.Column('closed_days', sa.JSON(), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('capacity >= 1', name=op.f('ck_rooms_capacity_positive')),
        sa.CheckConstraint('closes_at > opens_at', name=op.f('ck_rooms_closes_after_opening')),
        sa.ForeignKeyConstraint(['community_id'], ['communities.id'],
                                name=op.f('fk_rooms_community_id_communities')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rooms')),
        sa.UniqueConstraint('community_id', 'name', name=op.f('uq_rooms_community_id_name')),
    )
    with op.batch_alter_table('rooms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rooms_community_id'), ['community_id'], unique=False)

    op.create_table(
        'room_bookings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('room_id', sa.Integer(), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('title', sa.String(length=120), nullable=False),
        sa.Column('purpose', sa.String(length=20), nullable=False),
        sa.Column('purpose_id', sa.Integer(), nullable=True),
        sa.Column('people', sa.Integer(), nullable=True),
        sa.Column('booked_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_room_bookings_ends_after_start')),
        sa.ForeignKeyConstraint(['booked_by_id'], ['users.id'],
                                name=op.f('fk_room_bookings_booked_by_id_users')),
        sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], ondelete='CASCADE',
                                name=op.f('fk_room_bookings_room_id_rooms')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_room_bookings')),
    )
    with op.batch_alter_table('room_bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_bookings_room_id'), ['room_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_room_bookings_starts_at'), ['starts_at'], unique=False)

    if op.get_bind().dialect.name == 'postgresql':
        op.execute('CREATE EXTENSION IF NOT EXISTS btree_gist')
        op.execute("ALTER TABLE room_bookings ADD CONSTRAINT ex_room_bookings_no_overlap "
                   "EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
                   "WHERE (cancelled_at IS NULL)")
    else:
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        for name in SQLITE_TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
    # The extension stays: other tables may come to use it, and it holds no data.
    with op.batch_alter_table('room_bookings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_bookings_starts_at'))
        batch_op.drop_index(batch_op.f('ix_room_bookings_room_id'))
    op.drop_table('room_bookings')
    with op.batch_alter_table('rooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rooms_community_id'))
    op.drop_table('rooms')

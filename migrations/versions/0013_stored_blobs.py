"""storage: uploads and cached PDFs in the database, shared by every app server

Until now issue photos, quote scans and partner logos were files in UPLOAD_DIR, on the
disk of the one host that received them; another host (with its own instance/ folder)
answered 404. This step creates `stored_blobs` and copies into it every upload a row
names (issue_photos.file_name, quotes.scan_file, partners.logo_name) under the key the app
now reads ("uploads/issues/<name>", "uploads/<logo>"), so existing photos keep being
served, by every host, after the upgrade. Run `flask db upgrade` on the host whose
instance/ holds the uploads (before this release there was one). A file already missing
is logged and skipped (it answered 404 before too). The files stay on disk: nothing is
lost if the upgrade stops halfway, and the operator deletes them once satisfied.

The PDF cache is not moved: it is only a cache, and fills again on the first requests.

Downgrading writes every stored upload that is not on disk (those uploaded after the
upgrade) back into UPLOAD_DIR, then drops the table (the cached PDFs go with it).

Revision ID: 0013_stored_blobs
Revises: 0012_offer_search_columns
Create Date: 2026-12-03 08:00:00.000000

"""
import logging
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from alembic import context, op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_stored_blobs'
down_revision = '0012_offer_search_columns'
branch_labels = None
depends_on = None

log = logging.getLogger('alembic.runtime.migration')

blobs = sa.table(
    'stored_blobs',
    sa.column('key', sa.String), sa.column('content_type', sa.String),
    sa.column('data', sa.LargeBinary), sa.column('size', sa.Integer),
    sa.column('created_at', sa.DateTime(timezone=True)),
)
# (file name, content type, folder inside UPLOAD_DIR) of every upload a row names.
NAMED_UPLOADS = (
    "SELECT file_name, content_type, 'issues/' FROM issue_photos",
    "SELECT scan_file, scan_type, 'issues/' FROM quotes WHERE scan_file IS NOT NULL",
    "SELECT logo_name, logo_type, '' FROM partners WHERE logo_name IS NOT NULL",
)


def _upload_dir() -> Path | None:
    """The app's UPLOAD_DIR (migrations run inside the app); None when generating SQL."""
    if context.is_offline_mode():
        return None
    from flask import current_app

    return Path(current_app.config["UPLOAD_DIR"])


def upgrade():
    op.create_table(
        'stored_blobs',
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('content_type', sa.String(length=100), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_stored_blobs')),
    )
    with op.batch_alter_table('stored_blobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_blobs_created_at'), ['created_at'], unique=False)
    folder = _upload_dir()
    if folder is None:
        log.warning("offline mode: existing uploads were not copied into stored_blobs")
        return
    connection, now, missing = op.get_bind(), datetime.now(timezone.utc), 0
    named = [row for query in NAMED_UPLOADS for row in connection.execute(sa.text(query))]
    for name, content_type, sub in named:
        path = folder / f"{sub}{name}"
        if not path.is_file():
            missing += 1
            continue
        data = path.read_bytes()  # one file at a time: a site's photos need not fit in memory
        connection.execute(blobs.insert().values(
            key=f"uploads/{sub}{name}", content_type=content_type or "application/octet-stream",
            data=data, size=len(data), created_at=now))
    if missing:
        log.warning("%d of %d uploads named in the database are not in %s", missing, len(named), folder)


def downgrade():
    folder = _upload_dir()
    if folder is None:
        raise RuntimeError("0013_stored_blobs: downgrading needs UPLOAD_DIR to write the uploads back")
    connection = op.get_bind()
    keys = connection.execute(sa.select(blobs.c.key).where(blobs.c.key.startswith('uploads/')))
    for key in [row[0] for row in keys]:
        relative = PurePosixPath(key.removeprefix('uploads/'))
        if relative.is_absolute() or '..' in relative.parts:
            continue  # never written by the app; not a path to follow
        path = folder.joinpath(*relative.parts)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(connection.scalar(sa.select(blobs.c.data).where(blobs.c.key == key)))
    with op.batch_alter_table('stored_blobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_blobs_created_at'))
    op.drop_table('stored_blobs')

"""migrations/env.py: on SQLite, foreign keys are off while migrating and checked per step."""
import shutil

import pytest
from sqlalchemy import text

from extensions import db
from tests.migrations.helpers import MIGRATIONS, revisions

HEAD = revisions()[-1]
ORPHANING = f'''"""test only: deletes a community and leaves its compounds without a parent

Revision ID: 0999_orphans
Revises: {HEAD}
"""
from alembic import op

revision = "0999_orphans"
down_revision = "{HEAD}"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM communities WHERE slug = 'liujin'")


def downgrade():
    pass
'''


def test_a_step_that_leaves_rows_without_parent_is_rolled_back(site_at, tmp_path):
    site = site_at(HEAD)
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "versions" / "0999_orphans.py").write_text(ORPHANING)
    with pytest.raises(Exception) as refused:
        site.upgrade(directory=str(folder))
    with site.app.app_context():
        sqlite = db.engine.dialect.name == "sqlite"
        with db.engine.connect() as connection:
            if sqlite:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.scalar(text("SELECT count(*) FROM communities")) == 2
    if sqlite:  # PostgreSQL refuses the DELETE itself
        assert "upgrade to 0999_orphans left" in str(refused.value)
        assert "compounds" in str(refused.value)
    assert site.current() == HEAD

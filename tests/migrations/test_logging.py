"""Migrating in-process (SQLite on start, the tests) leaves the app's loggers working."""
import logging

from flask_migrate import upgrade


class Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_the_app_loggers_still_log_after_a_migration(app):
    render_log = logging.getLogger("printing.render")
    upgrade()  # already at head: alembic still reads its logging configuration
    kept = Kept()
    render_log.addHandler(kept)
    try:
        render_log.error("rendering services for liujin failed")
    finally:
        render_log.removeHandler(kept)
    assert kept.messages == ["rendering services for liujin failed"]

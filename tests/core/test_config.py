"""Settings that depend on where the app runs."""
import config


def test_only_a_server_database_has_its_connections_tested_before_use():
    assert config.engine_options("sqlite:////srv/doorstep.db") == {}
    assert config.engine_options("postgresql+psycopg://u@db/doorstep") == {"pool_pre_ping": True}


def test_the_app_pool_follows_its_database(app):
    from extensions import db

    assert db.engine.pool._pre_ping is (db.engine.dialect.name == "postgresql")

"""Doorstep: the application factory."""
from flask import Flask, has_request_context, request
from werkzeug.middleware.proxy_fix import ProxyFix

import config
from extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app from the environment, with optional overrides for tests."""
    app = Flask(__name__, instance_path=str(config.instance_path()))
    from blueprints.core.fields import DbIntConverter

    app.url_map.converters["int"] = DbIntConverter  # before any blueprint adds its rules
    app.config.from_mapping(config.from_environment())
    if test_config:
        app.config.update(test_config)
    check_settings(app)
    if app.config["PROXY_COUNT"]:
        proxies = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_templating(app)
    register_hooks(app)
    register_static(app)
    register_commands(app)
    from commands.database import upgrade_on_start

    upgrade_on_start(app)
    return app


def check_settings(app: Flask) -> None:
    """Refuse to start with settings that would quietly weaken a production site."""
    storage = app.config["RATELIMIT_STORAGE_URI"]
    if (app.config["ENV_NAME"] == "production" and storage.startswith("memory://")
            and not app.config["RATELIMIT_SINGLE_WORKER"]):
        raise RuntimeError(
            "RATELIMIT_STORAGE_URI is memory://, which counts per worker: with several gunicorn "
            "workers or hosts a login limit of 10 a minute lets dozens through. Set "
            "RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0 (README, Deploying), or "
            "RATELIMIT_SINGLE_WORKER=1 if exactly one worker process serves the site.")


def select_locale() -> str:
    """The language chosen in this browser, else Simplified Chinese (also outside requests)."""
    chosen = request.cookies.get("lang") if has_request_context() else None
    return chosen if chosen in ("zh", "en") else "zh"


def register_extensions(app: Flask) -> None:
    """Bind every extension in extensions.py to this app."""
    import models  # noqa: F401  (register every table on the metadata)

    db.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    from blueprints.auth.access import configure_login
    from blueprints.core import versions

    configure_login(login_manager)
    versions.install()


def register_blueprints(app: Flask) -> None:
    """Mount each domain's blueprint."""
    from blueprints import all_blueprints

    for blueprint in all_blueprints():
        app.register_blueprint(blueprint)


def register_errorhandlers(app: Flask) -> None:
    """Friendly pages (or htmx fragments) for 400, 403, 404, 429 and 500."""
    from blueprints.core.errors import register

    register(app)


def register_templating(app: Flask) -> None:
    """Jinja filters and globals used by every template."""
    from blueprints.core.templating import register

    register(app)


def register_hooks(app: Flask) -> None:
    """Security headers and cache hints on every response."""
    from blueprints.core.headers import register

    register(app)


def register_static(app: Flask) -> None:
    """Static files with hashed names, compressed and cached a year (not under the debugger)."""
    from blueprints.core.static import install

    install(app)


def register_commands(app: Flask) -> None:
    """The `flask --app app …` commands of DESIGN.md §6."""
    from commands import register

    register(app)


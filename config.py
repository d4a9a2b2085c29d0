"""Settings read from the environment (a `.env` file is loaded first)."""
from datetime import timedelta
import os
import secrets
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
load_dotenv(BASE_DIR / ".env")


def instance_path() -> Path:
    """Folder for the database, the secret key, uploads and caches."""
    return Path(os.environ.get("DOORSTEP_INSTANCE", BASE_DIR / "instance")).resolve()


def _secret_key(folder: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into instance/."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = folder / "secret_key"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: of several workers starting at once, one writes and all read the same key.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


def from_environment() -> dict:
    """The app's configuration as a dict, so tests can override single keys."""
    folder = instance_path()
    folder.mkdir(parents=True, exist_ok=True)
    env = os.environ.get("DOORSTEP_ENV", "development")
    production = env == "production"
    # Anything but development (staging too) gets Secure cookies and HSTS.
    deployed = env != "development"
    return {
        "ENV_NAME": env,
        "SECRET_KEY": _secret_key(folder),
        "INSTANCE_DIR": str(folder),
        "SQLALCHEMY_DATABASE_URI": os.environ.get(
            "DATABASE_URL", f"sqlite:///{folder / 'doorstep.db'}"
        ),
        # None: migrate on start for SQLite only (one server); PostgreSQL runs `db upgrade`.
        "AUTO_MIGRATE": _flag("AUTO_MIGRATE", False) if "AUTO_MIGRATE" in os.environ else None,
        # A PostgreSQL connection that rested is tested before use: extensions._ping_after_rest.
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        # Flask leaves both unlimited/unset: see CONVENTIONS "Known traps".
        # Well above an upload's own 5 MB (core/uploads.py), so that a photo too large is
        # refused next to its field with everything else kept, rather than by a bare 413.
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", 40 * 1024 * 1024)),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", deployed),
        "REMEMBER_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", deployed),
        "REMEMBER_COOKIE_HTTPONLY": True,
        # Weeks, not Flask-Login's default year; the server-side session ends with it.
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # Number of proxies in front (nginx: 1): trust their X-Forwarded-For/Proto so rate
        # limits count residents, not the proxy. 0 when the app faces clients directly.
        "PROXY_COUNT": int(os.environ.get("PROXY_COUNT", 0)),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        # Public base URL printed under QR codes; falls back to the request host.
        "PUBLIC_BASE_URL": os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "WTF_CSRF_TIME_LIMIT": None,
        "BABEL_DEFAULT_LOCALE": "zh",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "LANGUAGES": ["zh", "en"],
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": True,
        # memory:// counts per process: refused in production unless one worker serves.
        "RATELIMIT_SINGLE_WORKER": _flag("RATELIMIT_SINGLE_WORKER", False),
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute"),
        "PUBLIC_FORM_RATE_LIMIT": os.environ.get("PUBLIC_FORM_RATE_LIMIT", "20 per minute"),
        "OPEN311_RATE_LIMIT": os.environ.get("OPEN311_RATE_LIMIT", "60 per minute"),
        "INVITE_DAYS": int(os.environ.get("INVITE_DAYS", 7)),
        # A partner sees a booked household's full number only from this many days before
        # the visit until this many days after (DESIGN §8); masked outside the window.
        "HOME_NUMBER_DAYS_BEFORE": int(os.environ.get("HOME_NUMBER_DAYS_BEFORE", 3)),
        "HOME_NUMBER_DAYS_AFTER": int(os.environ.get("HOME_NUMBER_DAYS_AFTER", 3)),
        # `flask purge` (daily from cron): a volunteer who signed up but has no household,
        # no team place and no sign-up in this many days has their name and number erased.
        "PURGE_SIGNUP_CONTACT_DAYS": int(os.environ.get("PURGE_SIGNUP_CONTACT_DAYS", 730)),
        # Free-text visit answers and needs heard at the door (numbers and choices stay).
        "PURGE_VISIT_ANSWER_DAYS": int(os.environ.get("PURGE_VISIT_ANSWER_DAYS", 730)),
        "PURGE_BATCH": int(os.environ.get("PURGE_BATCH", 1000)),  # people per purger per run
        # Anonymous public pages kept in memory per worker until their data changes.
        "PAGE_CACHE": _flag("PAGE_CACHE", True),
        # Uploads and cached PDFs live in the database (storage.py). The
        # folders are only read by migration 0012 and by restores of older backups (uploads),
        # or passed along unused (print cache).
        "PRINT_CACHE_DIR": str(folder / "print-cache"),
        # PDFs render outside the request (blueprints/printing/queue.py). With a Redis URL
        # the jobs go to an RQ queue that `flask --app app render-worker` works off on any
        # host; empty: RENDER_THREADS threads in each web process render them. Defaults to
        # REDIS_URL.
        "RENDER_QUEUE_URL": os.environ.get("RENDER_QUEUE_URL", os.environ.get("REDIS_URL", "")),
        "RENDER_THREADS": int(os.environ.get("RENDER_THREADS", 1)),
        # Run render jobs at once in the caller instead (tests, scripts); never on a site.
        "RENDER_QUEUE_INLINE": _flag("RENDER_QUEUE_INLINE", False),
        # Render the checklist poster in the background as soon as staff approve a change.
        "RENDER_ON_CHANGE": _flag("RENDER_ON_CHANGE", True),
        # A job queued or rendering for longer than this (seconds) was lost with its worker:
        # the next request queues a new one. Also RQ's timeout for one render.
        "RENDER_JOB_LOST_AFTER": int(os.environ.get("RENDER_JOB_LOST_AFTER", 600)),
        "UPLOAD_DIR": str(folder / "uploads"),
        # static/ copied under content-hashed names, compressed (blueprints/core/static.py).
        "STATIC_BUILD_DIR": str(folder / "static-build"),
        "PASSWORD_HASH_METHOD": "scrypt",
        # How reminders and notices leave the outbox: "log", "sms-webhook" or a dotted class path.
        "MESSAGE_SENDER": os.environ.get("MESSAGE_SENDER", "log"),
        "SMS_WEBHOOK_URL": os.environ.get("SMS_WEBHOOK_URL", ""),
    }

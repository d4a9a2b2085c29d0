"""The throwaway instance a bench run measures: its folder, settings, database and data.

SQLite: a file in the folder. PostgreSQL: the throwaway server of scripts/with-postgres,
whose address arrives as TEST_DATABASE_URL (the same server the tests use). The data is
made by the real commands: `db upgrade`, `seed-demo` (the article's two communities) and
`seed-city` (demo/city.py), so a run also shows how long the city takes to build.
"""
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "doorstep-bench-secret"  # the bench process signs volunteer cookies with it too


@dataclass
class Instance:
    folder: str
    database: str  # "sqlite" or "postgresql"
    url: str
    seconds_to_seed: float | None = None

    def env(self) -> dict[str, str]:
        """The environment of every server and command of the run."""
        return {
            **os.environ,
            "DOORSTEP_INSTANCE": self.folder, "DATABASE_URL": self.url, "SECRET_KEY": SECRET,
            "AUTO_MIGRATE": "0", "PUBLIC_BASE_URL": "http://doorstep.bench",
            # Production settings, except cookies over plain http and one rate-limit store
            # per worker (the bench has no Redis); X-Forwarded-For gives each simulated
            # resident an address of their own, as phones have.
            "DOORSTEP_ENV": "production", "SESSION_COOKIE_SECURE": "0",
            "RATELIMIT_SINGLE_WORKER": "1", "RATELIMIT_STORAGE_URI": "memory://", "PROXY_COUNT": "1",
        }


def make(database: str, folder: str | None = None) -> Instance:
    """A new folder (or the given one) and the database URL for it."""
    folder = folder or tempfile.mkdtemp(prefix="doorstep-bench-")
    Path(folder).mkdir(parents=True, exist_ok=True)
    if database == "postgres":
        url = os.environ.get("TEST_DATABASE_URL", "")
        if not url.startswith("postgresql"):
            sys.exit("bench --db postgres runs under scripts/with-postgres (make bench DB=postgres)")
        return Instance(folder, "postgresql", url)
    return Instance(folder, "sqlite", f"sqlite:///{folder}/doorstep.db")


def flask(instance: Instance, *args: str) -> str:
    """Run `flask --app app …` in the instance; its output."""
    command = [sys.executable, "-m", "flask", "--app", "app", *args]
    done = subprocess.run(command, cwd=ROOT, env=instance.env(), capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def seed(instance: Instance, communities: int, seed_value: int, big_factor: float,
         echo=print) -> None:
    """Migrate, then the demo and the city (communities already there are kept)."""
    flask(instance, "db", "upgrade", "--no-backup")
    flask(instance, "seed-demo")
    echo(f"seeding {communities} communities and city-big ({big_factor:g}x) …")
    started = time.perf_counter()
    output = flask(instance, "seed-city", "--communities", str(communities), "--seed",
                   str(seed_value), "--big-factor", str(big_factor))
    instance.seconds_to_seed = time.perf_counter() - started
    echo(next((line for line in output.splitlines() if line.startswith("seeded in")), output.strip()))
    settle(instance)


def settle(instance: Instance) -> None:
    """Gather the planner's statistics now, as a database in service has them: otherwise
    PostgreSQL's autovacuum analyses the fresh city during the first pages measured."""
    from sqlalchemy import create_engine, text

    engine = create_engine(instance.url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE" if instance.database == "postgresql"
                                    else "ANALYZE"))
    finally:
        engine.dispose()

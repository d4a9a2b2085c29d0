"""`flask seed-city`: the city-sized data set `make bench` measures (demo/city.py)."""
import time

import click
from flask.cli import with_appcontext

from demo import city


@click.command("seed-city")
@click.option("--communities", default=100, show_default=True, type=click.IntRange(1, 999),
              help="Communities of the normal size (city-001 …), besides the big one.")
@click.option("--seed", "seed_value", default=1, show_default=True, type=int,
              help="The same seed (and day) gives the same data.")
@click.option("--big-factor", default=10.0, show_default=True, type=click.FloatRange(1, 100),
              help="How many times a normal community's rows city-big holds.")
@click.option("--scale", default=1.0, show_default=True, type=click.FloatRange(0.01, 10),
              help="Size of a normal community (1: 500 households, 200 activities, 200 issues).")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="The day the data is dated around (default: today in Shanghai).")
@with_appcontext
def seed_city_command(communities: int, seed_value: int, big_factor: float, scale: float, today):
    """Add city-001 … city-N and city-big with every kind of record (skips those that exist)."""
    started = time.perf_counter()
    counts = city.seed(communities, seed_value, big_factor, scale,
                       today.date() if today else None, echo=click.echo)
    click.echo(f"seeded in {time.perf_counter() - started:.1f} s; rows per table:")
    for table, rows in counts.items():
        click.echo(f"  {table:24} {rows:>8}")
    click.echo(f"accounts (password: {city.CITY_PASSWORD}): {city.ADMIN}, "
               f"<slug>-staff, <slug>-grid1, <slug>-partner1, e.g. {city.BIG_SLUG}-staff")

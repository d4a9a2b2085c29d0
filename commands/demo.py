"""`flask seed-demo`: the two communities of the article, safe to run twice."""
import click
from flask.cli import with_appcontext

from demo import calls as calls_demo
from demo import classes as classes_demo
from demo import courses as courses_demo
from demo import foundation
from demo import homeservice as home_demo
from demo import issues as demo_issues
from demo import offers as offers_demo
from demo import open311 as open311_demo
from demo import rooms as rooms_demo
from demo import visits as visits_demo
from demo import volunteers as volunteer_demo


@click.command("seed-demo")
@with_appcontext
def seed_demo_command():
    """Create (or complete) the demo communities, data and accounts."""
    result = foundation.seed()
    click.echo(f"communities: {', '.join(result['communities'])}; "
               f"new households: {result['households']}")
    offers = offers_demo.seed()
    click.echo(f"services: {offers['total']} partner units in 流津社区 "
               f"({offers['partners']} new), {offers['pending']} revisions waiting for review")
    created = volunteer_demo.seed()
    click.echo("volunteer activities added: "
               + ", ".join(f"{slug} {n}" for slug, n in created.items()))
    click.echo(f"issues (兴元社区): {demo_issues.seed()['issues']} new")
    requests = classes_demo.seed()
    click.echo("course requests added: " + ", ".join(f"{slug} {n}" for slug, n in requests.items()))
    calls = calls_demo.seed()
    click.echo("recruitment calls added: " + ", ".join(f"{slug} {n}" for slug, n in calls.items()))
    rooms = rooms_demo.seed()
    click.echo("rooms added: " + ", ".join(f"{slug} {n}" for slug, n in rooms.items()))
    courses = courses_demo.seed()
    click.echo("courses added: " + ", ".join(f"{slug} {n}" for slug, n in courses.items()))
    rounds = visits_demo.seed()
    click.echo("door-knocking rounds added: "
               + ", ".join(f"{slug} ({n} doors)" for slug, n in rounds.items()))
    home = home_demo.seed()
    click.echo(f"home-service bookings added (微发馆): {home['bookings']}")
    click.echo(f"Open311 keys added (兴元社区): {open311_demo.seed()}")
    click.echo(f"demo accounts (password: {foundation.DEMO_PASSWORD}):")
    for username, role, communities in result["accounts"]:
        click.echo(f"  {username:16} {role:12} {communities}")

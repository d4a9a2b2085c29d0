"""`flask purge`: anonymise personal data older than its configured period (run it daily)."""
import click
from flask import current_app

from blueprints.core import clock
from blueprints.register import purge
from blueprints.visits import purge as visits_purge

# (what it anonymises, the purger): each takes (now, config) and returns how many records
# it changed. A domain that keeps personal data for a limited time adds its purger here.
PURGERS = [
    ("sign-up contacts", purge.signup_contacts),
    ("import previews", purge.import_previews),
    ("visit answers", visits_purge.visit_answers),
]


@click.command("purge")
def purge_command():
    """Anonymise sign-up contacts (and every other purger's data) past their periods."""
    now = clock.now()
    for label, purger in PURGERS:
        click.echo(f"{label}: {purger(now, current_app.config)} anonymised")

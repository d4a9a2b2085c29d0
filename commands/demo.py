"""`flask seed-demo`: the two communities of the article, safe to run twice."""
import click

from demo import foundation
from demo import issues as demo_issues


@click.command("seed-demo")
def seed_demo_command():
    """Create (or complete) the demo communities, data and accounts."""
    result = foundation.seed()
    click.echo(f"communities: {', '.join(result['communities'])}; "
               f"new households: {result['households']}")
    click.echo(f"issues (兴元社区): {demo_issues.seed()['issues']} new")
    click.echo(f"demo accounts (password: {foundation.DEMO_PASSWORD}):")
    for username, role, communities in result["accounts"]:
        click.echo(f"  {username:16} {role:12} {communities}")

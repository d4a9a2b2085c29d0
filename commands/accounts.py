"""`flask create-user`."""
import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from blueprints.auth.services import AccountError, create_user
from extensions import db
from models import Community, Partner
from models.user import ROLES


@click.command("create-user")
@with_appcontext
@click.option("--username", required=True)
@click.option("--name", "display_name", required=True, help="Name shown in the console.")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--community", "slugs", multiple=True, required=True,
              help="Community slug; repeat for an admin of several.")
@click.option("--mobile", default=None)
@click.option("--partner", "partner_name", default=None,
              help="With --role partner: the partner unit's name, e.g. 温州饭吧.")
@click.password_option()
def create_user_command(username, display_name, role, slugs, mobile, partner_name, password):
    """Create an account with a password."""
    communities = db.session.scalars(select(Community).where(Community.slug.in_(slugs))).all()
    if len(communities) != len(set(slugs)):
        raise click.BadParameter(f"unknown community among {', '.join(slugs)}")
    partner = None
    if partner_name:
        partner = db.session.scalar(select(Partner).where(
            Partner.name == partner_name, Partner.community_id.in_([c.id for c in communities])))
        if partner is None or role != "partner":
            raise click.BadParameter(f"no partner unit {partner_name!r} for a partner account here",
                                     param_hint="--partner")
    try:
        user = create_user(
            username=username, display_name=display_name, role=role, mobile=mobile,
            partner_id=partner.id if partner else None,
            communities=communities, password=password,
            hash_method=current_app.config["PASSWORD_HASH_METHOD"],
        )
    except AccountError as error:
        raise click.ClickException(f"{error.field}: {error}")
    click.echo(f"created {user.username} ({user.role})")

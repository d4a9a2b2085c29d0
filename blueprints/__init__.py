"""Every domain's blueprint, in the order they are registered."""
from flask import Blueprint


def all_blueprints() -> list[Blueprint]:
    """The blueprints of every domain; each package exposes `bp`."""
    from blueprints.auth.routes import bp as auth
    from blueprints.community.routes import bp as community
    from blueprints.core.routes import bp as core
    from blueprints.issues.routes import bp as issues
    from blueprints.partner.routes import bp as partner
    from blueprints.printing.routes import bp as printing
    from blueprints.offers.routes import bp as services
    from blueprints.staff.routes import bp as staff
    from blueprints.volunteers.me_routes import bp as volunteer_me
    from blueprints.volunteers.routes import bp as volunteers
    from blueprints.volunteers import partner_routes  # noqa: F401  (team pages on the portal)

    return [core, auth, community, staff, partner, printing, services, volunteers,
            volunteer_me, issues]

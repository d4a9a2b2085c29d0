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
    from blueprints.staff.routes import bp as staff

    return [core, auth, community, staff, partner, printing, issues]

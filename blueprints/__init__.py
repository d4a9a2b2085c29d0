"""Every domain's blueprint, in the order they are registered."""
from flask import Blueprint


def all_blueprints() -> list[Blueprint]:
    """The blueprints of every domain; each package defines them in its __init__.py."""
    from blueprints import (
        auth,
        classes,
        community,
        core,
        exports,
        figures,
        homeservice,
        issues,
        offers,
        open311,
        partner,
        printing,
        register,
        rooms,
        staff,
        visits,
        volunteers,
    )

    return [core.bp, auth.bp, community.bp, staff.bp, partner.bp, printing.bp, offers.bp,
            volunteers.bp, volunteers.me_bp, issues.bp, classes.bp, rooms.bp,
            register.bp, visits.bp, homeservice.bp,
            open311.bp, open311.staff_bp, exports.bp, figures.bp]

"""Partner portal pages for the unit's red-vest teams (红马甲): enrol the unit's staff."""
from flask import redirect, render_template, request, url_for
from flask_login import current_user

from blueprints.auth.access import role_required
from blueprints.core.forms import choice_list
from blueprints.core.paging import page_number
from blueprints.partner import bp
from blueprints.partner.lookups import own_unit_or_404
from blueprints.volunteers import activities as service
from blueprints.volunteers import listing
from blueprints.volunteers.forms import EnrolStaffForm


@bp.route("/teams", methods=["GET", "POST"])
@role_required("partner")
def teams():
    """The unit's red-vest teams; enrol one of the unit's staff into one of them."""
    unit = own_unit_or_404()
    own_teams = {team.id: team for team in service.partner_teams(unit)}
    form = EnrolStaffForm()
    form.team_id.choices = choice_list([(team.id, team.name) for team in own_teams.values()])
    if form.validate_on_submit():
        # Choices hold only the unit's own teams, so another unit's team fails validation.
        service.enrol_partner_staff(own_teams[form.team_id.data], form.name.data,
                                    form.mobile.data, current_user)
        return redirect(url_for("partner.teams"), 303)
    status = 422 if request.method == "POST" else 200
    return render_template("partner/teams.html", unit=unit, community=unit.community,
                           teams=listing.partner_team_page(unit, page_number()), form=form), status

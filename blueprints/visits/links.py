"""Where the roster, household page and visit form point: the staff console's routes, or a
敲门队 member's link (the same pages under /c/<slug>/visits/r/<token>)."""
from flask import url_for


class StaffLinks:
    """The console's addresses (staff and grid workers, signed in)."""

    public = False

    def __init__(self, campaign):
        self.campaign = campaign

    def back(self) -> str:
        return url_for("visits.campaign", campaign_id=self.campaign.id)

    def roster(self, grid_id: int, **values) -> str:
        return url_for("visits.roster", campaign_id=self.campaign.id, grid_id=grid_id, **values)

    def household(self, household_id: int) -> str:
        return url_for("visits.household", campaign_id=self.campaign.id,
                       household_id=household_id)

    def record(self, household_id: int) -> str:
        return url_for("visits.record_visit", campaign_id=self.campaign.id,
                       household_id=household_id)

    def issue(self, visit_id: int) -> str:
        return url_for("visits.need_to_issue", campaign_id=self.campaign.id, visit_id=visit_id)

    def issue_page(self, issue_id: int) -> str | None:
        return url_for("issues.staff_detail", issue_id=issue_id)


class TeamLinks(StaffLinks):
    """The addresses under a 敲门队 member's signed link."""

    public = True

    def __init__(self, campaign, token: str):
        super().__init__(campaign)
        self.token = token

    def back(self) -> str:
        return url_for("visits.team_roster", token=self.token)

    def roster(self, grid_id: int, **values) -> str:
        return url_for("visits.team_roster", token=self.token, grid=grid_id, **values)

    def household(self, household_id: int) -> str:
        return url_for("visits.team_household", token=self.token, household_id=household_id)

    def record(self, household_id: int) -> str:
        return url_for("visits.team_record_visit", token=self.token, household_id=household_id)

    def issue(self, visit_id: int) -> str:
        return url_for("visits.team_need_to_issue", token=self.token, visit_id=visit_id)

    def issue_page(self, issue_id: int) -> str | None:
        return None  # the issue board's staff page is not theirs

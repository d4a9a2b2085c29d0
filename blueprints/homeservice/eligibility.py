"""Whether a household may use an offer, by the tags it consented to (never guessed).

An offer's groups (terms "eligibility") map onto the register's consented tags. A
household with a matching tag is eligible; one the register cannot vouch for (no
matching consented tag, or a rule only a person can check) waits for staff; an empty,
vacant or moved-out flat is refused.
"""
from models import Household

GROUP_TAGS = {"disabled": "disabled", "living_alone": "living_alone", "low_income": "low_income"}


def tags_for(terms: dict | None) -> set[str]:
    """The register tags that make a household eligible for the offer."""
    groups = set((terms or {}).get("eligibility") or [])
    tags = {GROUP_TAGS[g] for g in groups if g in GROUP_TAGS}
    if "over_age" in groups and int((terms or {}).get("min_age") or 999) <= 80:
        tags.add("over_80")
    return tags


def open_to_all(terms: dict | None) -> bool:
    """The offer names no group: every household qualifies."""
    return not (terms or {}).get("eligibility")


def eligibility(terms: dict | None, household: Household) -> str:
    """"eligible", "pending" (staff confirm) or "refused"."""
    if household.status != "occupied":
        return "refused"
    if open_to_all(terms) or household.tag_names & tags_for(terms):
        return "eligible"
    return "pending"

"""Mobile numbers typed into any free-text field never reach a public page or a printed sheet.

The demo of both communities is seeded, then a number (plain, with spaces, with dashes) is
planted into every free-text column of every domain and every text term of every offer.
Every public page (and its htmx fragments) and every printed document must show only
masked numbers; the console still shows them in full.
"""
from datetime import timedelta

from flask import url_for
from sqlalchemy import String, cast, literal, select
from sqlalchemy.orm.attributes import flag_modified
from werkzeug.security import generate_password_hash

from blueprints.core.privacy import MOBILE_IN_TEXT
from blueprints.issues import tokens as issue_tokens
from blueprints.visits import team_links
from blueprints.volunteers import tokens as volunteer_tokens
from extensions import db
from models import Community, Issue, Offer, Person, Quote, Shift, Signup, User
from models.base import utcnow
from models.visits import VisitAssignment
from printing.registry import DOCUMENTS
from printing.render import render_pdf
from tests.conftest import HX
from tests.core.test_demo import run_seed
from tests.crawl import walk
from tests.factories import PASSWORD, login
from tests.pdf import pdf_text

# Every column a person types free text into, by table (names, addresses, notes, reasons …).
FREE_TEXT = {
    "communities": ["name", "district", "hall_address"], "compounds": ["name"], "grids": ["name"],
    "buildings": ["name"], "partners": ["name", "address", "contact_name"], "users": ["display_name"],
    "volunteer_teams": ["name", "description"], "box_openings": ["opened_by_name"],
    "households": ["address"], "offer_revisions": ["comment"], "partner_visits": ["note"],
    "volunteer_activities": ["title", "campaign", "description", "venue"],
    "household_tags": ["consent_by", "consent_note"],
    "issues": ["what", "where", "reporter_name", "reason"], "people": ["name"],
    "volunteer_shifts": ["role"], "deliberations": ["attendees", "decision"], "issue_events": ["note"],
    "quotes": ["contractor", "note", "choice_reason"], "payments": ["payer_name", "collected_by", "note"],
    "course_requests": ["subject", "details", "decline_reason"],
    "visits": ["need"], "visit_answers": ["text"],
}
OFFER_TEXT = ("title", "benefit", "custom_rule", "place_note", "claim_note")
PLANTED = ("13912345678", "139 8765 4321", "186-1111-2222")


def _plant() -> None:
    """Write a number into every free-text column (row id kept in the text: names stay unique)."""
    tables = {table.name: table for table in db.metadata.sorted_tables}
    for n, (name, columns) in enumerate(FREE_TEXT.items()):
        table = tables[name]
        values = {column: literal("记") + cast(table.c.id, String) + literal(" " + PLANTED[n % 3])
                  for column in columns}
        db.session.execute(table.update().values(values))
    for offer in db.session.scalars(select(Offer)):
        for key in OFFER_TEXT:
            offer.published[key] = f"{offer.published.get(key) or ''} 请打 {PLANTED[0]}"
        flag_modified(offer, "published")
    db.session.commit()


def _full_numbers(text: str) -> list[str]:
    return MOBILE_IN_TEXT.findall(text)


def _context(text: str) -> list[str]:
    return [text[max(0, m.start() - 30):m.end() + 10] for m in MOBILE_IN_TEXT.finditer(text)][:3]


def _public_addresses(app) -> list[str]:
    """The pages a visitor reaches by link, plus those reached by a link sent to them."""
    extra = []
    with app.test_request_context():
        for assignment in db.session.scalars(select(VisitAssignment).where(  # a 敲门队 link
                VisitAssignment.team_member_id.is_not(None)).order_by(VisitAssignment.id)):
            campaign, member = assignment.campaign, assignment.team_member
            token = team_links.link_token(campaign, member)
            if team_links.visitor_from_token(campaign.community, token):  # a round under way
                extra.append(url_for("visits.team_roster", slug=campaign.community.slug,
                                     token=token))
        for issue in db.session.scalars(select(Issue)):
            slug = issue.community.slug
            extra.append(url_for("issues.follow", slug=slug, issue_id=issue.id,
                                 token=issue_tokens.follow_token(issue.id)))
        for person in db.session.scalars(select(Person).join(Signup).distinct()):
            extra.append(url_for("me.page", token=volunteer_tokens.me_token(person)))
    return extra


def test_no_public_page_shows_a_number_typed_into_free_text(app, client):
    run_seed(app)
    _plant()
    endpoints = {}
    slugs = list(db.session.scalars(select(Community.slug)))
    for path, html in walk(client, [f"/c/{slug}/" for slug in slugs] + _public_addresses(app)):
        assert not _full_numbers(html), f"{path} shows {_full_numbers(html)[:3]}"
        endpoint = app.url_map.bind("localhost").match(path.split("?")[0])[0]
        if endpoint not in endpoints:  # each page's htmx fragment too, once per kind of page
            endpoints[endpoint] = path
            fragment = client.get(path, headers=HX).get_data(as_text=True)
            assert not _full_numbers(fragment), f"{path} (htmx) shows {_full_numbers(fragment)[:3]}"
    public_pages = {"community.home", "offers.checklist", "offers.offer", "volunteers.activities",
                    "volunteers.activity", "volunteers.join_team", "issues.board", "issues.detail",
                    "issues.new", "issues.follow", "me.page", "visits.team_roster",
                    "visits.team_household"}
    assert public_pages <= set(endpoints), f"not walked: {public_pages - set(endpoints)}"


def test_no_printed_document_shows_a_number_typed_into_free_text(app, client):
    run_seed(app)
    _plant()
    communities = list(db.session.scalars(select(Community)))
    person = db.session.scalar(select(Person).join(Signup).where(Signup.status == "attended"))
    issue = db.session.scalar(select(Issue).join(Quote).limit(1))
    activity_id = db.session.scalar(select(Shift.activity_id).where(Shift.starts_at > utcnow() - timedelta(days=400)))
    options = {"cost-notice": {"issue": issue.id}, "certificate": {"person": person.id},
               "signin-sheet": {"activity": activity_id}}
    printed = 0
    for community in communities:
        for name in DOCUMENTS:
            wanted = options.get(name, {})
            if ("issue" in wanted and issue.community_id != community.id) or (
                    "person" in wanted and person.community_id != community.id):
                continue
            try:
                with app.test_request_context():
                    pdf = render_pdf(name, community, wanted).data
            except Exception as error:  # a document that needs data this community lacks
                assert "DocumentError" in type(error).__name__, error
                continue
            text = pdf_text(pdf)
            printed += 1
            joined = text.replace("\n", " ")  # "" would glue a row number to the next line
            assert not _full_numbers(joined), f"{name} for {community.slug}: {_context(joined)}"
    assert printed >= len(DOCUMENTS)
    poster = client.get(f"/c/{communities[0].slug}/services.pdf").data
    assert not _full_numbers(pdf_text(poster))


def test_the_console_still_shows_numbers_in_full(app, client):
    run_seed(app)
    _plant()
    issue = db.session.scalar(select(Issue).where(Issue.public.is_(True)))
    staff = db.session.scalar(select(User).where(User.role == "staff", User.communities.any(
        Community.id == issue.community_id)))
    staff.password_hash = generate_password_hash(PASSWORD, "pbkdf2:sha256:1000")
    db.session.commit()
    login(client, staff)
    page = client.get(f"/staff/{issue.community.slug}/issues/{issue.id}").get_data(as_text=True)
    assert PLANTED[0] in page or PLANTED[1] in page or PLANTED[2] in page



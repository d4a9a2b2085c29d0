"""Partners, offers and their review: every rule and every write of the services domain."""
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core.audit import record_event
from blueprints.core.transaction import after_commit, transactional
from blueprints.core.uploads import save_image
from blueprints.offers import schedule

# The checklist and its printings live in checklist.py; the community home page
# imports available_on from here, so the name stays reachable.
from blueprints.offers.checklist import available_on, personal_numbers  # noqa: F401
from blueprints.printing.queue import enqueue_render
from extensions import db
from models import AuditEvent, Community, Offer, OfferRevision, Partner, User
from models.base import utcnow
from models.offers import PartnerVisit

LOGO_FOLDER = "uploads"  # partner logos, in the shared storage
VISIT_INTERVAL = timedelta(days=182)  # 定期走访: about six months
OPEN_STATUSES = ("draft", "pending")  # and a returned edit: see _is_open
SUPERSEDED = "由新的修改替代"  # comment on a resume request that a partner's edit replaced


class OfferError(ValueError):
    """An offer rule was broken; `errors` maps form fields to messages."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class IllegalTransition(ValueError):
    """The offer or revision is not in a state that allows this step."""


class RevisionChanged(IllegalTransition):
    """The partner changed the revision after staff opened it: staff must look again."""


# ---- partners ---------------------------------------------------------------

def partners_of(community: Community) -> list[Partner]:
    """The community's partner units by name, with their offers and revisions loaded."""
    return db.session.scalars(
        select(Partner).where(Partner.community_id == community.id)
        .options(selectinload(Partner.offers).selectinload(Offer.revisions)).order_by(Partner.name)
    ).all()


def offers_of(partner: Partner) -> list[Offer]:
    """The unit's offers with their revisions loaded (their states need them)."""
    return db.session.scalars(
        select(Offer).where(Offer.partner_id == partner.id)
        .options(selectinload(Offer.revisions)).order_by(Offer.id)
    ).all()


def partner_in(community: Community, partner_id: int) -> Partner | None:
    """A partner of this community, or None (another community's answers None)."""
    partner = db.session.get(Partner, partner_id)
    return partner if partner and partner.community_id == community.id else None


@transactional
def create_partner(community: Community, actor: User | None, **fields) -> Partner:
    """A new partner unit; the name is unique in the community."""
    name = fields["name"].strip()
    if db.session.scalar(select(Partner.id).where(
            Partner.community_id == community.id, Partner.name == name)):
        raise OfferError({"name": "taken"})
    if personal_numbers([fields.get("phone") or ""]):
        raise OfferError({"phone": "personal"})  # the public number is not someone's mobile
    partner = Partner(community=community, **{**fields, "name": name})
    db.session.add(partner)
    db.session.flush()
    record_event(actor, "partner.created", partner, community, name=name)
    return partner


@transactional
def set_logo(partner: Partner, actor: User | None, stream) -> Partner:
    """Store a re-encoded logo (ImageRejected when it is not an image)."""
    stored = save_image(stream, LOGO_FOLDER, max_side=600)
    partner.logo_name, partner.logo_type = stored.name, stored.content_type
    record_event(actor, "partner.logo_changed", partner, partner.community)
    return partner


@transactional
def record_visit(partner: Partner, actor: User | None, note: str = "",
                 when: datetime | None = None) -> PartnerVisit:
    """Record a staff visit to the unit; it resets the six-month reminder."""
    visit = PartnerVisit(partner=partner, visited_by=actor, note=note.strip(),
                         visited_at=when or utcnow())
    db.session.add(visit)
    if partner.last_visited_at is None or visit.visited_at > partner.last_visited_at:
        partner.last_visited_at = visit.visited_at
    record_event(actor, "partner.visited", partner, partner.community, note=visit.note)
    return visit


def needs_visit(partner: Partner, now: datetime | None = None) -> bool:
    """True when staff have not visited the unit for six months (or ever)."""
    last = partner.last_visited_at
    return last is None or last < (now or utcnow()) - VISIT_INTERVAL


# ---- offers as a partner sees them ----------------------------------------------

def unit_of(user: User) -> Partner | None:
    """The partner unit a partner user belongs to, if any."""
    return db.session.get(Partner, user.partner_id) if user.partner_id else None


def partner_offer(user: User, offer_id: int) -> Offer | None:
    """The offer when it belongs to the user's own unit, else None (routes answer 404)."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or user.partner_id is None or offer.partner_id != user.partner_id:
        return None
    return offer


def _is_open(revision: OfferRevision) -> bool:
    # A returned edit waits for the partner's fix; a returned resume request is over
    # (the partner may ask again), so it must not hold the offer in 已退回 for good.
    return revision.status in OPEN_STATUSES or (
        revision.status == "returned" and revision.kind == "edit")


def open_revision(offer: Offer) -> OfferRevision | None:
    """The revision still being worked on or reviewed, if any."""
    return next((r for r in reversed(offer.revisions) if _is_open(r)), None)


def can_request_resume(offer: Offer) -> bool:
    """A paused, once-published offer with no draft or pending revision may ask to come back."""
    return (offer.paused and offer.published is not None
            and not any(r.status in OPEN_STATUSES for r in offer.revisions))


def refused_resume(offer: Offer) -> OfferRevision | None:
    """The newest resume request when staff returned it and the offer is still paused."""
    latest = next((r for r in reversed(offer.revisions) if r.kind == "resume"), None)
    if latest is None or not offer.paused or latest.status != "returned" or latest.reviewed_at is None:
        return None
    return latest


def working_terms(offer: Offer) -> dict:
    """What the edit form shows: the open revision, else the published terms."""
    revision = open_revision(offer)
    source = revision.data if revision and revision.kind == "edit" else offer.published
    return schedule.terms_with_defaults(source)


def offer_state(offer: Offer) -> str:
    """草稿/待审核/已退回 of the open revision, else published/paused/draft."""
    revision = open_revision(offer)
    if revision is not None:
        return revision.status
    if offer.paused:
        return "paused"
    return "published" if offer.published is not None else "draft"


@transactional
def create_offer(partner: Partner, actor: User | None, terms: dict) -> Offer:
    """A new offer of the unit, with its first draft."""
    offer = Offer(community_id=partner.community_id, partner=partner)
    offer.revisions.append(OfferRevision(data=schedule.terms_with_defaults(terms), author=actor))
    db.session.add(offer)
    db.session.flush()
    record_event(actor, "offer.created", offer, partner.community, title=terms.get("title", ""))
    return offer


@transactional
def save_draft(offer: Offer, actor: User | None, terms: dict) -> OfferRevision:
    """Keep what the partner typed; a pending or returned revision goes back to draft."""
    revision = open_revision(offer)
    if revision is None or revision.kind != "edit":
        if revision is not None:  # a resume request gives way to a real edit
            revision.status = "returned"
            revision.comment = revision.comment or SUPERSEDED
        revision = OfferRevision(offer=offer, author=actor)
        db.session.add(revision)
    merged = {**schedule.terms_with_defaults(revision.data or offer.published), **terms}
    if revision.status == "pending" and merged == revision.data:
        # An autosave of what is already under review (it can arrive just after the
        # submit that carried the same values) does not withdraw it from review.
        return revision
    revision.data, revision.status, revision.author = merged, "draft", actor
    return revision


@transactional
def submit(offer: Offer, actor: User | None) -> OfferRevision:
    """Send the open draft to staff review (OfferError when it is not complete)."""
    revision = open_revision(offer)
    if revision is None or revision.kind != "edit":
        raise IllegalTransition("nothing to submit")
    errors = schedule.problems(revision.data)
    for required in ("title", "benefit"):
        if not (revision.data.get(required) or "").strip():
            errors[required] = "required"
    if errors:
        raise OfferError(errors)
    revision.status, revision.submitted_at, revision.base = "pending", utcnow(), offer.published
    record_event(actor, "offer.submitted", offer, offer.community, revision=revision.id)
    return revision


@transactional
def pause(offer: Offer, actor: User | None) -> Offer:
    """Withdraw the offer at once: taking a promise back is always safe, so no review."""
    if offer.paused:
        raise IllegalTransition("already paused")
    offer.paused = True
    record_event(actor, "offer.paused", offer, offer.community, title=offer.title)
    return offer


@transactional
def request_resume(offer: Offer, actor: User | None) -> OfferRevision:
    """Ask staff to show a paused offer again; it stays paused until approved."""
    if not can_request_resume(offer):
        raise IllegalTransition("cannot resume now")
    revision = OfferRevision(offer=offer, kind="resume", status="pending", author=actor,
                             data=offer.published, base=offer.published, submitted_at=utcnow())
    db.session.add(revision)
    record_event(actor, "offer.resume_requested", offer, offer.community, title=offer.title)
    return revision


# ---- staff review ----------------------------------------------------------------

def pending_revisions(community: Community) -> list[OfferRevision]:
    """Revisions waiting for review in this community, oldest first."""
    return db.session.scalars(
        select(OfferRevision).join(Offer)
        .where(Offer.community_id == community.id, OfferRevision.status == "pending")
        .options(selectinload(OfferRevision.offer).selectinload(Offer.partner),
                 selectinload(OfferRevision.author))
        .order_by(OfferRevision.submitted_at, OfferRevision.id)
    ).all()


def revision_in(community: Community, revision_id: int) -> OfferRevision | None:
    """A revision of this community's offers, or None."""
    revision = db.session.get(OfferRevision, revision_id)
    if revision is None or revision.offer.community_id != community.id:
        return None
    return revision


def publish_terms(offer: Offer, terms: dict) -> None:
    """Make `terms` what residents see, with the columns the checklist filters on in SQL."""
    offer.published, offer.published_at = dict(terms), utcnow()
    for name, value in schedule.search_columns(offer.published).items():
        setattr(offer, name, value)


def _approve(revision: OfferRevision, actor: User | None, seen: str | None) -> None:
    if revision.status != "pending":
        raise IllegalTransition("not pending")
    # `seen` is the version on the reviewer's screen; None only for code (demo, tests).
    if seen is not None and seen != revision.version:
        raise RevisionChanged(revision.id)
    offer = revision.offer
    revision.status, revision.reviewed_by, revision.reviewed_at = "published", actor, utcnow()
    publish_terms(offer, revision.data)
    if revision.kind == "resume":
        offer.paused = False
    record_event(actor, "offer.approved", offer, offer.community,
                 revision=revision.id, kind=revision.kind)
    _render_poster_later(offer.community)


def _render_poster_later(community: Community) -> None:
    """Queue the checklist poster once the approval is committed, before anyone scans for it."""
    if not current_app.config["RENDER_ON_CHANGE"]:
        return
    slug = community.slug
    # The A4 poster is what the QR code on the notice board opens (offers/routes.py).
    after_commit(f"render services {slug}", lambda: enqueue_render("services", slug, {"size": "A4"}))


@transactional
def approve(revision: OfferRevision, actor: User | None, seen: str | None = None) -> OfferRevision:
    """Publish a pending revision (or resume the paused offer it asks for).

    `seen` is the revision's version the reviewer saw; RevisionChanged when it differs.
    """
    _approve(revision, actor, seen)
    return revision


@transactional
def approve_many(community: Community, seen: dict[int, str | None],
                 actor: User | None) -> tuple[int, list[OfferRevision]]:
    """Publish the ticked pending revisions {id: version seen}; (how many, the changed ones)."""
    done, changed = 0, []
    for revision_id, version in seen.items():
        revision = revision_in(community, revision_id)
        if revision is None or revision.status != "pending":
            continue
        try:
            _approve(revision, actor, version)
            done += 1
        except RevisionChanged:
            changed.append(revision)
    return done, changed


@transactional
def return_revision(revision: OfferRevision, actor: User | None, comment: str) -> OfferRevision:
    """Send a pending revision back to the partner with the reason."""
    if revision.status != "pending":
        raise IllegalTransition("not pending")
    if not comment.strip():
        raise OfferError({"comment": "required"})
    revision.status, revision.comment = "returned", comment.strip()
    revision.reviewed_by, revision.reviewed_at = actor, utcnow()
    record_event(actor, "offer.returned", revision.offer, revision.offer.community,
                 revision=revision.id, comment=revision.comment)
    return revision


def history(offer: Offer) -> list[AuditEvent]:
    """Every recorded change of the offer, newest first (who, what, when)."""
    return db.session.scalars(
        select(AuditEvent).where(AuditEvent.target_type == "Offer", AuditEvent.target_id == offer.id)
        .options(selectinload(AuditEvent.actor)).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    ).all()


def revision_of(offer: Offer, revision_id) -> OfferRevision | None:
    """One of the offer's revisions by id."""
    return next((r for r in offer.revisions if r.id == revision_id), None)


def offer_in(community: Community, offer_id: int) -> Offer | None:
    """Any offer of this community (staff view), or None."""
    offer = db.session.get(Offer, offer_id)
    return offer if offer and offer.community_id == community.id else None

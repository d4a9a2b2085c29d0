"""Each community's data version: bumped in the same transaction as any change to its rows.

The page cache (pagecache.py) keys a community's cached pages, public and staff, by this
number, so a page is never served from memory after something it could show has
changed, on any host: every host reads the version from the shared database with the
community itself.

A row belongs to a community through its own `community_id`, or through the parent
named in PARENTS; an account belongs to each community it works in (names and roles
show on staff pages). Tables that no cached page shows are listed in NOT_SHOWN; a test
checks that every table is in one of these, so a new model cannot be forgotten.
"""
from itertools import chain

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import Session

from models import Community, User

# Class name -> the attribute path to an object that has community_id.
PARENTS = {
    "Building": "compound",
    "HouseholdTag": "household",
    "IssueEvent": "issue", "IssuePhoto": "issue", "MeToo": "issue", "Deliberation": "issue",
    "Quote": "issue", "CostShare": "household", "Payment": "share.household",
    "PartnerVisit": "partner", "OfferRevision": "offer",
    "TeamMember": "team", "Shift": "activity", "Signup": "shift.activity",
    "CourseSupport": "request", "Application": "call",
    "RoomBooking": "room",
    "SessionRating": "signup.shift.activity",
    "VisitQuestion": "campaign", "VisitAssignment": "campaign", "VisitAnswer": "visit",
    "VisitDate": "home_offer",
}
# Login sessions, invitations and bookkeeping: on no cached page. (RenderJob: a PDF's
# render state; the PDFs themselves are keyed by their own content, printing/cache.py.)
# ConsoleSeen: the start page's "last visit", written on each visit of that (uncached) page;
# bumping the version for it would empty every cached page of the community each time.
NOT_SHOWN = {"LoginSession", "Invite", "OutboxMessage", "VolunteerLink", "RenderJob",
             "ConsoleSeen",
             # Uploads and cached PDFs: the rows naming an upload (IssuePhoto …) raise the version.
             "StoredBlob"}

_TOUCHED = "touched_communities"


def communities_of(obj) -> set[int]:
    """The ids of the communities this row belongs to (none for rows no cached page shows)."""
    if isinstance(obj, Community):
        return {obj.id}
    if isinstance(obj, User):  # also the communities it has just left
        history = inspect(obj).attrs.communities.history
        return {c.id for c in chain(history.sum(), obj.communities) if c.id is not None}
    name = type(obj).__name__
    if name in NOT_SHOWN:
        return set()
    target = obj
    for attribute in PARENTS[name].split(".") if name in PARENTS else ():
        target = getattr(target, attribute, None)
        if target is None:
            return set()
    community_id = getattr(target, "community_id", None)
    return set() if community_id is None else {community_id}


def _changed(session: Session):
    # An account's communities and grids are collections; other rows' collections are
    # the children's own rows, which say themselves what they belong to.
    dirty = (o for o in session.dirty
             if session.is_modified(o, include_collections=isinstance(o, User)))
    return chain(session.new, session.deleted, dirty)


def _collect(session: Session, _context) -> None:
    """After each flush: remember the communities whose rows it wrote."""
    touched = session.info.setdefault(_TOUCHED, set())
    with session.no_autoflush:
        for obj in _changed(session):
            touched |= communities_of(obj)


def _bump(session: Session) -> None:
    """Before the commit: one UPDATE raises the version of every community written to."""
    session.flush()
    touched = session.info.pop(_TOUCHED, None)
    if touched:
        session.execute(update(Community).where(Community.id.in_(sorted(touched)))
                        .values(data_version=Community.data_version + 1)
                        .execution_options(synchronize_session=False))


def _forget(session: Session, *_args) -> None:
    session.info.pop(_TOUCHED, None)


def install() -> None:
    """Listen on every session (idempotent)."""
    if not event.contains(Session, "after_flush", _collect):
        event.listen(Session, "after_flush", _collect)
        event.listen(Session, "before_commit", _bump)
        event.listen(Session, "after_rollback", _forget)

"""The public checklist of live offers, and its printings (what changed since the last one)."""
import calendar
import hashlib
import json
from datetime import datetime
from typing import Iterable, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from blueprints.core import clock
from blueprints.core.paging import Page, paginate
from blueprints.core.transaction import transactional
from blueprints.offers import schedule
from extensions import db
from models import ChecklistPrint, Community, Offer, Partner, Person, User
from models.base import utcnow
from models.people import is_mobile, normalize_mobile


CHECKLIST_PAGE = 20  # offer cards per page of the public checklist (a phone screen or three)


def _live(community: Community, day, who: str | None) -> list:
    """SQL for schedule.valid_on and matches_who over the columns publishing fills."""
    # published_at, not published: a JSON null is not SQL NULL on every database.
    found = [Offer.community_id == community.id, Offer.paused.is_(False),
             Offer.published_at.is_not(None),
             or_(Offer.valid_from.is_(None), Offer.valid_from <= day),
             or_(Offer.valid_until.is_(None), Offer.valid_until >= day)]
    if who in schedule.WHO_FILTERS:
        found.append(Offer.who_mask.bitwise_and(schedule.who_bit(who)) != 0)
    return found


def _occurring(day) -> list:
    """SQL for schedule.occurs_on beyond validity: the weekday, the day of month, the dates."""
    last = calendar.monthrange(day.year, day.month)[1]
    # "Day 31 of each month" falls on the last day of shorter months.
    month_day = Offer.month_day >= day.day if day.day == last else Offer.month_day == day.day
    return [or_(Offer.weekday_mask.bitwise_and(schedule.weekday_bit(day)) != 0, month_day),
            or_(Offer.runs_from.is_(None), Offer.runs_from <= day),
            or_(Offer.runs_until.is_(None), Offer.runs_until >= day)]


def _filtered(community: Community, who: str | None, day, today_only: bool) -> list:
    return _live(community, day, who) + (_occurring(day) if today_only else [])


def live_offers(community: Community, who: str | None = None, on=None) -> list[Offer]:
    """Published, unpaused offers of the community, valid today (or `on`), for `who`: all of them.

    The printed poster and its print status need every one; web pages take a page.
    """
    return db.session.scalars(
        select(Offer).where(*_live(community, on or clock.today(), who))
        .options(selectinload(Offer.partner)).order_by(Offer.partner_id, Offer.id)
    ).all()


def available_on(community: Community, day, who: str | None = None,
                 limit: int | None = None) -> list[Offer]:
    """Live offers that residents can use on `day` (weekday and day-of-month rules), `limit` at most."""
    return db.session.scalars(
        select(Offer).where(*_filtered(community, who, day, True))
        .options(selectinload(Offer.partner)).order_by(Offer.partner_id, Offer.id).limit(limit)
    ).all()


def checklist_page(community: Community, day, number: int, who: str | None = None,
                   today_only: bool = False, group: str = "kind") -> tuple[Page[Offer], int]:
    """One page of the public checklist, ordered by its groups, and how many offers match."""
    where = _filtered(community, who, day, today_only)
    key = Partner.kind if group == "kind" else Partner.name
    query = (select(Offer).join(Offer.partner).where(*where)
             .options(contains_eager(Offer.partner)).order_by(key, Offer.partner_id, Offer.id))
    total = db.session.scalar(select(func.count()).select_from(Offer).where(*where))
    return paginate(query, number, CHECKLIST_PAGE), total


def live_offer(community: Community, offer_id: int) -> Offer | None:
    """One live offer of the community, or None."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.community_id != community.id or not offer.is_live:
        return None
    return offer


def personal_numbers(numbers: Iterable[str]) -> set[str]:
    """Those of `numbers` (normalized) that are a resident's or an account's own mobile."""
    wanted = {normalize_mobile(n) for n in numbers if n}
    wanted = {n for n in wanted if is_mobile(n)}  # a landline is never someone's own mobile
    if not wanted:
        return set()
    found = set(db.session.scalars(select(Person.mobile).where(Person.mobile.in_(wanted))))
    return found | set(db.session.scalars(select(User.mobile).where(User.mobile.in_(wanted))))


class Shown(NamedTuple):
    """An offer as residents may see it: plain words and the unit's service phone."""

    words: dict[str, str]
    phone: str


def shown(offers: list[Offer]) -> dict[int, Shown]:
    """{offer id: what public pages and the poster show}; a personal mobile is left out.

    Staff and partners are told not to type one; this holds when they do anyway, and
    when a number later becomes someone's account or sign-up number.
    """
    personal = personal_numbers([o.partner.phone for o in offers]
                                + [o.published.get("claim_phone") or "" for o in offers])
    views = {}
    for offer in offers:
        terms = dict(offer.published)
        if normalize_mobile(terms.get("claim_phone") or "") in personal:
            terms["claim_phone"] = ""
        phone = "" if normalize_mobile(offer.partner.phone) in personal else offer.partner.phone
        if terms.get("claim") == "phone_ahead" and terms.get("claim_phone"):
            phone = terms["claim_phone"]  # the number residents are told to call is the one dialled
        views[offer.id] = Shown(schedule.plain_words(terms), phone)
    return views


def grouped(offers: list[Offer], by: str = "kind",
            ordered: bool = False) -> list[tuple[str, list[Offer]]]:
    """Offers grouped by the partner's kind (or by partner), groups in a stable order.

    `ordered`: the offers already come in their groups' order (a page of checklist_page),
    which SQL chose, so that the groups run on from one page to the next.
    """
    groups: dict[str, list[Offer]] = {}
    for offer in offers:
        key = offer.partner.kind if by == "kind" else offer.partner.name
        groups.setdefault(key, []).append(offer)
    return list(groups.items()) if ordered else sorted(groups.items(), key=lambda item: item[0])


def checklist_snapshot(offers: list[Offer], views: dict[int, Shown] | None = None) -> dict[str, str]:
    """{offer id: one line of what is on the sheet}, to compare printings."""
    views = views if views is not None else shown(offers)
    snapshot = {}
    for offer in offers:
        words = views[offer.id].words
        snapshot[str(offer.id)] = " · ".join(
            [offer.partner.name] + [v for v in words.values() if v])
    return snapshot


def last_print(community: Community) -> ChecklistPrint | None:
    """The latest printing of the community's checklist."""
    return db.session.scalar(
        select(ChecklistPrint).where(ChecklistPrint.community_id == community.id)
        .order_by(ChecklistPrint.printed_at.desc(), ChecklistPrint.id.desc()).limit(1)
    )


def fingerprint(community: Community) -> str:
    """A hash of every row the printed checklist is made from, read without building it.

    Covers the live-or-paused-later offers' published terms, their partners' shown
    fields and which of their numbers are personal; the day (validity) is the caller's.
    """
    rows = db.session.execute(
        select(Offer.id, Offer.published, Offer.published_at, Partner.name, Partner.kind,
               Partner.address, Partner.phone)
        .join(Partner, Offer.partner_id == Partner.id)
        .where(Offer.community_id == community.id, Offer.paused.is_(False),
               Offer.published.is_not(None))
        .order_by(Offer.id)
    ).all()
    numbers = [r.phone for r in rows] + [(r.published or {}).get("claim_phone") or "" for r in rows]
    data = [community.name, community.hall_phone, sorted(personal_numbers(numbers)),
            [list(row) for row in rows]]
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def snapshot_key(snapshot: dict[str, str]) -> str:
    """A fingerprint of what is on the sheet."""
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@transactional
def record_print(community: Community, actor: User | None,
                 snapshot: dict[str, str]) -> ChecklistPrint:
    """Note that the checklist was printed; the same sheet again only moves the date."""
    key = snapshot_key(snapshot)
    last = last_print(community)
    if last is not None and last.content_key == key:
        last.printed_at, last.printed_by = utcnow(), actor
    else:
        last = ChecklistPrint(community_id=community.id, printed_by=actor, content_key=key,
                              offers=snapshot)
        db.session.add(last)
    return last


def print_changes(community: Community) -> dict:
    """What changed on the checklist since it was last printed."""
    last = last_print(community)
    now = checklist_snapshot(live_offers(community))
    before = last.offers if last else {}
    return {
        "last": last,
        "added": [now[k] for k in now if k not in before],
        "removed": [before[k] for k in before if k not in now],
        "changed": [(before[k], now[k]) for k in now if k in before and before[k] != now[k]],
    }


PRINTS_LOOKED_AT = 50  # older printings no longer tell a partner anything useful


def _recent_prints(community_id: int):
    return db.session.scalars(
        select(ChecklistPrint).where(ChecklistPrint.community_id == community_id)
        .order_by(ChecklistPrint.printed_at.desc(), ChecklistPrint.id.desc()).limit(PRINTS_LOOKED_AT)
    )


def last_printed_map(community_id: int, offer_ids) -> dict[int, datetime]:
    """{offer id: when it last appeared on a printed checklist}, from one query."""
    wanted, found = set(offer_ids), {}
    for printing in _recent_prints(community_id):
        for offer_id in wanted.difference(found):
            if str(offer_id) in printing.offers:
                found[offer_id] = printing.printed_at
        if len(found) == len(wanted):
            break
    return found


def last_printed_on(offer: Offer) -> datetime | None:
    """When the offer last appeared on a printed checklist."""
    return last_printed_map(offer.community_id, [offer.id]).get(offer.id)
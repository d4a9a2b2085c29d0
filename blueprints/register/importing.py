"""Importing households from a spreadsheet: a preview first, written only when staff confirm.

The rows read from the file (sheets.py) are kept in the shared store under a token, so
the preview and the confirmation may be served by different hosts. Each row is judged
against the register as it stands: new, changed, unchanged, or refused with the reason.
Confirming judges again and writes every new and changed row in one transaction, or
nothing when any row is refused. An import adds and updates; it never removes a member
or a tag (that is done on the household page, where it is recorded one by one), so
importing the same file twice changes nothing the second time.
"""
import json
import re
import secrets
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from blueprints.core import clock
from blueprints.core.audit import record_event
from blueprints.core.transaction import transactional
from blueprints.register.labels import METHOD_LABELS, STATUS_LABELS, TAG_LABELS
from blueprints.register.services import FLOORS, address_of
from blueprints.register.sheets import read_rows
from extensions import db
from models import Community, Compound, Household, HouseholdTag, Person, User
from models.people import is_mobile, normalize_mobile
from storage import get_storage

KINDS = {"new": _l("新增"), "changed": _l("有变化"), "unchanged": _l("无变化"),
         "refused": _l("不能导入")}
SHORT_METHODS = {"纸质": "paper", "当面": "in_person", "电话": "phone"}
SPLIT_LIST = re.compile(r"[、,，;；/\n]+")
SPLIT_MEMBERS = re.compile(r"[;；\n]+")
PREVIEW_PREFIX = "imports/register/"  # where the rows of previews wait in the shared store


class ImportRefused(Exception):
    """The import cannot be written (rows refused, or the preview is gone)."""


@dataclass
class Row:
    """One line of the file as judged: what it is, why refused, and the values to write."""

    line: int
    place: str
    kind: str = "new"
    reason: str = ""
    values: dict = field(default_factory=dict)
    household: Household | None = None


def _key(community: Community, user: User, token: str) -> str:
    return f"{PREVIEW_PREFIX}{community.id}/{user.id}/{token}.json"


def store_upload(community: Community, user: User, data: bytes, file_name: str) -> str:
    """Read the file (SheetError when unusable) and keep its rows; the preview's token."""
    rows = read_rows(data, file_name)
    token = secrets.token_urlsafe(16)
    payload = json.dumps({"file_name": file_name[:120], "rows": rows}, ensure_ascii=False)
    get_storage().put(_key(community, user, token), payload.encode(), "application/json")
    return token


def stored_rows(community: Community, user: User, token: str) -> tuple[str, list[dict]] | None:
    """The file name and rows kept for this token (only for the account that uploaded)."""
    if not re.fullmatch(r"[A-Za-z0-9_\-]{10,40}", token or ""):
        return None
    blob = get_storage().get(_key(community, user, token))
    if blob is None:
        return None
    payload = json.loads(blob.data)
    return payload["file_name"], payload["rows"]


def preview(community: Community, rows: list[dict]) -> list[Row]:
    """Each row judged against the register: new / changed / unchanged / refused (reason)."""
    world = _World(community)
    seen_doors: dict[tuple, int] = {}
    seen_mobiles: dict[str, int] = {}
    return [_judge(world, raw, seen_doors, seen_mobiles) for raw in rows]


def counts(judged: list[Row]) -> dict[str, int]:
    """How many rows of each kind."""
    return {kind: sum(1 for row in judged if row.kind == kind) for kind in KINDS}


class _World:
    """The community's compounds, households and residents, read once for a whole file."""

    def __init__(self, community: Community):
        self.community = community
        self.compounds = {c.name: c for c in db.session.scalars(
            select(Compound).where(Compound.community_id == community.id)
            .options(selectinload(Compound.buildings)))}
        self.doors = {}
        for household in db.session.scalars(
                select(Household).where(Household.community_id == community.id)
                .options(selectinload(Household.members), selectinload(Household.tags))):
            self.doors[(household.compound_id, household.building_id, household.unit,
                        household.room)] = household
        self.people = {p.mobile: p for p in db.session.scalars(
            select(Person).where(Person.community_id == community.id))}


def _refuse(row: Row, reason) -> Row:
    row.kind, row.reason = "refused", str(reason)
    return row


def _judge(world: _World, raw: dict, seen_doors: dict, seen_mobiles: dict) -> Row:
    """One row: parsed, placed, checked for duplicates, compared with the register."""
    get = lambda column: (raw.get(column) or "").strip()  # noqa: E731
    row = Row(line=raw.get("line", 0), place=" ".join(
        v for v in (get("小区"), get("楼栋"), get("单元") and f"{get('单元')}单元", get("房号")) if v))
    compound = world.compounds.get(get("小区"))
    if compound is None:
        return _refuse(row, _l("未知小区：%(name)s", name=get("小区") or "—"))
    building = None
    if get("楼栋"):
        building = next((b for b in compound.buildings if b.name == get("楼栋")), None)
        if building is None:
            return _refuse(row, _l("未知楼栋：%(name)s", name=get("楼栋")))
    if not get("房号") or len(get("房号")) > 20 or len(get("单元")) > 10:
        return _refuse(row, _l("房号必填（20字以内），单元10字以内"))
    try:
        values = _values(raw, get)
    except ValueError as error:
        return _refuse(row, error.args[0])
    door = (compound.id, building.id if building else None, get("单元"), get("房号"))
    if door in seen_doors:
        return _refuse(row, _l("地址重复：与第 %(line)s 行相同", line=seen_doors[door]))
    seen_doors[door] = row.line
    household = world.doors.get(door)
    for _name, mobile in values["members"]:
        if mobile in seen_mobiles:
            return _refuse(row, _l("号码 %(m)s 在第 %(line)s 行已出现", m=mobile,
                                   line=seen_mobiles[mobile]))
        seen_mobiles[mobile] = row.line
        person = world.people.get(mobile)
        if person is not None and person.household_id not in (None, household and household.id):
            return _refuse(row, _l("号码 %(m)s 已登记在另一户", m=mobile))
    values.update(compound_id=compound.id, building=building, unit=get("单元"), room=get("房号"))
    row.values, row.household = values, household
    row.kind = "new" if household is None else (
        "changed" if _differs(household, values) else "unchanged")
    return row


def _lookup(text: str, labels: dict, extra: dict | None = None) -> str | None:
    """The code for a label or a code ("空置" or "vacant" → "vacant")."""
    by_label = {str(label): code for code, label in labels.items()} | (extra or {})
    return text if text in labels else by_label.get(text)


def _number(text: str, allowed: range, message) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"-?\d{1,3}", text) or int(text) not in allowed:
        raise ValueError(str(message))
    return int(text)


def _values(raw: dict, get) -> dict:
    """The row's floor, size, status, members and tags; ValueError naming what is wrong."""
    status = _lookup(get("居住状态"), STATUS_LABELS) if get("居住状态") else None
    if get("居住状态") and status is None:
        raise ValueError(str(_l("居住状态应为 在住、空置 或 已搬离")))
    tags = [_lookup(t.strip(), TAG_LABELS) for t in SPLIT_LIST.split(get("标签")) if t.strip()]
    if None in tags:
        raise ValueError(str(_l("标签应为 80岁以上、残疾、独居 或 低收入")))
    method = _lookup(get("同意方式"), METHOD_LABELS, SHORT_METHODS) if get("同意方式") else None
    if tags and (not get("同意人") or method is None):
        raise ValueError(str(_l("有标签但没有同意记录：请填写同意人和同意方式")))
    return {"floor": _number(get("楼层"), FLOORS, _l("楼层应为 -5 到 99 之间的整数")),
            "size": _number(get("人数"), range(0, 31), _l("人数应为 0 到 30 之间的整数")),
            "status": status, "members": _members(get("成员")), "tags": sorted(set(tags)),
            "consent_by": get("同意人")[:80], "method": method, "note": get("同意说明")[:500]}


def _members(text: str) -> list[tuple[str, str]]:
    """"张三 13912345678；李四 139…" → [(name, number)]; ValueError on a malformed number."""
    members = []
    for part in SPLIT_MEMBERS.split(text):
        part = part.strip()
        if not part:
            continue
        found = re.match(r"^(.*?)[\s:：,，]*([+\d][\d\s\-]{6,}\d)$", part)
        name, number = (found.group(1).strip(), found.group(2)) if found else (part, "")
        if not is_mobile(number):
            raise ValueError(str(_l("成员“%(part)s”的手机号格式不对", part=part[:40])))
        if not name or len(name) > 40:
            raise ValueError(str(_l("成员“%(part)s”缺少姓名", part=part[:40])))
        members.append((name, normalize_mobile(number)))
    return members


def _differs(household: Household, values: dict) -> bool:
    """Would writing the row change the household? (empty cells change nothing)"""
    given = {k: values[k] for k in ("floor", "size", "status") if values[k] is not None}
    if any(getattr(household, k) != v for k, v in given.items()):
        return True
    known = {p.mobile: p.name for p in household.members}
    if any(known.get(mobile) != name for name, mobile in values["members"]):
        return True
    return bool(set(values["tags"]) - household.tag_names)


@transactional
def confirm(user: User, community: Community, rows: list[dict]) -> dict[str, int]:
    """Write every new and changed row, all or nothing; the counts of each kind."""
    judged = preview(community, rows)
    found = counts(judged)
    if found["refused"]:
        raise ImportRefused(str(_l("有 %(n)s 行不能导入，请改好文件后重新上传", n=found["refused"])))
    people = {p.mobile: p for p in db.session.scalars(
        select(Person).where(Person.community_id == community.id))}
    for row in judged:
        if row.kind in ("new", "changed"):
            _write(user, community, row, people)
    record_event(user, "register.imported", None, community,
                 households=found["new"] + found["changed"], **found)
    return found


def _write(user: User, community: Community, row: Row, people: dict) -> None:
    """Create or update one household, its members and its consented tags."""
    values = row.values
    household = row.household or Household(
        community=community, compound_id=values["compound_id"], building=values["building"],
        unit=values["unit"], room=values["room"],
        address=address_of(values["building"], values["unit"], values["room"]),
        size=1, status="occupied")
    for name in ("floor", "size", "status"):
        if values[name] is not None:
            setattr(household, name, values[name])
    db.session.add(household)
    for name, mobile in values["members"]:
        person = people.get(mobile) or Person(community=community, mobile=mobile)
        person.name, person.household = name, household
        people[mobile] = person
        db.session.add(person)
    live = household.tag_names
    for tag in values["tags"]:
        if tag in live:
            continue
        existing = next((t for t in household.tags if t.tag == tag), None)
        existing = existing or HouseholdTag(tag=tag)
        existing.consent_by, existing.consent_method = values["consent_by"], values["method"]
        existing.consent_note, existing.recorded_by_id = values["note"], user.id
        existing.withdrawn_at, existing.consent_at = None, clock.now()
        if existing not in household.tags:
            household.tags.append(existing)
    db.session.flush()


@transactional
def forget(community: Community, user: User, token: str) -> None:
    """Drop a stored preview once it has been written."""
    get_storage().delete(_key(community, user, token))

"""A city-sized data set for `make bench` (DESIGN §10): deterministic and bulk-inserted.

`seed(communities=100)` adds the communities city-001 … city-100, each of one shape
(`Shape`: 500 households, 50 offers, 200 activities with ~2,000 sign-ups, 200 issues with
~1,100 timeline lines …), and one community `city-big` holding `big_factor` times a normal
one's rows, with one admin for all of them. Every model of the app gets rows.

Rows go in with one multi-row INSERT … RETURNING per table and community (`add` below),
never through the unit of work or the services: the services would take hours for a city.
The domains' rows are made in demo/city_offers.py, city_volunteers.py, city_issues.py,
city_classes.py and city_rooms.py.

Deterministic: each community draws from its own generator seeded with (seed, slug), and
every moment is counted from `today` (Shanghai), so the same seed and day give the same
rows in the same order — with the same ids on an empty database.
"""
import hashlib
import random
import time as timer
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, insert, select

from blueprints.core import clock
from demo.names import NameMaker
from extensions import db
from models import (
    AuditEvent,
    Building,
    Community,
    Compound,
    ConsoleSeen,
    Grid,
    Household,
    HouseholdTag,
    Invite,
    LoginSession,
    Person,
    User,
)
from models.community import grid_buildings, grid_compounds, grid_workers
from models.people import CONSENT_METHODS, HOUSEHOLD_TAGS
from models.user import user_communities

CITY_PASSWORD = "doorstep-city"
BIG_SLUG = "city-big"
ADMIN = "city-admin"
PLACE_WORDS = ("东风", "新华", "建设", "和平", "胜利", "光明", "幸福", "朝阳", "长征", "友谊",
               "团结", "前进", "红星", "育才", "文化", "解放", "人民", "民主", "工农", "兴华")
COMPOUND_SUFFIXES = ("小区", "家园", "花园", "宿舍", "新村", "公寓", "里", "苑")
DISTRICTS = ("新华区", "运河区", "沧州高新区", "经济开发区")


@dataclass(frozen=True)
class Shape:
    """How many rows one community gets; `times` grows it for the big community."""

    compounds: int = 10
    buildings: int = 5    # per compound
    households: int = 10  # per building
    partners: int = 40
    offers: int = 50
    teams: int = 6
    activities: int = 200
    duty_shifts: int = 12  # the hall's daily duty: one activity, a shift or two a day ahead
    issues: int = 200
    box_weeks: int = 12   # weekly openings of every compound's box
    room_bookings: int = 240  # over the four rooms, a month back to a month ahead

    def times(self, factor: float) -> "Shape":
        """Every count that grows with a community multiplied by `factor` (at least 1)."""
        def grow(n: int) -> int:
            return max(1, round(n * factor))
        return replace(self, compounds=grow(self.compounds), partners=grow(self.partners),
                       offers=grow(self.offers), teams=grow(self.teams),
                       activities=grow(self.activities), issues=grow(self.issues),
                       duty_shifts=grow(self.duty_shifts),
                       room_bookings=grow(self.room_bookings))


@dataclass
class Town:
    """One community being built: its generators, the anchor time and the ids made so far."""

    id: int
    slug: str
    name: str
    shape: Shape
    today: date
    rng: random.Random
    names: NameMaker
    seed: int
    compounds: list[int] = field(default_factory=list)
    buildings: dict[int, list[int]] = field(default_factory=dict)      # compound → buildings
    households: dict[int, list[int]] = field(default_factory=dict)     # compound → households
    people: list[int] = field(default_factory=list)
    person_names: dict[int, str] = field(default_factory=dict)
    mobiles: dict[int, str] = field(default_factory=dict)
    staff: list[int] = field(default_factory=list)
    grid_worker: dict[int, int] = field(default_factory=dict)          # compound → grid worker
    partners: list[int] = field(default_factory=list)
    audit: list[dict] = field(default_factory=list)

    @property
    def noon(self) -> datetime:
        """The anchor moment: every row is dated before (past) or after (plans) it."""
        return clock.at(self.today, time(12))

    def ago(self, days: float = 0, hours: float = 0) -> datetime:
        return self.noon - timedelta(days=days, hours=hours)

    def log(self, actor: int | None, action: str, target: str, target_id: int | None,
            at: datetime, **detail) -> None:
        """An audit event, inserted with the others at the end (oldest first)."""
        self.audit.append({"community_id": self.id, "actor_id": actor, "action": action,
                           "target_type": target, "target_id": target_id, "detail": detail,
                           "at": at})


def add(model, rows: list[dict]) -> list[int]:
    """Insert rows in bulk and return their new ids, in the order of `rows`."""
    if not rows:
        return []
    # Core, not ORM, bulk insert: the ORM splits rows with None values into many statements.
    table = model.__table__
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))


def add_plain(table, rows: list[dict]) -> None:
    """Insert rows in bulk into a table whose ids nobody needs back (or that has none)."""
    if rows:
        db.session.execute(insert(table), rows)


def token_hash(*parts) -> str:
    """The sha256 of a token nobody holds: deterministic, unlike secrets.token_urlsafe."""
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()


def password_hash(seed: int) -> str:
    """A werkzeug pbkdf2 hash of CITY_PASSWORD with a salt from the seed (the same every run)."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "")
    method = method if method.startswith("pbkdf2:") else "pbkdf2:sha256:600000"
    _name, digest, rounds = method.split(":")
    salt = hashlib.sha256(f"city-{seed}".encode()).hexdigest()[:16]
    hashed = hashlib.pbkdf2_hmac(digest, CITY_PASSWORD.encode(), salt.encode(), int(rounds))
    return f"{method}${salt}${hashed.hex()}"


# ---- one community's places, people and accounts -------------------------------------

def _compound_name(index: int) -> str:
    word, suffix = PLACE_WORDS[index % 20], COMPOUND_SUFFIXES[index // 20 % 8]
    return f"{word}{suffix}" + (str(index // 160 + 1) if index >= 160 else "")


def seed_places(town: Town) -> None:
    """Compounds, buildings, and grids of about four compounds each."""
    rng, shape = town.rng, town.shape
    town.compounds = add(Compound, [
        {"community_id": town.id, "name": _compound_name(i), "position": i,
         "has_property_manager": rng.random() < 0.4} for i in range(shape.compounds)])
    for compound in town.compounds:
        town.buildings[compound] = add(Building, [
            {"compound_id": compound, "name": f"{n}号楼"} for n in range(1, shape.buildings + 1)])
    blocks = [town.compounds[i:i + 4] for i in range(0, len(town.compounds), 4)]
    grids = add(Grid, [{"community_id": town.id, "name": f"第{n}网格"}
                       for n in range(1, len(blocks) + 1)])
    add_plain(grid_compounds, [{"grid_id": g, "compound_id": c}
                               for g, block in zip(grids, blocks) for c in block])
    # The last grid also names single buildings: grids may be drawn by building.
    add_plain(grid_buildings, [{"grid_id": grids[-1], "building_id": b}
                               for b in town.buildings[blocks[-1][0]][:2]])
    workers = add_users(town, [(f"{town.slug}-grid{n}", f"网格员{n}", "grid_worker", None)
                               for n in range(1, len(grids) + 1)])
    add_plain(grid_workers, [{"grid_id": g, "user_id": u} for g, u in zip(grids, workers)])
    town.grid_worker = {c: u for u, block in zip(workers, blocks) for c in block}


def add_users(town: Town, specs: list[tuple[str, str, str, int | None]],
              hashed: str | None = "") -> list[int]:
    """Accounts of this community: (username, display name, role, partner id)."""
    first = db.session.scalar(select(func.count(User.id))) or 0
    hashed = _HASH.get(town.seed) if hashed == "" else hashed
    ids = add(User, [{"username": username, "display_name": f"{town.name}{label}"[:40],
                      "role": role, "partner_id": partner, "password_hash": hashed,
                      "mobile": f"166{first + n:08d}", "active": True,
                      "created_at": town.ago(days=400), "last_login_at": None}
                     for n, (username, label, role, partner) in enumerate(specs)])
    add_plain(user_communities, [{"user_id": u, "community_id": town.id} for u in ids])
    return ids


_HASH: dict[int, str] = {}  # seed → the one password hash every city account shares


def seed_staff(town: Town) -> None:
    """Two staff accounts, an invited one, and each staff account's ended login session."""
    town.staff = add_users(town, [(f"{town.slug}-staff", "工作人员", "staff", None),
                                  (f"{town.slug}-staff2", "工作人员二", "staff", None)])
    invited = add_users(town, [(f"{town.slug}-invited", "新同事", "staff", None)], hashed=None)
    add(Invite, [{"token_hash": token_hash(town.seed, town.slug, "invite"), "user_id": invited[0],
                  "community_id": town.id, "created_by_id": town.staff[0],
                  "created_at": town.ago(days=1), "expires_at": town.ago(days=-6),
                  "used_at": None}])
    add(LoginSession, [{"user_id": user, "token_hash": token_hash(town.seed, town.slug, "login", user),
                        "remember": False, "created_at": town.ago(days=3),
                        "last_seen_at": town.ago(days=3), "expires_at": town.ago(days=2.5),
                        "user_agent": "seed-city"} for user in town.staff])
    add(ConsoleSeen, [{"user_id": user, "community_id": town.id, "seen_at": town.ago(days=2)}
                      for user in town.staff])  # the start page's "new since your last visit"
    for user in town.staff + invited:
        town.log(town.staff[0], "user.created", "User", user, town.ago(days=400))
    town.log(town.staff[0], "invite.created", "User", invited[0], town.ago(days=1))


def seed_households(town: Town) -> None:
    """Households of one or two residents each; one in eight has a consented tag."""
    rng, names = town.rng, town.names
    rows, tags = [], []
    for compound in town.compounds:
        for number, building in enumerate(town.buildings[compound], start=1):
            for index in range(town.shape.households):
                unit, floor = index // 4 + 1, index % 4 + 1
                room = f"{floor}0{index % 2 + 1}"
                rows.append({"community_id": town.id, "compound_id": compound,
                             "building_id": building, "size": rng.choice((1, 2, 2, 3, 3, 4, 5)),
                             "address": f"{number}号楼{unit}单元{room}", "unit": str(unit),
                             "floor": floor, "room": room,
                             # one flat in sixteen stands empty, one in forty-eight was left
                             "status": ("moved_out" if len(rows) % 48 == 47 else
                                        "vacant" if len(rows) % 16 == 15 else "occupied")})
    ids = add(Household, rows)
    people = []
    for household, row in zip(ids, rows):
        town.households.setdefault(row["compound_id"], []).append(household)
        for _ in range(rng.choice((1, 2))):
            people.append({"community_id": town.id, "household_id": household, "name": names.name(),
                           "mobile": names.mobile(), "created_at": town.ago(days=rng.uniform(30, 700))})
        if rng.random() < 0.125:
            tags.append({"household_id": household, "tag": rng.choice(HOUSEHOLD_TAGS),
                         "consent_at": town.ago(days=rng.uniform(1, 300)), "consent_by": "户主本人",
                         "recorded_by_id": town.staff[0], "consent_note": "入户走访时登记，居民同意",
                         "consent_method": CONSENT_METHODS[len(tags) % len(CONSENT_METHODS)]})
    town.people = add(Person, people)
    town.person_names = {p: row["name"] for p, row in zip(town.people, people)}
    town.mobiles = {p: row["mobile"] for p, row in zip(town.people, people)}
    add(HouseholdTag, tags)


def seed_community(index: int, slug: str, shape: Shape, seed: int, today: date,
                   admin: int) -> None:
    """One community with everything in it, committed."""
    from demo import (city_classes, city_homeservice, city_issues, city_offers, city_open311,
                      city_rooms, city_visits, city_volunteers)

    rng = random.Random(f"{seed}:{slug}")
    name = "城市大社区" if slug == BIG_SLUG else f"{PLACE_WORDS[index % 20]}第{index}社区"
    community = add(Community, [{"slug": slug, "name": name, "district": rng.choice(DISTRICTS),
                                 "hall_address": f"{name}党群服务中心", "hall_phone": f"0317-{5500000 + index}",
                                 "population": shape.compounds * shape.buildings * shape.households * 3}])
    town = Town(id=community[0], slug=slug, name=name, shape=shape, today=today, rng=rng,
                names=NameMaker(f"city:{seed}:{slug}"), seed=seed)
    add_plain(user_communities, [{"user_id": admin, "community_id": town.id}])
    seed_staff(town)
    seed_places(town)
    seed_households(town)
    city_offers.seed(town)
    city_volunteers.seed(town)
    city_issues.seed(town)
    city_classes.seed(town)
    city_rooms.seed(town)
    city_visits.seed(town)
    city_homeservice.seed(town)
    city_open311.seed(town)
    town.audit.sort(key=lambda row: row["at"])
    add(AuditEvent, town.audit)
    db.session.commit()


def _admin(seed: int, today: date) -> int:
    """The one admin account of every city community."""
    found = db.session.scalar(select(User.id).where(User.username == ADMIN))
    if found is not None:
        return found
    return add(User, [{"username": ADMIN, "display_name": "市级管理员", "role": "admin",
                       "mobile": "16600000000", "password_hash": _HASH[seed], "active": True,
                       "created_at": clock.at(today, time(12)) - timedelta(days=400),
                       "last_login_at": None, "partner_id": None}])[0]


def seed(communities: int = 100, seed: int = 1, big_factor: float = 10, scale: float = 1.0,
         today: date | None = None, echo=None) -> dict:
    """Add the city's communities (those already there are skipped); returns rows per table."""
    today = today or clock.today()
    _HASH.setdefault(seed, password_hash(seed))
    base = Shape().times(scale)
    slugs = [(n, f"city-{n:03d}", base) for n in range(1, communities + 1)]
    slugs.append((communities + 1, BIG_SLUG, base.times(big_factor)))
    existing = set(db.session.scalars(select(Community.slug)))
    admin = _admin(seed, today)
    started = timer.perf_counter()
    for index, slug, shape in slugs:
        if slug in existing:
            continue
        seed_community(index, slug, shape, seed, today, admin)
        if echo and (index % 10 == 0 or slug == BIG_SLUG):
            echo(f"  {slug} done ({timer.perf_counter() - started:.0f} s)")
    db.session.commit()
    return table_counts()


def table_counts() -> dict[str, int]:
    """Rows in every table of the app, by table name."""
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}

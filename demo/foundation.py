"""Communities, compounds, grids, households and one account per role."""
from datetime import timedelta

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from demo.names import NameMaker
from extensions import db
from models import (
    Building,
    Community,
    Compound,
    ConsoleSeen,
    Grid,
    Household,
    HouseholdTag,
    Person,
    User,
)
from models.base import utcnow
from models.people import CONSENT_METHODS

DEMO_PASSWORD = "doorstep-demo"

COMMUNITIES = [
    {
        "slug": "liujin", "name": "流津社区", "district": "沧州高新区",
        "hall_address": "流津社区党群服务中心（二楼办事大厅）", "hall_phone": "0317-5550101",
        "population": 4200,
        # name, has a property manager, buildings
        "compounds": [("明珠公寓", True, 6), ("颐和新园", True, 8), ("金桥家园", True, 4)],
        "grids": {"第一网格": ["明珠公寓"], "第二网格": ["颐和新园", "金桥家园"]},
    },
    {
        "slug": "xingyuan", "name": "兴元社区", "district": "新华区",
        "hall_address": "兴元社区党群服务中心“邻聚力”会客厅", "hall_phone": "0317-5550202",
        "population": 6000,
        "compounds": [
            ("水产宿舍", False, 3), ("外贸小区", False, 4), ("粮食局宿舍", False, 2),
            ("供电小区", False, 3), ("建设里", False, 4), ("棉纺宿舍", False, 5),
            ("税务宿舍", False, 2), ("交通局宿舍", False, 2), ("邮电宿舍", False, 2),
            ("化肥厂宿舍", False, 3), ("兴元里", False, 4), ("百货宿舍", False, 2),
            ("卫生局宿舍", False, 2), ("兴元花园", True, 8), ("锦绣家园", True, 6),
        ],
        "grids": {
            "第一网格": ["水产宿舍", "外贸小区", "粮食局宿舍", "供电小区"],
            "第二网格": ["建设里", "棉纺宿舍", "税务宿舍", "交通局宿舍"],
            "第三网格": ["邮电宿舍", "化肥厂宿舍", "兴元里", "百货宿舍", "卫生局宿舍"],
            "第四网格": ["兴元花园", "锦绣家园"],
        },
    },
]

# username, display name, role, community slugs, mobile, grid (for grid workers)
ACCOUNTS = [
    ("admin", "区级管理员", "admin", ["liujin", "xingyuan"], "13800000001", None),
    ("liujin-staff", "流津社区工作人员", "staff", ["liujin"], "13800000002", None),
    ("liujin-grid", "流津网格员", "grid_worker", ["liujin"], "13800000003", "第二网格"),
    ("liujin-partner", "温州饭吧店长", "partner", ["liujin"], "13800000004", None),
    # 微发馆's shop (demo/homeservice.py attaches the unit): opens the home-visit roster.
    ("liujin-barber", "微发馆店长", "partner", ["liujin"], "13800000011", None),
    ("xingyuan-staff", "兴元社区工作人员", "staff", ["xingyuan"], "13800000005", None),
    ("xingyuan-grid", "兴元网格员", "grid_worker", ["xingyuan"], "13800000006", "第一网格"),
    # Every grid has its grid worker (the register and the door-knocking rounds need one).
    ("liujin-grid1", "流津第一网格员", "grid_worker", ["liujin"], "13800000007", "第一网格"),
    ("xingyuan-grid2", "兴元第二网格员", "grid_worker", ["xingyuan"], "13800000008", "第二网格"),
    ("xingyuan-grid3", "兴元第三网格员", "grid_worker", ["xingyuan"], "13800000009", "第三网格"),
    ("xingyuan-grid4", "兴元第四网格员", "grid_worker", ["xingyuan"], "13800000010", "第四网格"),
]

HOUSEHOLDS_PER_BUILDING = 8


def _get_or_create(model, defaults: dict | None = None, **keys):
    """The row matching `keys`, created with `defaults` when missing."""
    row = db.session.scalar(select(model).filter_by(**keys))
    if row is None:
        row = model(**keys, **(defaults or {}))
        db.session.add(row)
        db.session.flush()
    return row


def seed_places(spec: dict) -> Community:
    """A community with its compounds, buildings and grids."""
    fields = {k: spec[k] for k in ("name", "district", "hall_address", "hall_phone", "population")}
    community = _get_or_create(Community, fields, slug=spec["slug"])
    for position, (name, managed, buildings) in enumerate(spec["compounds"]):
        compound = _get_or_create(
            Compound, {"has_property_manager": managed, "position": position},
            community_id=community.id, name=name,
        )
        for number in range(1, buildings + 1):
            _get_or_create(Building, compound_id=compound.id, name=f"{number}号楼")
    by_name = {c.name: c for c in community.compounds}
    for grid_name, compound_names in spec["grids"].items():
        grid = _get_or_create(Grid, community_id=community.id, name=grid_name)
        grid.compounds = [by_name[n] for n in compound_names]
    return community


def seed_households(community: Community) -> int:
    """Households with one or two invented residents each; skipped if any exist."""
    exists = db.session.scalar(
        select(func.count(Household.id)).where(Household.community_id == community.id)
    )
    if exists:
        return 0
    names = NameMaker(community.slug)
    count = 0
    for compound in community.compounds:
        for building in compound.buildings:
            for index in range(HOUSEHOLDS_PER_BUILDING):
                unit, floor = index // 4 + 1, index % 4 + 1
                room = f"{floor}0{index % 2 + 1}"
                household = Household(
                    community=community, compound=compound, building=building,
                    address=f"{building.name}{unit}单元{room}", unit=str(unit), floor=floor,
                    room=room,
                    size=names.rng.choice((1, 2, 2, 3, 3, 4, 5)),
                    # Now and then a flat stands empty (its owner still on the register) or
                    # its people have moved away.
                    status=("moved_out" if count % 37 == 36 else
                            "vacant" if count % 13 == 12 else "occupied"),
                )
                db.session.add(household)
                for _ in range(names.rng.choice((1, 1, 2))):
                    db.session.add(Person(community=community, household=household,
                                          name=names.name(), mobile=names.mobile()))
                _maybe_tag(household, names, CONSENT_METHODS[count % len(CONSENT_METHODS)])
                count += 1
    db.session.flush()
    return count


def _maybe_tag(household: Household, names: NameMaker, method: str) -> None:
    """About one household in eight has a consented sensitive tag (given on paper, in person
    or by phone, in turn)."""
    if names.rng.random() < 0.125:
        tag = names.rng.choice(("over_80", "over_80", "disabled", "living_alone"))
        household.tags.append(HouseholdTag(
            tag=tag, consent_by="户主本人", consent_method=method,
            consent_note="入户走访时登记，居民同意（演示数据）",
        ))


def seed_accounts(communities: dict[str, Community]) -> list[tuple[str, str, str]]:
    """One demo account per role; returns (username, role, community names)."""
    password_hash = generate_password_hash(DEMO_PASSWORD)
    rows = []
    for username, name, role, slugs, mobile, grid_name in ACCOUNTS:
        user = db.session.scalar(select(User).where(User.username == username))
        if user is None:
            user = User(username=username, display_name=name, role=role, mobile=mobile,
                        password_hash=password_hash)
            user.communities = [communities[s] for s in slugs]
            db.session.add(user)
        if grid_name:
            grid = db.session.scalar(select(Grid).where(
                Grid.community_id == communities[slugs[0]].id, Grid.name == grid_name))
            if user not in grid.workers:
                grid.workers.append(user)
        rows.append((username, role, "、".join(communities[s].name for s in slugs)))
        if role in ("staff", "grid_worker"):  # last opened the console on Friday, say
            db.session.flush()
            for slug in slugs:
                _get_or_create(ConsoleSeen, {"seen_at": utcnow() - timedelta(days=3)},
                               user_id=user.id, community_id=communities[slug].id)
    return rows


def seed() -> dict:
    """Everything the foundation needs; safe to run again."""
    communities = {spec["slug"]: seed_places(spec) for spec in COMMUNITIES}
    households = sum(seed_households(c) for c in communities.values())
    accounts = seed_accounts(communities)
    db.session.commit()
    return {"communities": communities, "households": households, "accounts": accounts}

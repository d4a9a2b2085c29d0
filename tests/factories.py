"""make_<thing>(**overrides): small builders of test data."""
from itertools import count

from werkzeug.security import generate_password_hash

from extensions import db
from models import Building, Community, Compound, Grid, Household, Person, User

PASSWORD = "correct horse"
_seq = count(1)


def make_community(**overrides) -> Community:
    n = next(_seq)
    values = {"slug": f"c{n}", "name": f"测试社区{n}", "district": "测试区"}
    values.update(overrides)
    community = Community(**values)
    db.session.add(community)
    db.session.commit()
    return community


def make_compound(community: Community, **overrides) -> Compound:
    values = {"name": f"小区{next(_seq)}", "has_property_manager": False}
    values.update(overrides)
    compound = Compound(community=community, **values)
    db.session.add(compound)
    db.session.commit()
    return compound


def make_building(compound: Compound, **overrides) -> Building:
    building = Building(compound=compound, name=overrides.pop("name", f"{next(_seq)}号楼"))
    db.session.add(building)
    db.session.commit()
    return building


def make_grid(community: Community, compounds=(), workers=(), **overrides) -> Grid:
    grid = Grid(community=community, name=overrides.pop("name", f"网格{next(_seq)}"))
    grid.compounds = list(compounds)
    grid.workers = list(workers)
    db.session.add(grid)
    db.session.commit()
    return grid


def make_household(compound: Compound, **overrides) -> Household:
    values = {"address": f"1号楼1单元{next(_seq)}", "size": 2}
    values.update(overrides)
    household = Household(community=compound.community, compound=compound, **values)
    db.session.add(household)
    db.session.commit()
    return household


def make_person(community: Community, **overrides) -> Person:
    n = next(_seq)
    values = {"name": f"居民{n}", "mobile": f"139{n:08d}"}
    values.update(overrides)
    person = Person(community=community, **values)
    db.session.add(person)
    db.session.commit()
    return person


def make_user(role: str = "staff", communities=(), **overrides) -> User:
    n = next(_seq)
    password = overrides.pop("password", PASSWORD)
    values = {"username": f"user{n}", "display_name": f"用户{n}", "role": role,
              "mobile": f"137{n:08d}"}
    values.update(overrides)
    user = User(**values, password_hash=generate_password_hash(password, "pbkdf2:sha256:1000"))
    user.communities = list(communities)
    db.session.add(user)
    db.session.commit()
    return user


def login(client, user: User, password: str = PASSWORD):
    """Log `user` in through the real form."""
    response = client.post("/login", data={"identifier": user.username, "password": password})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response

"""A small community for the register tests: two compounds in two grids, one worker each."""
import pytest

from tests.factories import (
    make_building,
    make_community,
    make_compound,
    make_grid,
    make_household,
    make_person,
    make_user,
)


@pytest.fixture
def world(app):
    community = make_community(slug="liujin", name="流津社区")
    pearl = make_compound(community, name="明珠公寓", has_property_manager=True)
    yihe = make_compound(community, name="颐和新园")
    pearl_one = make_building(pearl, name="1号楼")
    yihe_two = make_building(yihe, name="2号楼")
    worker = make_user("grid_worker", [community], display_name="网格员甲")
    other_worker = make_user("grid_worker", [community], display_name="网格员乙")
    first = make_grid(community, [pearl], [worker], name="第一网格")
    second = make_grid(community, [yihe], [other_worker], name="第二网格")
    staff = make_user("staff", [community], display_name="李书记")
    home = make_household(pearl, building=pearl_one, unit="1", floor=3, room="301",
                          address="1号楼1单元301")
    away = make_household(yihe, building=yihe_two, unit="2", floor=4, room="402",
                          address="2号楼2单元402")
    resident = make_person(community, name="王秀英", mobile="13912345678", household=home)
    neighbour = make_person(community, name="赵大爷", mobile="13812345678", household=away)
    return {"community": community, "pearl": pearl, "yihe": yihe, "pearl_one": pearl_one,
            "yihe_two": yihe_two, "worker": worker, "other_worker": other_worker,
            "first": first, "second": second, "staff": staff, "home": home, "away": away,
            "resident": resident, "neighbour": neighbour}

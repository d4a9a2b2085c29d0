"""Register pages over HTTP: who may open what, grid scoping by id, forms, files, logging."""
import io

import pytest
from sqlalchemy import select

from blueprints.register.sheets import xlsx_bytes
from extensions import db
from models import AuditEvent, Household, HouseholdTag, Person
from tests.factories import login, make_community, make_user

BASE = "/staff/liujin/register"


def urls(world):
    """(method, url) of every register route, for the denial tests."""
    home, resident = world["home"].id, world["resident"].id
    return [
        ("GET", BASE), ("GET", f"{BASE}/households/new"), ("POST", f"{BASE}/households/new"),
        ("GET", f"{BASE}/households/{home}"), ("GET", f"{BASE}/households/{home}/edit"),
        ("POST", f"{BASE}/households/{home}/edit"), ("POST", f"{BASE}/households/{home}/members"),
        ("GET", f"{BASE}/households/{home}/members/{resident}"),
        ("POST", f"{BASE}/households/{home}/members/{resident}"),
        ("POST", f"{BASE}/households/{home}/members/{resident}/remove"),
        ("POST", f"{BASE}/households/{home}/tags"), ("POST", f"{BASE}/households/{home}/tags/1/withdraw"),
        *STAFF_ONLY(world),
    ]


def STAFF_ONLY(world):  # noqa: N802
    compound, grid, resident = world["pearl"].id, world["first"].id, world["resident"].id
    return [
        ("GET", f"{BASE}/places"), ("POST", f"{BASE}/places/compounds"),
        ("GET", f"{BASE}/places/compounds/{compound}"), ("POST", f"{BASE}/places/compounds/{compound}"),
        ("POST", f"{BASE}/places/buildings"), ("GET", f"{BASE}/places/grids/new"),
        ("POST", f"{BASE}/places/grids/new"), ("GET", f"{BASE}/places/grids/{grid}"),
        ("POST", f"{BASE}/places/grids/{grid}"), ("GET", f"{BASE}/files"),
        ("GET", f"{BASE}/files/template.xlsx"), ("POST", f"{BASE}/files/import"),
        ("GET", f"{BASE}/files/import/abcdefghijklmnop"), ("POST", f"{BASE}/files/import/abcdefghijklmnop"),
        ("POST", f"{BASE}/files/export"), ("GET", f"{BASE}/residents?q=王"),
        ("POST", f"{BASE}/residents/{resident}/export"), ("GET", f"{BASE}/residents/{resident}/erase"),
        ("POST", f"{BASE}/residents/{resident}/erase"),
    ]


def call(client, method, url, **kwargs):
    return client.get(url, **kwargs) if method == "GET" else client.post(url, **kwargs)


def test_anonymous_visitors_are_sent_to_login(client, world):
    for method, url in urls(world):
        response = call(client, method, url)
        assert response.status_code == 302 and "/login" in response.location, url


@pytest.mark.parametrize("who", ["partner", "other_staff"])
def test_partners_and_other_communities_staff_are_refused(client, world, who):
    if who == "partner":
        user = make_user("partner", [world["community"]])
    else:
        user = make_user("staff", [make_community(slug="xingyuan")])
    login(client, user)
    for method, url in urls(world):
        assert call(client, method, url).status_code == 403, url
    assert db.session.scalar(select(AuditEvent.id).where(AuditEvent.action.startswith("person"))) is None


def test_grid_worker_never_reads_or_writes_another_grids_household(client, world):
    login(client, world["other_worker"])
    before = (world["home"].size, world["resident"].name)
    for method, url in urls(world)[3:12]:
        assert call(client, method, url, data={"name": "改名", "mobile": "13700000000",
                                               "size": "9", "tag": "over_80",
                                               "consent_by": "我", "consent_method": "phone"}
                    ).status_code == 404, url
    db.session.expire_all()
    assert (world["home"].size, world["resident"].name) == before
    assert world["resident"].household_id == world["home"].id
    assert db.session.scalar(select(HouseholdTag.id)) is None
    page = client.get(BASE).get_data(as_text=True)
    assert "2单元402" in page and "1单元301" not in page


def test_grid_worker_is_refused_staff_only_pages(client, world):
    login(client, world["worker"])
    for method, url in STAFF_ONLY(world):
        assert call(client, method, url).status_code == 403, url


def test_grid_worker_sees_masked_numbers_staff_full(client, world):
    login(client, world["worker"])
    page = client.get(f"{BASE}/households/{world['home'].id}").get_data(as_text=True)
    assert "139****5678" in page and "13912345678" not in page
    listing = client.get(BASE).get_data(as_text=True)
    assert "139****5678" in listing and "13912345678" not in listing
    client.post("/logout")
    login(client, world["staff"])
    assert "13912345678" in client.get(f"{BASE}/households/{world['home'].id}").get_data(as_text=True)


def test_staff_search_opens_the_household(client, world):
    login(client, world["staff"])
    page = client.get(BASE, query_string={"q": "王秀英"}).get_data(as_text=True)
    assert "1单元301" in page and "2单元402" not in page
    page = client.get(f"{BASE}/households/{world['home'].id}").get_data(as_text=True)
    assert "明珠公寓" in page and "王秀英" in page and "登记标签" in page


def test_a_tag_without_consent_is_refused_next_to_the_field(client, world):
    login(client, world["staff"])
    url = f"{BASE}/households/{world['home'].id}/tags"
    response = client.post(url, data={"tag": "living_alone", "consent_by": "", "consent_method": "phone",
                                      "consent_note": "电话回访"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "没有居民同意" in page and 'value="电话回访"' in page
    assert db.session.scalar(select(HouseholdTag.id)) is None
    response = client.post(url, data={"tag": "living_alone", "consent_by": "户主本人",
                                      "consent_method": "phone"})
    assert response.status_code == 303
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "household_tag.added"))
    assert event.actor_id == world["staff"].id and event.detail["tag"] == "living_alone"


def test_household_form_refuses_bad_values_and_keeps_them(client, world):
    login(client, world["staff"])
    response = client.post(f"{BASE}/households/new", data={
        "compound_id": world["pearl"].id, "building_id": "", "unit": "3", "floor": "300",
        "room": "1201", "size": "2", "status": "occupied"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "楼层应在" in page and 'value="1201"' in page
    response = client.post(f"{BASE}/households/new", data={
        "compound_id": world["pearl"].id, "building_id": world["pearl_one"].id, "unit": "3",
        "floor": "12", "room": "1201", "size": "2", "status": "vacant"})
    assert response.status_code == 303
    created = db.session.scalar(select(Household).where(Household.room == "1201"))
    assert (created.address, created.status, created.floor) == ("1号楼3单元1201", "vacant", 12)


def test_member_added_and_renamed_by_grid_worker_keeps_number(client, world):
    login(client, world["worker"])
    home = world["home"]
    response = client.post(f"{BASE}/households/{home.id}/members",
                           data={"name": "王小明", "mobile": "137 0000 2222"})
    assert response.status_code == 303
    person = db.session.scalar(select(Person).where(Person.name == "王小明"))
    form = client.get(f"{BASE}/households/{home.id}/members/{person.id}").get_data(as_text=True)
    assert "13700002222" not in form and "137****2222" in form
    client.post(f"{BASE}/households/{home.id}/members/{person.id}", data={"name": "王晓明", "mobile": ""})
    db.session.expire_all()
    assert (person.name, person.mobile) == ("王晓明", "13700002222")


def test_import_preview_then_confirm(client, world):
    login(client, world["staff"])
    data = xlsx_bytes([["明珠公寓", "1号楼", "2", "5", "502", "3", "空置", "", "", "", "", ""]])
    response = client.post(f"{BASE}/files/import", data={"file": (io.BytesIO(data), "h.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    preview = client.get(response.location).get_data(as_text=True)
    assert "新增 1 户" in preview and "确认导入" in preview
    assert db.session.scalar(select(Household).where(Household.room == "502")) is None
    assert client.post(response.location).status_code == 303
    assert db.session.scalar(select(Household).where(Household.room == "502")).status == "vacant"
    assert client.get(response.location).status_code == 404  # the preview is used up


def test_bad_import_file_gets_a_clear_report(client, world):
    login(client, world["staff"])
    response = client.post(f"{BASE}/files/import", data={"file": (io.BytesIO(b"not excel"), "h.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and "不是有效的 Excel" in response.get_data(as_text=True)
    response = client.post(f"{BASE}/files/import", data={}, content_type="multipart/form-data")
    assert response.status_code == 422 and "请选择要导入的文件" in response.get_data(as_text=True)


def test_another_staff_members_preview_is_not_found(client, world):
    login(client, world["staff"])
    data = xlsx_bytes([["明珠公寓", "1号楼", "2", "5", "502", "3", "空置", "", "", "", "", ""]])
    location = client.post(f"{BASE}/files/import", data={"file": (io.BytesIO(data), "h.xlsx")},
                           content_type="multipart/form-data").location
    client.post("/logout")
    login(client, make_user("staff", [world["community"]]))
    assert client.get(location).status_code == 404
    assert client.post(location).status_code == 404


def test_export_with_tags_is_logged(client, world):
    login(client, world["staff"])
    response = client.post(f"{BASE}/files/export", data={"format": "csv", "with_tags": "y"})
    assert response.status_code == 200 and response.data.startswith(b"\xef\xbb\xbf")
    assert "王秀英 13912345678" in response.data.decode("utf-8-sig")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "register.exported"))
    assert event.actor_id == world["staff"].id and event.detail["with_tags"] is True
    log = client.get("/staff/liujin/audit").get_data(as_text=True)
    assert "导出居民台账" in log and "含敏感标签 是" in log


def test_resident_export_and_erase_over_http(client, world):
    login(client, world["staff"])
    person = world["resident"]
    response = client.post(f"{BASE}/residents/{person.id}/export")
    assert response.status_code == 200 and response.json["resident"]["name"] == "王秀英"
    response = client.post(f"{BASE}/residents/{person.id}/erase", data={})
    assert response.status_code == 422 and "请勾选确认" in response.get_data(as_text=True)
    assert client.post(f"{BASE}/residents/{person.id}/erase", data={"confirm": "y"}).status_code == 303
    db.session.expire_all()
    assert person.name == "已删除居民"
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"person.exported", "person.erased"} <= actions


def test_staff_edit_a_grid_and_the_worker_sees_the_new_households(client, world):
    login(client, world["staff"])
    response = client.post(f"{BASE}/places/grids/{world['first'].id}", data={
        "name": "第一网格", "compounds": [world["pearl"].id, world["yihe"].id],
        "workers": [world["worker"].id]})
    assert response.status_code == 303
    client.post("/logout")
    login(client, world["worker"])
    page = client.get(BASE).get_data(as_text=True)
    assert "1单元301" in page and "2单元402" in page


def test_register_is_in_the_console_navigation(client, world):
    login(client, world["worker"])
    assert f'href="{BASE}"' in client.get("/staff/liujin/").get_data(as_text=True)

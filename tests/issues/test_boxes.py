"""Opinion-box openings and slips: dates, who opened the box, how many slips it held."""

import pytest
from sqlalchemy import func, select

from blueprints.core import clock
from extensions import db
from tests.conftest import HX
from tests.factories import login, make_user


# 10. Box openings: no future dates; who opened the box and how many slips it held.
def test_slip_and_opening_dated_after_today_are_refused(client, place):
    from datetime import timedelta

    from blueprints.issues import boxes, services
    from models import BoxOpening

    community, compound = place
    staff = make_user("staff", [community], display_name="周干事")
    login(client, staff)
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    slip = {"compound": compound.id, "opened_on": tomorrow, "category": "other", "what": "路灯"}
    response = client.post("/staff/xy/issues/box", data=slip, headers=HX)
    assert response.status_code == 422 and "开箱日期不能晚于今天" in response.get_data(as_text=True)
    opening = {"compound": compound.id, "opened_on": tomorrow, "opened_by": "老周", "slips_found": "0"}
    response = client.post("/staff/xy/issues/box/opening", data=opening)
    assert response.status_code == 422 and "开箱日期不能晚于今天" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(BoxOpening.id))) == 0
    with pytest.raises(boxes.FutureOpening):
        boxes.enter_slip(community, services.Report(compound.id, "other", "路灯"),
                         clock.today() + timedelta(days=1), staff)


def test_opening_records_who_opened_and_slips_found_next_to_slips_typed(client, place):
    from models import AuditEvent, BoxOpening

    community, compound = place
    login(client, make_user("staff", [community], display_name="周干事"))
    page = client.get("/staff/xy/issues/box").get_data(as_text=True)
    assert 'name="opened_by" required type="text" value="周干事"' in page
    today = clock.today().isoformat()
    refused = client.post("/staff/xy/issues/box/opening",
                          data={"compound": compound.id, "opened_on": today, "opened_by": "楼长老马"})
    assert refused.status_code == 422 and "空箱填0" in refused.get_data(as_text=True)
    assert 'value="楼长老马"' in refused.get_data(as_text=True)
    response = client.post("/staff/xy/issues/box/opening", data={
        "compound": compound.id, "opened_on": today, "opened_by": "楼长老马", "slips_found": "3"})
    assert response.status_code == 303
    client.post("/staff/xy/issues/box", data={"compound": compound.id, "opened_on": today,
                                              "category": "other", "what": "楼道灯坏了"})
    opening = db.session.scalar(select(BoxOpening))
    assert (opening.opened_by_name, opening.slips_found, opening.slip_count) == ("楼长老马", 3, 1)
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "box.opened"))
    assert audit.detail == {"opened_by": "楼长老马", "slips_found": 3}
    html = client.get("/staff/xy/issues/box").get_data(as_text=True)
    assert "楼长老马" in html and "3 / 1" in html and "还有2张未录入" in html

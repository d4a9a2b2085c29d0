"""A file too large is refused next to its field with what was typed kept, never a bare 413."""
import re
from io import BytesIO

import pytest
from sqlalchemy import func, select

from blueprints.core.uploads import MAX_BYTES
from extensions import db
from models import Quote
from tests.conftest import HX
from tests.factories import login, make_community, make_compound, make_user
from tests.issues.factories import make_issue, png_bytes
from tests.offers.factories import make_partner, make_partner_user

TWENTY_MB = 20 * 1024 * 1024


def _huge() -> BytesIO:
    return BytesIO(png_bytes() + b"\0" * TWENTY_MB)


@pytest.fixture
def issue(app, client):
    community = make_community(slug="xy")
    issue = make_issue(community, make_compound(community), category="sewage")
    login(client, make_user("staff", [community]))
    return issue


@pytest.mark.parametrize("headers", [{}, HX], ids=["plain", "htmx"])
def test_a_20mb_quote_scan_is_refused_at_its_field_with_the_typing_kept(client, issue, headers):
    response = client.post(f"/staff/xy/issues/{issue.id}/costs/quotes", headers=headers,
                           data={"contractor": "沧州市政维修队", "amount": "4,800", "note": "含清掏两次",
                                 "scan": (_huge(), "scan.png")}, content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'id="quote-scan-error"[^>]*>照片超过5MB', html)
    assert 'value="沧州市政维修队"' in html and 'value="4,800"' in html and "含清掏两次" in html
    assert db.session.scalar(select(func.count(Quote.id))) == 0


def test_a_20mb_logo_is_refused_at_its_field(client, app):
    unit = make_partner(make_community(slug="liujin"), name="微发馆")
    login(client, make_partner_user(unit))
    response = client.post("/partner/logo", data={"logo": (_huge(), "logo.png")},
                           content_type="multipart/form-data", headers=HX)
    assert response.status_code == 422
    assert "图片不能超过5MB" in response.get_data(as_text=True) and unit.logo_name is None


def test_past_the_request_limit_htmx_gets_a_message_and_keeps_its_form(app, client, issue):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    response = client.post(f"/staff/xy/issues/{issue.id}/costs/quotes", headers=HX,
                           data={"contractor": "甲队", "scan": (BytesIO(b"\0" * 2_000_000), "q.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert response.headers["HX-Retarget"] == "#flash-messages"  # the form stays as typed


def test_file_fields_tell_the_browser_the_limit(client, issue):
    html = client.get(f"/staff/xy/issues/{issue.id}/costs").get_data(as_text=True)
    scan = re.search(r'<input[^>]*type="file"[^>]*>', html)[0]
    assert f'data-max-bytes="{MAX_BYTES}"' in scan and 'data-too-large="文件超过5MB' in scan


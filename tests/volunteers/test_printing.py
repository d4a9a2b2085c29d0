"""The hours certificate and the sign-in sheet: PDF text, CJK fonts, masking; CLI and routes."""
import re
from datetime import timedelta

from blueprints.volunteers import tokens
from printing.render import render_pdf
from tests.factories import login, make_community, make_person, make_user
from tests.pdf import assert_cjk_only, page_count, pdf_text
from tests.printing.conftest import held  # noqa: F401  (the fixture)
from tests.volunteers.factories import make_activity, make_shift, make_signup


def _attended_person(community):
    person = make_person(community, name="孙丽华", mobile="13812345678")
    activity = make_activity(community, title="颐和新园红马甲清扫")
    done = make_shift(activity, start_in=timedelta(days=-20), hours=3)
    make_signup(done, person, status="attended")
    return person, done


def test_certificate_pdf_names_person_hours_and_community(app):
    community = make_community(slug="liujin", name="流津社区")
    person, done = _attended_person(community)
    year = done.starts_at.astimezone(tokens_tz()).year
    with app.test_request_context():
        data = render_pdf("certificate", community, {"person": person.id, "year": year}).data
    text = re.sub(r"\s+", "", pdf_text(data))
    assert "志愿服务时长证明" in text and "孙丽华" in text and "3.0小时" in text
    assert "流津社区" in text and "颐和新园红马甲清扫" in text
    assert "13812345678" not in text and "138****5678" in text
    assert_cjk_only(data)
    assert page_count(data) == 1


def tokens_tz():
    from zoneinfo import ZoneInfo
    return ZoneInfo("Asia/Shanghai")


def test_signin_sheet_has_title_and_masked_numbers_only(app):
    community = make_community(slug="liujin", name="流津社区")
    activity = make_activity(community, title="消防安全宣传日")
    shift = make_shift(activity)
    make_signup(shift, make_person(community, name="周杰", mobile="13900001234"))
    make_signup(shift, make_person(community, name="候补者", mobile="13900005678"), status="waitlisted")
    with app.test_request_context():
        data = render_pdf("signin-sheet", community, {"activity": activity.id}).data
    text = re.sub(r"\s+", "", pdf_text(data))
    assert "消防安全宣传日签到表" in text and "周杰" in text and "139****1234" in text
    assert "13900001234" not in text and "候补者" not in text
    assert not re.search(r"1[3-9]\d{9}", text)
    assert_cjk_only(data)




def test_certificate_from_me_and_from_staff(client):
    community = make_community(slug="liujin", name="流津社区")
    person, done = _attended_person(community)
    year = done.starts_at.astimezone(tokens_tz()).year
    mine = client.get(f"/me/{tokens.me_token(person)}/certificate-{year}.pdf")
    assert mine.mimetype == "application/pdf" and "孙丽华" in pdf_text(mine.data)
    staff_url = f"/staff/liujin/print/certificate.pdf?person={person.id}&year={year}"
    assert client.get(staff_url).status_code == 302
    login(client, make_user("staff", [community]))
    assert "孙丽华" in pdf_text(client.get(staff_url).data)
    other = make_community(slug="xingyuan")
    stranger = make_person(other)
    assert client.get(f"/staff/liujin/print/certificate.pdf?person={stranger.id}").status_code == 404


def test_print_cli_writes_certificate(app, tmp_path):
    community = make_community(slug="liujin", name="流津社区")
    person, done = _attended_person(community)
    out = tmp_path / "c.pdf"
    year = done.starts_at.astimezone(tokens_tz()).year
    result = app.test_cli_runner().invoke(args=[
        "print", "certificate", "--community", "liujin", "--person", str(person.id),
        "--year", str(year), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "孙丽华" in pdf_text(out.read_bytes())


def test_send_reminders_command_is_idempotent(app, caplog):
    community = make_community(slug="liujin", name="流津社区")
    activity = make_activity(community)
    from datetime import datetime, time
    from zoneinfo import ZoneInfo
    shanghai = ZoneInfo("Asia/Shanghai")
    tomorrow = datetime.now(shanghai).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(9), shanghai)
    shift = make_shift(activity, starts_at=start, ends_at=start + timedelta(hours=2))
    make_signup(shift, make_person(community, name="吴刚"))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["send-reminders"])
    assert "reminders queued: 1; messages sent: 1" in first.output, first.output
    second = runner.invoke(args=["send-reminders"])
    assert "reminders queued: 0; messages sent: 0" in second.output


def test_certificate_not_rendered_yet_is_being_prepared(client, held):
    community = make_community(slug="liujin", name="流津社区")
    person, done = _attended_person(community)
    url = f"/me/{tokens.me_token(person)}/certificate-{done.starts_at.astimezone(tokens_tz()).year}.pdf"
    waiting = client.get(url)
    page = waiting.get_data(as_text=True)
    assert waiting.status_code == 503 and waiting.headers["Retry-After"]
    assert "志愿时长证明正在准备中" in page and f'href="/me/{tokens.me_token(person)}"' in page
    held.run()  # the background render
    ready = client.get(url)
    assert ready.mimetype == "application/pdf" and "孙丽华" in pdf_text(ready.data)

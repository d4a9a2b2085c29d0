"""费用分摊公示 and the monthly report: text-extractable PDFs with CJK fonts, and the CLI."""
import re
from datetime import date, timedelta

from blueprints.core import clock
from blueprints.issues import costs, figures, ledger
from extensions import db
from models import Issue
from models.issues import STATUSES
from tests.factories import (
    login,
    make_community,
    make_compound,
    make_household,
    make_user,
)
from tests.issues.factories import make_issue
from tests.pdf import assert_cjk_only, page_count, pdf_text


def _cost_issue():
    community = make_community(slug="xy", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    staff = make_user("staff", [community])
    issue = make_issue(community, compound, category="sewage", what="化粪池外溢", public=True)
    homes = [make_household(compound) for _ in range(7)]
    costs.add_quote(issue, "老马管道疏通队", 120000, "", staff)
    cheap = costs.add_quote(issue, "城东环卫施工队", 100000, "含清运", staff)
    costs.choose_quote(issue, cheap.id, "", staff)
    shares = costs.split_equally(issue, None, staff)
    ledger.record_payment(issue, shares[0].id, shares[0].amount_fen, date(2026, 11, 3), "户主钱先生",
                          "楼长老周", staff)
    return community, issue, staff


def test_cost_notice_pdf_names_total_and_chosen_contractor(app, client):
    community, issue, staff = _cost_issue()
    login(client, staff)
    response = client.get(f"/staff/xy/print/cost-notice.pdf?issue={issue.id}")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "费用分摊公示" in text and "城东环卫施工队" in text and "1,000.00" in text
    assert "857.14" in text  # outstanding after one household paid 142.86
    assert_cjk_only(response.data)
    assert page_count(response.data) == 1


def test_cost_notice_shows_no_names_or_numbers(app, client):
    community, issue, staff = _cost_issue()
    login(client, staff)
    html = client.get(f"/staff/xy/print/cost-notice.html?issue={issue.id}").get_data(as_text=True)
    assert "城东环卫施工队" in html and "142.86" in html  # the notice itself is there
    for private in ("王阿姨", "13912345678", "钱先生", "楼长老周", staff.display_name):
        assert private not in html
    text = pdf_text(client.get(f"/staff/xy/print/cost-notice.pdf?issue={issue.id}").data)
    assert "钱先生" not in text and "老周" not in text


def test_cost_notice_needs_an_issue_with_a_chosen_quote(app, client):
    community = make_community(slug="xy")
    staff = make_user("staff", [community])
    issue = make_issue(community)
    login(client, staff)
    assert client.get("/staff/xy/print/cost-notice.pdf").status_code == 404
    assert client.get(f"/staff/xy/print/cost-notice.pdf?issue={issue.id}").status_code == 404


def test_monthly_report_lists_the_months_resolved_issues(app):
    community = make_community(slug="xy", name="兴元社区")
    compound = make_compound(community, name="外贸小区")
    done = make_issue(community, compound, category="safety", what="电线耷拉")
    make_issue(community, compound, what="还没修好的路灯")
    db.session.execute(db.update(Issue).where(Issue.id == done.id).values(
        status="resolved", resolved_at=done.created_at + timedelta(hours=3)))
    db.session.commit()
    month = figures.month_of(done.created_at.astimezone(clock.ZONE).date())
    out = f"{app.config['INSTANCE_DIR']}/report.pdf"
    result = app.test_cli_runner().invoke(args=["print", "monthly-report", "--community", "xy",
                                                "--month", month, "--out", out])
    assert result.exit_code == 0, result.output
    data = open(out, "rb").read()
    text = pdf_text(data)
    assert f"诉求月度报告（{month}）" in text and "电线耷拉" in text and "外贸小区" in text
    assert "还没修好的路灯" not in text.split("本月已解决")[1]
    assert "3.0 小时" in text
    assert "本月收到诉求 2 件，解决 1 件" in text
    assert_cjk_only(data)


def test_monthly_report_table_counts_by_category_and_status(app, client):
    community = make_community(slug="xy", name="兴元社区")
    compound = make_compound(community, name="外贸小区")
    done = make_issue(community, compound, category="safety")
    make_issue(community, compound, category="safety")
    make_issue(community, compound, category="road")
    db.session.execute(db.update(Issue).where(Issue.id == done.id).values(
        status="resolved", resolved_at=done.created_at + timedelta(hours=30)))
    db.session.commit()
    month = figures.month_of(done.created_at.astimezone(clock.ZONE).date())
    login(client, make_user("staff", [community]))
    html = client.get(f"/staff/xy/print/monthly-report.html?month={month}").get_data(as_text=True)
    cells = lambda label: re.findall(r'<td class="n">(\d*)</td>', html.split(f"<td>{label}</td>")[1].split("</tr>")[0])  # noqa: E731
    statuses = list(STATUSES)
    safety, road = cells("安全隐患"), cells("道路井盖")
    assert safety[statuses.index("new")] == "1" and safety[statuses.index("resolved")] == "1"
    assert road[statuses.index("new")] == "1" and sum(int(n or 0) for n in road) == 1
    assert "本月收到诉求 3 件，解决 1 件" in html
    assert "解决用时中位数 30.0 小时，按时解决率 0%" in html  # safety: 24 h target


def test_monthly_report_refuses_a_bad_month(app):
    make_community(slug="xy")
    result = app.test_cli_runner().invoke(args=["print", "monthly-report", "--community", "xy",
                                                "--month", "2026-13", "--out", "/tmp/x.pdf"])
    assert result.exit_code != 0 and "2026-11" in result.output


def test_grid_worker_cannot_print(app, client):
    community, issue, staff = _cost_issue()
    login(client, make_user("grid_worker", [community]))
    assert client.get(f"/staff/xy/print/cost-notice.pdf?issue={issue.id}").status_code == 403


def test_the_print_centre_offers_only_documents_it_can_make(client):
    from blueprints.issues import costs as issue_costs
    from tests.factories import make_community, make_compound, make_household, make_user
    from tests.issues.factories import make_issue as new_issue

    community = make_community(slug="xy", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    staff = make_user("staff", [community])
    login(client, staff)
    page = client.get("/staff/xy/print/").get_data(as_text=True)
    notice = page[page.index('id="print-doc-cost-notice"'):].split("</li>")[0]
    assert "暂时没有可以打印的内容" in notice and "cost-notice.pdf" not in notice
    issue = new_issue(community, compound, what="化粪池外溢", public=True)
    make_household(compound)
    quote = issue_costs.add_quote(issue, "城东环卫施工队", 100000, "", staff)
    issue_costs.choose_quote(issue, quote.id, "", staff)
    page = client.get("/staff/xy/print/").get_data(as_text=True)
    notice = page[page.index('id="print-doc-cost-notice"'):].split("</li>")[0]
    assert f'<option value="{issue.id}">#{issue.id} 化粪池外溢</option>' in notice
    assert 'action="/staff/xy/print/cost-notice.pdf"' in notice and 'name="issue"' in notice
    pdf = client.get(f"/staff/xy/print/cost-notice.pdf?issue={issue.id}")
    assert pdf.status_code == 200 and "化粪池外溢" in pdf_text(pdf.data)

"""No page has two elements with the same id (a label would focus the wrong field)."""
import re
from collections import Counter

from sqlalchemy import select

from extensions import db
from models import Issue, Quote
from tests.core.test_demo import run_seed
from tests.crawl import ALL_LINKS, clients_by_role, walk
from tests.factories import login

ID = re.compile(r'\sid="([^"]+)"')


def _duplicates(html: str) -> list[str]:
    return [name for name, count in Counter(ID.findall(html)).items() if count > 1]


def test_no_page_repeats_an_id(app):
    run_seed(app)
    # The crawl stops at 250 pages per account: the busiest forms are named directly too.
    busy = [f"/staff/{issue.community.slug}/issues/{issue.id}/costs"
            for issue in db.session.scalars(select(Issue).join(Quote).distinct())]
    busy += [f"/staff/{slug}/issues/box" for slug in ("liujin", "xingyuan")]
    starts = {None: ["/c/liujin/", "/c/xingyuan/"], "staff": ["/staff/", *busy],
              "partner": ["/partner/"], "grid_worker": ["/staff/"]}
    problems, pages = [], 0
    visited = set()
    for role, client in clients_by_role(app, starts):
        for start in starts[role]:
            for path, html in walk(client, [start], links=ALL_LINKS, limit=250):
                pages += 1
                visited.add(path.split("?")[0])
                if dupes := _duplicates(html):
                    problems.append(f"{role} {path}: {dupes[:5]}")
    assert any(path.endswith("/costs") for path in visited), "the cost page was not reached"
    assert any(path.endswith("/issues/box") for path in visited), "the box page was not reached"
    assert pages > 40
    assert not problems, "\n".join(problems[:30])


def test_every_label_points_at_an_input_of_its_page(app, client):
    """Forms sharing a page rename their ids: their labels follow (a label for= a missing id
    focuses nothing)."""
    from tests.factories import make_community, make_compound, make_user
    from tests.issues.factories import make_issue

    community = make_community(slug="xy")
    issue = make_issue(community, make_compound(community))
    login(client, make_user("staff", [community]))
    for path in (f"/staff/xy/issues/{issue.id}", "/staff/xy/issues/box", f"/staff/xy/issues/{issue.id}/costs"):
        html = client.get(path).get_data(as_text=True)
        ids = set(ID.findall(html))
        targets = re.findall(r'<label[^>]*\sfor="([^"]+)"', html)
        assert targets and set(targets) <= ids, (path, set(targets) - ids)

"""Bounded lists: a page of rows, whether more follow, and the links between pages."""
import pytest
from sqlalchemy import select

from blueprints.core.paging import MAX_PAGE, page_number, page_of, page_url, paginate
from models import Community
from tests.factories import make_community


def test_a_page_holds_at_most_per_page_rows_and_knows_if_more_follow(app):
    for n in range(5):
        make_community(slug=f"c{n}", name=f"社区{n}")
    query = select(Community).order_by(Community.id)
    first, last = paginate(query, 1, 2), paginate(query, 3, 2)
    assert [c.slug for c in first] == ["c0", "c1"] and first.has_next and not first.has_previous
    assert [c.slug for c in last] == ["c4"] and not last.has_next and last.has_previous
    assert last.first_index == 5
    assert not paginate(query, 4, 2) and not paginate(query, 3, 2).has_next


def test_a_list_already_bounded_pages_the_same_way():
    page = page_of(list(range(7)), 2, 3)
    assert list(page) == [3, 4, 5] and page.has_next and page.has_previous


@pytest.mark.parametrize("raw, number", [
    ("", 1), ("3", 3), ("0", 1), ("-2", 1), ("abc", 1), ("2.5", 1), ("NaN", 1),
    ("\x00", 1), ("9" * 400, 1), (str(MAX_PAGE + 5), MAX_PAGE),
])
def test_any_page_argument_gives_a_usable_page(app, raw, number):
    with app.test_request_context("/", query_string={"page": raw}):
        assert page_number() == number


def test_the_next_page_link_keeps_the_other_filters(app):
    make_community(slug="xy", name="柳荫社区")
    with app.test_request_context("/c/xy/services", query_string={"who": "elderly", "page": "2"}):
        app.preprocess_request()
        url = page_url(3)
    assert url.startswith("/c/xy/services?") and "who=elderly" in url and "page=3" in url

"""Bounded lists: one page of a query, and the link to the next (issue 10, DESIGN §10).

Every list page shows at most one page of rows, so neither its time nor its number of
queries grows with the community. A page is read with LIMIT n+1 and OFFSET: the extra
row says whether a next page exists, without a COUNT over the whole table.
"""
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import request
from sqlalchemy import Select

from extensions import db

T = TypeVar("T")

MAX_PAGE = 1000  # deeper than anyone pages by hand; OFFSET past it only costs the server


@dataclass
class Page(Generic[T]):
    """One page of rows, its number (from 1) and whether there is a page after it."""

    items: list[T]
    number: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_index(self) -> int:
        """The position (from 1) of the page's first row in the whole list."""
        return (self.number - 1) * self.per_page + 1

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def page_number(arg: str = "page") -> int:
    """The page asked for in the query string; anything unusable is the first page."""
    raw = request.args.get(arg, "")
    if not raw.isdigit() or len(raw) > 4:
        return 1
    return min(max(int(raw), 1), MAX_PAGE)


def paginate(query: Select, number: int, per_page: int, *, scalars: bool = True) -> Page[Any]:
    """Page `number` of an ordered query (order it by something unique: ids break ties)."""
    bounded = query.limit(per_page + 1).offset((number - 1) * per_page)
    rows = list(db.session.scalars(bounded) if scalars else db.session.execute(bounded))
    return Page(rows[:per_page], number, per_page, has_next=len(rows) > per_page)


def page_of(items: list[T], number: int, per_page: int) -> Page[T]:
    """The same page of a list already bounded in SQL (a list built from a few rows)."""
    start = (number - 1) * per_page
    return Page(items[start:start + per_page], number, per_page,
                has_next=len(items) > start + per_page)


def page_url(number: int, arg: str = "page") -> str:
    """This page's address with another page number, every other filter kept."""
    from flask import url_for

    args = {**request.args.to_dict(), arg: number}
    return url_for(request.endpoint, **(request.view_args or {}), **args)

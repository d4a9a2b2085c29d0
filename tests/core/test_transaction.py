"""One transaction per service call: commit on success, everything undone on any error."""
import pytest
from sqlalchemy import func, select

from blueprints.core.forms import refused_onto
from blueprints.core.transaction import transactional
from extensions import db
from models import Community
from tests.factories import make_community


def _count() -> int:
    return db.session.scalar(select(func.count(Community.id)))


@transactional
def add_community(slug: str, fail: bool = False) -> Community:
    community = Community(slug=slug, name=slug)
    db.session.add(community)
    db.session.flush()
    if fail:
        raise ValueError("refused")
    return community


@transactional
def add_two(fail_second: bool) -> None:
    add_community("first")
    add_community("second", fail=fail_second)


def test_success_is_committed(app):
    add_community("liujin")
    db.session.rollback()  # nothing pending is left to undo: the service committed
    assert _count() == 1


def test_an_error_undoes_the_whole_call_and_is_raised(app):
    make_community(slug="kept")
    with pytest.raises(ValueError):
        add_community("lost", fail=True)
    assert _count() == 1 and not db.session.info["in_service"]


def test_a_service_inside_another_joins_its_transaction(app):
    with pytest.raises(ValueError):
        add_two(fail_second=True)
    assert _count() == 0  # the first, already flushed by the inner call, is undone too
    add_two(fail_second=False)
    db.session.rollback()
    assert _count() == 2


def test_a_refusal_lands_next_to_its_field(app):
    from blueprints.issues.forms import MeTooForm

    with app.test_request_context(method="POST", data={"mobile": "13912345678"}):
        form = MeTooForm()
        form.validate()
        refusals = {ValueError: lambda error: ("mobile", f"不行：{error}")}
        assert refused_onto(form, lambda: add_community("x", fail=True), refusals) is False
        assert form.mobile.errors[-1] == "不行：refused"
        assert refused_onto(form, lambda: add_community("y"), refusals) is True
    assert _count() == 1

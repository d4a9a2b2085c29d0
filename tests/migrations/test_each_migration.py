"""Every migration, one step up and one step down, on a populated database (issue 16).

For each revision: build the database at the revision before it, filling each step with
tests/migrations/fillers.py; upgrade one step and check that every row is still there with
the same values (but what DATA_CHECKS says the step rewrites) and that moved or filled data
is right; add the revision's own rows; go on to head and check the app's pages for that
data; come back; downgrade one step and check the data is as it was before the upgrade.
"""
import pytest

from tests.migrations.checks import DATA_CHECKS, StepResult
from tests.migrations.fillers import FILLERS, fill
from tests.migrations.helpers import added_columns, compare, migration_module, revisions

REVISIONS = revisions()
# Logging in for the page checks stamps the account, and opening the console's start page
# stamps the account's last visit there: the only writes those pages make to rows the
# fillers wrote (new rows, e.g. audit events, are fine anyway).
PAGE_VISITS_WRITE = frozenset({("users", "last_login_at"), ("console_seen", "seen_at"),
                               ("console_seen", "since_at")})


def previous(revision: str) -> str | None:
    index = REVISIONS.index(revision)
    return REVISIONS[index - 1] if index else None


def kept(problems: list[str], what: str) -> None:
    assert not problems, f"{what}:\n  " + "\n  ".join(problems)


def test_every_revision_has_a_filler_and_data_checks():
    """The rule for later: a new migration comes with its rows and its checks."""
    missing_checks = [r for r in REVISIONS if r not in DATA_CHECKS]
    missing_fillers = [r for r in REVISIONS if r not in FILLERS]
    assert not missing_checks, (f"no data checks for {', '.join(missing_checks)}: add them to "
                                "DATA_CHECKS in tests/migrations/checks.py (docs/migrations.md)")
    assert not missing_fillers, (f"no filler for {', '.join(missing_fillers)}: add one to FILLERS "
                                 "in tests/migrations/fillers.py (docs/migrations.md)")
    stale = sorted((set(DATA_CHECKS) | set(FILLERS)) - set(REVISIONS))
    assert not stale, f"checks or fillers for revisions that do not exist: {stale}"


@pytest.mark.parametrize("revision", REVISIONS)
def test_migration_keeps_the_data_both_ways(site_at, revision):
    check = DATA_CHECKS.get(revision)
    assert check is not None, (f"migration {revision} has no data checks: add it to DATA_CHECKS "
                               "in tests/migrations/checks.py (docs/migrations.md)")
    assert revision in FILLERS, f"migration {revision} has no filler in tests/migrations/fillers.py"
    down = previous(revision)
    site = site_at(down)  # filled step by step from nothing to `down`
    before = site.snapshot()

    site.upgrade(revision)
    upgraded = site.snapshot()
    kept(compare(before, upgraded, changes=check.changes),
         f"upgrade to {revision} lost or changed data it should keep")
    with site.begin() as connection:
        check.upgraded(StepResult(revision, before, upgraded, connection))

    fill(site, revision)
    filled = site.snapshot()
    site.upgrade("head")
    check.pages(site)
    site.downgrade(revision)
    later = REVISIONS[REVISIONS.index(revision) + 1:]
    kept(compare(filled, site.snapshot(), changes=PAGE_VISITS_WRITE),
         f"upgrading from {revision} through {', '.join(later) or 'nothing'} and back "
         "lost or changed data (see those revisions' own tests)")

    if check.irreversible:
        doc = migration_module(revision).__doc__ or ""
        assert "irreversible:" in doc.lower(), (
            f"{revision} cannot be downgraded: its docstring must say why (a line 'Irreversible: …')")
        with pytest.raises(Exception) as stopped:
            site.downgrade(down)
        assert revision in str(stopped.value), f"the refusal should name {revision}: {stopped.value}"
        assert site.current() == revision
        return

    site.downgrade(down)
    downgraded = site.snapshot()
    assert site.current() == down
    assert downgraded.columns == before.columns, f"downgrade of {revision} left another schema"
    kept(compare(filled, downgraded, changes=check.downgrade_changes | PAGE_VISITS_WRITE,
                 gone_tables=set(filled) - set(before),
                 gone_columns=added_columns(before, filled)),
         f"downgrade of {revision} lost or changed rows it should keep")
    kept(compare(before, downgraded, changes=PAGE_VISITS_WRITE),
         f"downgrade of {revision} did not bring back the data as it was before the upgrade")
    with site.begin() as connection:
        check.downgraded(StepResult(revision, filled, downgraded, connection))

"""bench/results.md: one section per database, each replaced by that database's next run."""
import os
import platform
import re
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select

from extensions import db

RESULTS = Path(__file__).resolve().parent / "results.md"
HEADER = """# `make bench` results

Written by `make bench` (`python -m bench`; `make bench DB=postgres` or `DB=all`). Each page
is loaded with wrk for a few seconds at the given number of concurrent clients, against
the app and a bare Flask page (one ~20 KB Jinja template, no database) served by gunicorn
with the same settings (gunicorn.conf.py's workers and threads, as `make run` serves) in the
same run. "share" is the page's requests per second as a
share of the bare page's, loaded just before and just after that page (the mean of the
two runs), so that both sides share whatever else the machine was doing. wrk opens a new
connection for each request, as gunicorn sees requests behind nginx. Under load
the app runs as in production: pages come from the page cache (blueprints/core/pagecache.py)
between changes, anonymous public pages one copy for all (every wrk request is a new
visitor with no cookies), staff pages and the remembered volunteer's page one copy per
person, after their access check. Queries are counted in-process on a second request to
each page with the page cache off, so they show what building the page costs; "alone" is
the median time of one such request in-process with nothing else running: what the first
visitor after a change waits.
1× is `city-001`, 10× is `city-big` of the city data set (`flask --app app seed-city`,
demo/city.py). wrk and, for PostgreSQL, the database server run on the same cores as
gunicorn; on a machine shared with other work, figures move by a third from run to run
(compare the bare runs).
"""
SHOWN_TABLES = ("communities", "households", "people", "partners", "offers", "offer_revisions",
                "volunteer_activities", "volunteer_shifts", "volunteer_signups", "issues",
                "issue_events", "audit_events")
NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def row_counts() -> dict[str, int]:
    return {name: db.session.scalar(select(func.count()).select_from(db.metadata.tables[name]))
            for name in SHOWN_TABLES}


def _kb(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size >= 10240 else f"{size / 1024:.1f} KB"


def _load_cells(run) -> list[str]:
    if run is None or not run.requests:
        return ["–"] * 3 + ["0%" if run else "–"]
    share = f"{100 * run.rps / run.bare_rps:.0f}%" if run.bare_rps else "–"
    return [f"{run.rps:.1f}", f"{run.p50_ms:.0f} ms", f"{run.p95_ms:.0f} ms", share]


def _pages_table(results: dict) -> list[str]:
    loaded = results.get("load", {})
    normal, big = (t.slug for t in results["targets"])
    lines = ["| page | queries 1× | queries 10× | size 1× | size 10× | alone 1× | alone 10× "
             "| req/s 1× | p50 | p95 | share | req/s 10× | p50 | p95 | share | errors |",
             "|" + "---|" * 16]
    for page in results["pages"]:
        q1, q10 = results["queries"][(page.key, normal)], results["queries"][(page.key, big)]
        runs = [loaded.get((page.key, normal)), loaded.get((page.key, big))]
        errors = sum(r.errors for r in runs if r) if loaded else "–"
        statuses = {q1["status"], q10["status"]} - {200}
        path = page.path.replace("{slug}", "<slug>")
        path = re.sub(r"\{\w+\}", "<id>", path)
        label = f"`{path}`" + (" (remembered volunteer)" if page.remembered else "")
        label += f" **status {sorted(statuses)}**" if statuses else ""
        cells = [label, str(q1["queries"]), str(q10["queries"]), _kb(q1["bytes"]), _kb(q10["bytes"]),
                 f"{q1['ms']:.0f} ms", f"{q10['ms']:.0f} ms", *_load_cells(runs[0]),
                 *_load_cells(runs[1]), str(errors)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def section(results: dict) -> str:
    """This run's section in Markdown."""
    args, settings = results["args"], results["settings"]
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    counts = ", ".join(f"{n:,} {name}" for name, n in results["counts"].items())
    seeded = results["seed_seconds"]
    lines = [f"## {NAMES[results['database']]}", "",
             f"Run {when} on {os.cpu_count()} cores ({platform.machine()}), {settings.describe()}, "
             f"wrk with {args.clients} clients (a new connection per request, as behind nginx), {args.duration:g} s per page.", "",
             f"Data: {counts}."
             + (f" `seed-city --communities {args.communities}` took {seeded:.0f} s." if seeded else ""), ""]
    if "load" in results:
        bare = results["load"]["bare"]
        typical = sorted(bare, key=lambda r: r.rps)[(len(bare) - 1) // 2]  # the median run
        lines += [f"Bare Flask page, {len(bare)} runs between the pages: median {typical.rps:.0f} "
                  f"req/s (from {min(r.rps for r in bare):.0f} to {max(r.rps for r in bare):.0f}), "
                  f"p50 {typical.p50_ms:.1f} ms, p95 {typical.p95_ms:.1f} ms, "
                  f"{_kb(typical.bytes // max(typical.requests, 1))}.", ""]
    lines += _pages_table(results) + [""]
    if sign := results.get("signups"):
        lines += [f"Sign-ups, 400 people for 100 places on one shift, {args.clients} at a time: "
                  f"{sign['rps']:.1f} POSTs/s ({sign['seconds']:.1f} s, p50 {sign['p50_ms']:.0f} ms, "
                  f"p95 {sign['p95_ms']:.0f} ms); {sign['confirmed']} confirmed, {sign['waitlisted']} "
                  f"waitlisted, shift.taken {sign['taken']}, {sign['errors']} errors "
                  f"(statuses {sign['statuses']}).", ""]
    if mem := results.get("memory"):
        lines += [f"One worker's RSS: {mem['booted_mb']:.0f} MB booted, {mem['idle_mb']:.0f} MB idle "
                  f"after three pages, {mem['after_mb']:.0f} MB after {mem['pdfs']} uncached checklist "
                  f"PDFs of `city-001` (+{mem['after_mb'] - mem['idle_mb']:.0f} MB; a PDF took "
                  f"{mem['pdf_median_s']:.2f} s median, {mem['pdf_max_s']:.2f} s max, "
                  "rendered in the worker measured, RENDER_QUEUE_INLINE=1; served normally, a "
                  "request never renders: the render queue does, and the request is answered at once).", ""]
    if pdf := results.get("pdf"):
        from bench.pdf import TITLE

        lines += [f"{TITLE}:", "", "```", *pdf, "```", ""]
    return "\n".join(lines)


def write(database: str, text: str) -> None:
    """Replace this database's section of results.md (the other's stays)."""
    old = RESULTS.read_text() if RESULTS.exists() else HEADER
    sections = dict(re.findall(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->", old, re.S))
    sections[database] = text + "\n"
    body = "".join(f"<!-- bench:{name} -->\n{sections[name]}<!-- /bench:{name} -->\n\n"
                   for name in ("sqlite", "postgresql") if name in sections)
    RESULTS.write_text(HEADER + "\n" + body)

"""`make bench`: the city data set under gunicorn, side by side with a bare Flask page.

    python -m bench [--db sqlite|postgres] [--communities 100] [--duration 5] [--pages home,issues]

Builds the city (demo/city.py) into a throwaway instance, counts the SQL queries of each
page at 1× and 10× in this process, then serves the app and the bare page with the same
gunicorn settings and loads every page with wrk; then sign-ups under contention, worker
memory, and the checklist PDF timings. Writes this database's section of bench/results.md.
PostgreSQL: run under scripts/with-postgres (`make bench DB=postgres`).
"""
import argparse
import os
import runpy
import shutil
import time
from pathlib import Path

from bench import instance as instances
from bench import load, memory, queries, report, signups
from bench.client import Browser
from bench.pages import BIG, NORMAL, PAGES, STAFF_PASSWORD, find_target, remember_cookie
from bench.server import Server, Settings


def production_settings() -> dict:
    """The workers and threads `make run` serves with (gunicorn.conf.py, sized to the
    machine): the app and the bare page are both measured as production runs them."""
    return runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--communities", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--big-factor", type=float, default=10)
    parser.add_argument("--duration", type=float, default=5, help="seconds of load per page")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    served = production_settings()
    parser.add_argument("--workers", type=int, default=served["workers"],
                        help="gunicorn workers (default: gunicorn.conf.py's, as `make run`)")
    parser.add_argument("--threads", type=int, default=served["threads"])
    parser.add_argument("--pages", default="", help="comma-separated page keys (default: all)")
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out: "
                        "load, signups, memory, pdf")
    parser.add_argument("--instance", help="reuse this folder (its data is kept; SQLite only)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write results.md")
    return parser.parse_args()


def login_cookies(base: str, targets) -> dict[str, str]:
    """A logged-in staff session per community, as a Cookie header for wrk."""
    cookies = {}
    for target in targets:
        browser = Browser(base)
        browser.log_in(target.staff_user, STAFF_PASSWORD)
        cookies[target.slug] = browser.cookie_header()
        browser.close()
    return cookies


def measure_pages(app_server, bare, targets, pages, cookies, remembered, args) -> dict:
    """wrk on each page of both communities, with the bare page loaded just before and just
    after it: a page's share is taken against its own neighbours, so whatever else the
    machine does during the run weighs on both sides alike."""
    def bare_run():
        measured = load.run(bare.base + "/", args.duration, args.clients)
        bare.wait_idle()
        return measured

    found = {"bare": [bare_run()]}
    for target in targets:
        for page in pages:
            cookie = (cookies[target.slug] if page.staff
                      else remembered[target.slug] if page.remembered else "")
            url = app_server.base + target.path(page)
            load.run(url, 1, 2, cookie)  # warm: the cached PDF, Jinja's templates, the pool
            app_server.wait_idle()
            measured = load.run(url, args.duration, args.clients, cookie)
            app_server.wait_idle()
            found["bare"].append(bare_run())
            measured.bare_rps = (found["bare"][-2].rps + found["bare"][-1].rps) / 2
            found[(page.key, target.slug)] = measured
            print(f"  {page.key:22} {target.slug:9} {measured.rps:7.1f} req/s "
                  f"({measured.rps / measured.bare_rps:.0%} of bare)", flush=True)
    return found


def main() -> None:
    args = options()
    skip = set(filter(None, args.skip.split(",")))
    pages = [p for p in PAGES if not args.pages or p.key in args.pages.split(",")]
    inst = instances.make(args.db, args.instance)
    os.environ.update(inst.env())  # this process's app sees the same instance and secret
    print(f"bench on {inst.database} in {inst.folder}", flush=True)
    instances.seed(inst, args.communities, args.seed, args.big_factor)
    from app import create_app
    from extensions import db

    # Counting sees pages built, not served from memory (the load below sees both); PDFs
    # render inline: the first request of each page fills the PDF cache the servers share.
    app = create_app({"WTF_CSRF_ENABLED": False, "PAGE_CACHE": False, "RENDER_QUEUE_INLINE": True})
    with app.app_context():
        targets = [find_target(NORMAL), find_target(BIG)]
        remembered = {t.slug: remember_cookie(t) for t in targets}
        counts = report.row_counts()
        db.engine.dispose()
    print("counting queries …", flush=True)
    counted = queries.count(app, targets, pages)
    settings = Settings(args.workers, args.threads)
    env, logs = inst.env(), f"{inst.folder}/gunicorn.log"
    results = {"counts": counts, "queries": counted, "settings": settings, "args": args,
               "seed_seconds": inst.seconds_to_seed, "database": inst.database, "pages": pages,
               "targets": targets}
    if not {"load", "signups"} <= skip:
        app_server = Server("app:create_app()", settings, env, logs)
        bare = Server("bench.bare:app", settings, env, logs)
        try:
            if "load" not in skip:
                print(f"loading pages for {args.duration:g} s each, {args.clients} clients …", flush=True)
                cookies = login_cookies(app_server.base, targets)
                results["load"] = measure_pages(app_server, bare, targets, pages, cookies,
                                                remembered, args)
            if "signups" not in skip:
                print("sign-ups: 400 people for 100 places …", flush=True)
                results["signups"] = signups.run(app, app_server.base, NORMAL, clients=args.clients)
        finally:
            app_server.stop()
            bare.stop()
    if "memory" not in skip:
        print("worker memory and 50 uncached PDFs …", flush=True)
        results["memory"] = memory.run(env, settings, NORMAL, logs)
    if "pdf" not in skip and inst.database == "sqlite":
        from bench import pdf

        print("checklist PDF timings …", flush=True)
        results["pdf"] = pdf.run(inst.folder)
    text = report.section(results)
    print(text)
    if not args.no_write:
        report.write(inst.database, text)
    if not args.instance:
        shutil.rmtree(inst.folder, ignore_errors=True)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"bench took {time.perf_counter() - started:.0f} s")

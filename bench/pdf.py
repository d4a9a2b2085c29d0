"""The checklist PDF for 40 and 400 offers, first render and cached (the original `make bench`).

Targets (2-core machine): 40 offers first render < 0.5 s, cached < 20 ms; through the render
queue (blueprints/printing/queue.py, a local thread) within 1.2x of WeasyPrint alone on the
same HTML.
Runs in this process on its own SQLite file inside the bench's throwaway folder.

    python -m bench.pdf [--queue-only]    # the PDF lines alone, into a temporary folder
"""
import logging
import statistics
import time

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import text

from blueprints.offers import schedule, services
from extensions import db
from models import Community, Partner
from printing.cache import PREFIX, content_key
from blueprints.printing.queue import backend, enqueue_render
from printing.render import html_to_pdf, render_html, render_pdf

TITLE = ("Service checklist PDF (WeasyPrint, SQLite); targets: 40 offers first < 0.5 s, cached < 20 ms, "
         "through the queue < 1.2x WeasyPrint")


def seed(slug: str, offers: int) -> Community:
    """A community with `offers` published offers spread over partners of every kind."""
    community = Community(slug=slug, name=f"测试社区{offers}")
    db.session.add(community)
    kinds = ("restaurant", "barber", "supermarket", "clinic", "pharmacy", "property")
    for n in range(offers):
        partner = Partner(community=community, name=f"共建单位{n:03d}", kind=kinds[n % len(kinds)],
                          address=f"流津路{n}号", phone="0317-5550000")
        db.session.add(partner)
        db.session.flush()
        terms = {**schedule.EMPTY_TERMS, "title": f"便民服务{n:03d}", "benefit": "凭身份证享受九折优惠，每月一次",
                 "eligibility": ["over_age", "disabled"], "min_age": 80,
                 "schedule": "monthday", "month_day": 28, "opens_at": "09:00", "closes_at": "11:30"}
        offer = services.create_offer(partner, None, terms)
        services.submit(offer, None)
        services.approve(services.open_revision(offer), None)
    return community


def _empty_cache() -> None:
    """Forget every cached PDF (they live in the database, and lately served ones in this
    process's memory), as after an approved change, which makes new content."""
    for kept in ("recent_pdfs", "print_pointers", "print_memo"):
        current_app.extensions.pop(kept, None)
    db.session.commit()
    db.session.execute(text("DELETE FROM stored_blobs WHERE key LIKE :p"), {"p": f"{PREFIX}%"})
    db.session.commit()


def timed(community: Community, size: str = "A4") -> tuple[float, bool, int]:
    start = time.perf_counter()
    result = render_pdf("services", community, {"size": size})
    return time.perf_counter() - start, result.cached, len(result.data)


def first_renders(community: Community, cache_dir: str, runs: int = 5) -> list[float]:
    """Renders that miss the PDF cache (emptied before each), as after an approved change."""
    times = []
    for _ in range(runs):
        _empty_cache()
        elapsed, cached, _size = timed(community)
        assert not cached
        times.append(elapsed)
    return times


def weasyprint_alone(html: str) -> tuple[float, float]:
    """WeasyPrint's own time, wall and CPU: the poster's finished HTML to PDF, nothing else."""
    start, cpu = time.perf_counter(), time.process_time()
    html_to_pdf(html)
    return time.perf_counter() - start, time.process_time() - cpu


def building(community: Community) -> tuple[float, str]:
    """Time to build the poster's HTML from the database (part of every render)."""
    start = time.perf_counter()
    html, _filename = render_html("services", community, {"size": "A4"})
    return time.perf_counter() - start, html


def through_queue(community: Community, cache_dir: str, html: str) -> tuple[float, float]:
    """From enqueue_render to the job's row saying done, wall and CPU (all threads)."""
    _empty_cache()
    start, cpu = time.perf_counter(), time.process_time()
    job = enqueue_render("services", community.slug, {"size": "A4"})
    job_id = job.id
    db.session.commit()  # the thread records its progress: hold no SQLite lock meanwhile
    backend().wait()
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    db.session.expire_all()
    job = db.session.get(type(job), job_id)
    assert job.state == "done", job.error
    assert job.content_key == content_key(html)  # the very HTML WeasyPrint alone was timed on
    db.session.commit()
    return elapsed


def queue_line(community: Community, cache_dir: str, runs: int = 7) -> str:
    """Median through the queue against median WeasyPrint alone on the same HTML.

    The two alternate, run by run, so that a busy machine slows both alike; CPU time (of
    every thread of the process) is shown too, as it does not count other programs' load.
    """
    alone, queued, built = [], [], []
    for n in range(runs):
        build_time, html = building(community)
        built.append(build_time)
        if n % 2:  # and take turns going first
            queued.append(through_queue(community, cache_dir, html))
            alone.append(weasyprint_alone(html))
        else:
            alone.append(weasyprint_alone(html))
            queued.append(through_queue(community, cache_dir, html))
    (a, a_cpu), (q, q_cpu) = ([statistics.median(t[i] for t in times) for i in (0, 1)]
                              for times in (alone, queued))
    return (f"  40 offers through the render queue: median {q:.3f} s ({q_cpu:.3f} s CPU), WeasyPrint "
            f"alone on the same HTML {a:.3f} s ({a_cpu:.3f} s CPU): {q / a:.2f}x wall, "
            f"{q_cpu / a_cpu:.2f}x CPU (target < 1.2x; building the HTML "
            f"{statistics.median(built) * 1000:.0f} ms of it)")


def make_app(root: str):
    """The bench's app: its own SQLite file and print cache, a local render thread."""
    from app import create_app

    logging.getLogger("alembic").setLevel(logging.WARNING)
    # RENDER_ON_CHANGE off: seeding approves offers one by one, which would queue renders.
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{root}/pdf-bench.db", "AUTO_MIGRATE": False,
                       "PRINT_CACHE_DIR": f"{root}/pdf-print-cache", "PUBLIC_BASE_URL": "http://doorstep.test",
                       "RENDER_QUEUE_URL": "", "RENDER_QUEUE_INLINE": False, "RENDER_ON_CHANGE": False})


def run(root: str, queue_only: bool = False) -> list[str]:
    """One line per size of checklist: median first render and cached render; then the queue."""
    app = make_app(root)
    cache_dir = app.config["PRINT_CACHE_DIR"]
    lines = []
    with app.app_context(), app.test_request_context():
        upgrade()
        timed(seed("warmup", 3))  # fonts and WeasyPrint imports load once
        if queue_only:
            lines.append(queue_line(seed("bench40", 40), cache_dir))
            db.engine.dispose()
            return lines
        for count in (40, 400):
            community = seed(f"bench{count}", count)
            first, cached_flag, size = timed(community)
            firsts = [first] + first_renders(community, cache_dir, 4 if count < 100 else 2)
            cached = statistics.median(timed(community)[0] for _ in range(5))
            assert not cached_flag
            lines.append(f"{count:>4} offers: first render median {statistics.median(firsts):.3f} s "
                         f"(max {max(firsts):.3f} s of {len(firsts)}), cached median {cached * 1000:.1f} ms, "
                         f"{size // 1024} KiB")
            if count == 40:
                lines.append(queue_line(community, cache_dir))
        db.engine.dispose()
    return lines


if __name__ == "__main__":
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="doorstep-pdf-bench-") as folder:
        print("\n".join(run(folder, queue_only="--queue-only" in sys.argv)))

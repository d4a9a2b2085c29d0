"""The checklist PDF for 40 and 400 offers, first render and cached (the original `make bench`).

Targets (2-core machine): 40 offers first render < 0.5 s, cached < 20 ms. Runs in this
process on its own SQLite file inside the bench's throwaway folder.
"""
import logging
import shutil
import statistics
import time

from flask_migrate import upgrade

from blueprints.offers import schedule, services
from extensions import db
from models import Community, Partner
from printing.render import render_pdf

TITLE = "Service checklist PDF (WeasyPrint, SQLite); targets: 40 offers first < 0.5 s, cached < 20 ms"


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


def timed(community: Community, size: str = "A4") -> tuple[float, bool, int]:
    start = time.perf_counter()
    result = render_pdf("services", community, {"size": size})
    return time.perf_counter() - start, result.cached, len(result.data)


def first_renders(community: Community, cache_dir: str, runs: int = 5) -> list[float]:
    """Renders that miss the PDF cache (emptied before each), as after an approved change."""
    times = []
    for _ in range(runs):
        shutil.rmtree(cache_dir, ignore_errors=True)
        elapsed, cached, _size = timed(community)
        assert not cached
        times.append(elapsed)
    return times


def run(root: str) -> list[str]:
    """One line per size of checklist: median first render and cached render."""
    from app import create_app

    logging.getLogger("alembic").setLevel(logging.WARNING)
    cache_dir = f"{root}/pdf-print-cache"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{root}/pdf-bench.db", "AUTO_MIGRATE": False,
                      "PRINT_CACHE_DIR": cache_dir, "PUBLIC_BASE_URL": "http://doorstep.test"})
    lines = []
    with app.app_context(), app.test_request_context():
        upgrade()
        timed(seed("warmup", 3))  # fonts and WeasyPrint imports load once
        for count in (40, 400):
            community = seed(f"bench{count}", count)
            first, cached_flag, size = timed(community)
            firsts = [first] + first_renders(community, cache_dir, 4 if count < 100 else 2)
            cached = statistics.median(timed(community)[0] for _ in range(5))
            assert not cached_flag
            lines.append(f"{count:>4} offers: first render median {statistics.median(firsts):.3f} s "
                         f"(max {max(firsts):.3f} s of {len(firsts)}), cached median {cached * 1000:.1f} ms, "
                         f"{size // 1024} KiB")
        db.engine.dispose()
    return lines

"""Sign-up POSTs per second: 400 people for the 100 places of one shift, 8 at a time.

Each simulated phone has its own address (X-Forwarded-For, the app trusts one proxy), so
the public form's rate limit counts them apart as it would on the street.
"""
import statistics
import threading
import time
from datetime import timedelta

from sqlalchemy import func, select

from bench.client import Browser
from extensions import db
from models import Activity, Community, Shift, Signup
from models.base import utcnow


def make_shift(app, slug: str, capacity: int = 100) -> tuple[int, int]:
    """A new activity with one shift of `capacity` places, in three days; (activity, shift)."""
    with app.app_context():
        community = db.session.scalar(select(Community.id).where(Community.slug == slug))
        now = utcnow()
        activity = Activity(community_id=community, title="报名压力测试", category="action",
                            description="bench", created_at=now)
        start = now + timedelta(days=3)
        activity.shifts.append(Shift(starts_at=start, ends_at=start + timedelta(hours=2),
                                     capacity=capacity, taken=0, role="测试"))
        db.session.add(activity)
        db.session.commit()
        ids = activity.id, activity.shifts[0].id
        db.engine.dispose()
    return ids


def _phone(base: str, slug: str, activity: int, shift: int, people: range, start: threading.Barrier,
           results: list) -> None:
    browser = Browser(base)
    token = browser.csrf_token(f"/c/{slug}/activities/{activity}")
    path = f"/c/{slug}/activities/{activity}/shifts/{shift}/signup"
    start.wait()
    for n in people:
        browser.address = f"10.{n // 250}.{n % 250}.7"
        began = time.perf_counter()
        status, _headers, _body = browser.post(path, {f"s{shift}-name": f"测试{n}",
                                                      f"s{shift}-mobile": f"1970000{n:04d}",
                                                      f"s{shift}-team": "0"},
                                               headers={"X-CSRFToken": token, "HX-Request": "true"})
        results.append((status, time.perf_counter() - began))
    browser.close()


def run(app, base: str, slug: str, people: int = 400, clients: int = 8) -> dict:
    """Post the sign-ups, then read back what the database holds."""
    activity, shift = make_shift(app, slug)
    results: list = []
    start = threading.Barrier(clients + 1)
    threads = [threading.Thread(target=_phone, args=(base, slug, activity, shift,
                                                     range(k, people, clients), start, results))
               for k in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    with app.app_context():
        statuses = dict(db.session.execute(select(Signup.status, func.count())
                                           .where(Signup.shift_id == shift).group_by(Signup.status)).all())
        taken = db.session.scalar(select(Shift.taken).where(Shift.id == shift))
        db.engine.dispose()
    latencies = sorted(t for _s, t in results)
    return {"posts": len(results), "seconds": seconds, "rps": len(results) / seconds,
            "errors": sum(s != 200 for s, _t in results),
            "statuses": sorted({s for s, _t in results}), "confirmed": statuses.get("confirmed", 0),
            "waitlisted": statuses.get("waitlisted", 0), "taken": taken,
            "p50_ms": statistics.median(latencies) * 1000,
            "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000}

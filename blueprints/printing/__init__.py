"""The print centre: previews and PDFs of every registered document, rendered in the background.

queue.py and jobs.py run the renders (RQ on Redis, or local threads) and keep their state in
render_jobs; delivery.py answers PDF requests from the cache without rendering in them.
"""
from flask import Blueprint

from blueprints.community.lookup import bind_community

bp = Blueprint("printing", __name__, url_prefix="/staff/<slug>/print")
bind_community(bp)

from blueprints.printing import routes  # noqa: E402,F401  (the routes register themselves on bp)

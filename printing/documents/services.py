"""便民服务清单 poster: every published offer, grouped, in plain words, with a QR to the live list."""
import hashlib
import json
from functools import lru_cache

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from blueprints.services import checklist, schedule
from blueprints.services.forms import KIND_LABELS
from models import Community
from printing.links import SHANGHAI, public_url
from printing.qr import qr_data_uri
from printing.registry import Document, DocumentError, PrintJob, register_document


@lru_cache(maxsize=64)
def _qr(url: str) -> str:
    """The QR of the live list: same URL, same image, so render it once per process."""
    return qr_data_uri(url)


def _record(community: Community, snapshot: dict, options: dict) -> None:
    """Remember a staff or CLI printing (not the public download, not the preview)."""
    if options.get("public") or (has_request_context() and request.endpoint == "printing.preview"):
        return
    actor = current_user if has_request_context() and current_user.is_authenticated else None
    key = hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    checklist.record_print(community, actor, key, snapshot)


def build(community: Community, options: dict) -> PrintJob:
    """The checklist for `--size A4` (default) or `--size A3`."""
    size = str(options.get("size") or "A4").upper()
    if size not in ("A4", "A3"):
        raise DocumentError(f"size must be A4 or A3, not {size}")
    offers = checklist.live_offers(community)
    views = checklist.shown(offers)
    groups = [(str(KIND_LABELS.get(kind, kind)), [(o, *views[o.id]) for o in items])
              for kind, items in checklist.grouped(offers, "kind")]
    stamps = [o.published_at for o in offers if o.published_at]
    updated = max(stamps).astimezone(SHANGHAI).date() if stamps else None
    url = public_url("services.checklist", slug=community.slug)
    _record(community, checklist.checklist_snapshot(offers), options)
    return PrintJob(
        template="print/services.html",
        context={"groups": groups, "count": len(offers), "updated": updated, "url": url,
                 "qr": _qr(url), "size": size},
        filename=f"services-{community.slug}-{size.lower()}.pdf",
    )


register_document(
    Document(
        name="services",
        title=_l("便民服务清单"),
        build=build,
        options={"size": "A4 (default) or A3"},
    )
)

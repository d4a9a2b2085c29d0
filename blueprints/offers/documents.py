"""The service checklist's printed poster (便民服务清单), registered with printing/."""
from functools import lru_cache

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from blueprints.core import clock
from blueprints.offers import checklist
from blueprints.offers.forms import KIND_LABELS
from models import Community, User
from printing.links import public_url
from printing.qr import qr_data_uri
from printing.registry import (
    Document,
    DocumentError,
    PrintJob,
    PrintStatus,
    register_document,
)


@lru_cache(maxsize=64)
def _qr(url: str) -> str:
    """The QR of the live list: same URL, same image, so render it once per process."""
    return qr_data_uri(url)


def build(community: Community, options: dict) -> PrintJob:
    """The checklist for `--size A4` (default) or `--size A3`; reads only."""
    size = str(options.get("size") or "A4").upper()
    if size not in ("A4", "A3"):
        raise DocumentError(f"size must be A4 or A3, not {size}")
    offers = checklist.live_offers(community)
    views = checklist.shown(offers)
    groups = [(str(KIND_LABELS.get(kind, kind)), [(o, *views[o.id]) for o in items])
              for kind, items in checklist.grouped(offers, "kind")]
    stamps = [o.published_at for o in offers if o.published_at]
    updated = clock.today(max(stamps)) if stamps else None
    url = public_url("offers.checklist", slug=community.slug)
    return PrintJob(
        template="offers/print/checklist.html",
        context={"groups": groups, "count": len(offers), "updated": updated, "url": url,
                 "qr": _qr(url), "size": size},
        filename=f"services-{community.slug}-{size.lower()}.pdf",
        memo={"snapshot": checklist.checklist_snapshot(offers, views)},
    )


def fingerprint(community: Community, options: dict) -> str:
    """What the sheet is made from, cheaply: the pre-render cache key's data part."""
    url = public_url("offers.checklist", slug=community.slug)
    return f"{url}|{checklist.fingerprint(community)}"


def on_printed(community: Community, job: PrintJob, actor: User | None) -> None:
    """Remember what was on the sheet staff printed, to tell later what changed."""
    checklist.record_print(community, actor, job.memo["snapshot"])


def status(community: Community) -> PrintStatus:
    """Whether the notice-board copy is current, and what changed since it was printed."""
    changes = checklist.print_changes(community)
    details = ([_("新增：") + line for line in changes["added"]]
               + [_("撤下：") + line for line in changes["removed"]]
               + [_("修改：") + f"{old} → {new}" for old, new in changes["changed"]])
    if changes["last"] is None:
        return PrintStatus(_("还没有打印过。"), details, needs_printing=True)
    if details:
        return PrintStatus(_("清单自上次打印后有变化，需要重新打印："), details, needs_printing=True)
    return PrintStatus(_("自上次打印后没有变化。"))


register_document(
    Document(
        name="services",
        title=_l("便民服务清单"),
        build=build,
        options={"size": "A4 (default) or A3"},
        on_printed=on_printed,
        status=status,
        fingerprint=fingerprint,
    )
)

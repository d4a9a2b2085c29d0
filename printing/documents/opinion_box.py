"""民意收集箱 poster: one A4 page per compound with a QR code to the report form."""
from flask_babel import lazy_gettext as _l

from models import Community
from printing.links import report_form_url
from printing.qr import qr_data_uri
from printing.registry import Document, DocumentError, PrintJob, register_document


def build(community: Community, options: dict) -> PrintJob:
    """Pages for every compound, or only `--compound <id>`."""
    compounds = community.compounds
    if wanted := options.get("compound"):
        compounds = [c for c in compounds if str(c.id) == str(wanted)]
        if not compounds:
            raise DocumentError(f"no compound {wanted} in {community.slug}")
    pages = []
    for compound in compounds:
        url = report_form_url(community.slug, compound.id)
        pages.append({"compound": compound, "url": url, "qr": qr_data_uri(url)})
    return PrintJob(
        template="print/opinion_box.html",
        context={"pages": pages},
        filename=f"opinion-box-{community.slug}.pdf",
    )


register_document(
    Document(
        name="opinion-box",
        title=_l("民意收集箱海报"),
        build=build,
        options={"compound": "print only this compound id"},
    )
)

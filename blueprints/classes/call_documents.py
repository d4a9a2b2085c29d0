"""The recruitment poster (招募令海报), registered with printing/: A4, a QR code to apply."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from blueprints.classes import calls
from blueprints.core.fields import db_int
from extensions import db
from models import Community, RecruitmentCall
from printing.links import public_url
from printing.qr import qr_data_uri
from printing.registry import Document, DocumentError, PrintJob, register_document


def _call(community: Community, options: dict) -> RecruitmentCall:
    """The call named by `--call <id>` in this community, or DocumentError."""
    try:
        call_id = db_int(options["call"])
    except (KeyError, TypeError, ValueError):
        raise DocumentError("--call <id> is required")
    call = calls.get_call(community, call_id)
    if call is None:
        raise DocumentError(f"no recruitment call {options['call']} in {community.slug}")
    return call


def build(community: Community, options: dict) -> PrintJob:
    """The poster of `--call <id>`: the skill sought, for whom, how often, the QR to apply."""
    call = _call(community, options)
    url = public_url("classes.call_page", slug=community.slug, call_id=call.id)
    return PrintJob(template="classes/print/recruitment_call.html",
                    context={"call": call, "url": url, "qr": qr_data_uri(url, scale=8)},
                    filename=f"recruitment-call-{call.id}.pdf")


def fingerprint(community: Community, options: dict) -> str:
    """What the poster shows: the call's words and status (cheap, one row)."""
    call = _call(community, options)
    return "|".join((str(call.id), call.skill, call.audience, call.frequency, call.details,
                     call.status, call.request.subject if call.request else ""))


def choices(community: Community) -> dict[str, list[tuple[str, str]]]:
    """The community's open calls, newest first."""
    open_calls = db.session.scalars(
        select(RecruitmentCall).where(RecruitmentCall.community_id == community.id,
                                      RecruitmentCall.status == "open")
        .order_by(RecruitmentCall.created_at.desc(), RecruitmentCall.id.desc()).limit(50))
    return {"call": [(str(c.id), f"#{c.id} {c.skill}") for c in open_calls]}


register_document(Document(
    name="recruitment-call", title=_l("招募令海报"), build=build,
    options={"call": "recruitment call id"}, fingerprint=fingerprint, choices=choices,
))

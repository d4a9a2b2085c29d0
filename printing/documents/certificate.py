"""志愿服务时长证明: one person's attended shifts of a year, certified by the community."""
from flask_babel import lazy_gettext as _l

from blueprints.volunteers import services
from extensions import db
from models import Community, Person
from printing.links import local_today
from printing.registry import Document, DocumentError, PrintJob, register_document


def _int_option(options: dict, name: str) -> int:
    try:
        return int(options[name])
    except (KeyError, TypeError, ValueError):
        raise DocumentError(f"--{name} <number> is required")


def build(community: Community, options: dict) -> PrintJob:
    """The certificate of `--person <id>` for `--year <yyyy>` (default: this year)."""
    person = db.session.get(Person, _int_option(options, "person"))
    if person is None or person.community_id != community.id:
        raise DocumentError(f"no person {options.get('person')} in {community.slug}")
    year = _int_option(options, "year") if options.get("year") else local_today().year
    records = services.attended_records(person, year)
    minutes = sum(r.minutes for r in records)
    return PrintJob(
        template="print/certificate.html",
        context={"person": person, "year": year, "records": records, "hours": minutes / 60,
                 "today": local_today()},
        filename=f"certificate-{person.id}-{year}.pdf",
    )


register_document(Document(
    name="certificate", title=_l("志愿服务时长证明"), build=build,
    options={"person": "person id", "year": "year, e.g. 2026"},
))

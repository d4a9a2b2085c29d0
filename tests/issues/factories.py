"""make_<thing> helpers for issue tests."""
from io import BytesIO

from PIL import Image

from blueprints.issues import services
from extensions import db
from models import Issue
from tests.factories import make_community, make_compound


def png_bytes(size=(40, 30), colour="blue") -> bytes:
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def make_issue(community=None, compound=None, **overrides) -> Issue:
    """An issue reported through the public form unless overridden."""
    community = community or make_community()
    compound = compound or make_compound(community)
    values = {"compound_id": compound.id, "category": "road", "what": "井盖塌陷",
              "where": "3号楼前", "reporter_name": "王阿姨", "reporter_mobile": "13912345678"}
    status = overrides.pop("status", None)
    values.update(overrides)
    issue = services.build_issue(community, services.Report(**values), "/nonexistent")
    db.session.commit()
    if status:
        db.session.execute(db.update(Issue).where(Issue.id == issue.id).values(status=status))
        db.session.commit()
        db.session.refresh(issue)
    return issue



"""make_<thing> helpers for classes tests."""
from extensions import db
from models import CourseRequest, CourseSupport
from tests.factories import make_person


def make_request(community, subject="钩针编织", supporters=0, **overrides) -> CourseRequest:
    """An open request with `supporters` new residents supporting it (the count kept)."""
    values = {"subject": subject, "details": "", "support_count": supporters}
    values.update(overrides)
    item = CourseRequest(community_id=community.id, **values)
    db.session.add(item)
    db.session.flush()
    for _ in range(supporters):
        db.session.add(CourseSupport(request_id=item.id, person_id=make_person(community).id))
    db.session.commit()
    return item

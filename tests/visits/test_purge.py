"""Old visits lose the residents' own words (need, free text); figures stay."""
import uuid
from datetime import timedelta

from blueprints.core import clock
from blueprints.visits import purge, services
from blueprints.visits.coverage import coverage
from extensions import db
from models.visits import VisitQuestion
from tests.visits.factories import make_round


def test_purge_clears_old_needs_and_free_text_and_keeps_figures(app):
    r = make_round()
    words = VisitQuestion(kind="text", label="其他情况", position=2)
    r.campaign.questions.append(words)
    db.session.commit()
    old = services.record_visit(r.campaign, r.doors[0], r.worker, str(uuid.uuid4()), "visited",
                                {r.temperature.id: "16", words.id: "儿子在外地，电话13812345678"},
                                need="暖气不热", make_issue=True,
                                visited_at=clock.now() - timedelta(days=800))
    new = services.record_visit(r.campaign, r.doors[1], r.worker, str(uuid.uuid4()), "visited",
                                {words.id: "一切都好"}, need="楼道灯坏了")
    before = coverage(r.campaign)
    assert purge.visit_answers(clock.now(), {"PURGE_VISIT_ANSWER_DAYS": 730}) == 1
    db.session.expire_all()
    assert old.need == "" and [a.text for a in old.answers] == ["", ""]
    assert old.answers[0].number == 16 and old.issue.what == "暖气不热"
    assert new.need == "楼道灯坏了" and new.answers[0].text == "一切都好"
    after = coverage(r.campaign)
    assert after.numbers == before.numbers and after.grids[0].visited == 2
    assert purge.visit_answers(clock.now(), {}) == 0  # nothing left to clear

"""A community with a row in every export, each carrying a full mobile number somewhere."""
import uuid
from datetime import date

import pytest

from blueprints.issues import services as issue_services
from extensions import db
from models import CostShare, Payment, Visit
from tests.factories import make_community, make_compound, make_household, make_person, make_user
from tests.issues.factories import make_issue
from tests.offers.factories import make_offer, make_partner
from tests.visits.factories import make_campaign
from tests.volunteers.factories import make_activity, make_shift, make_signup

# Numbers that must never leave unmasked unless staff tick "full numbers".
NUMBERS = ("13912345678", "13800001111", "13700002222", "13600003333")


@pytest.fixture
def world(app):
    """兴元社区 (slug xy): a household, a partner with a service, a volunteer's sign-up, an
    issue with a staff note, its cost share and a payment, and a visit."""
    community = make_community(slug="xy", name="兴元社区")
    compound = make_compound(community, name="水产宿舍")
    household = make_household(compound, address="3号楼2单元401", room="401")
    person = make_person(community, name="王阿姨", mobile=NUMBERS[0], household_id=household.id)
    staff = make_user("staff", communities=[community], display_name="李书记")
    partner = make_partner(community, name="永兴超市", contact_name="张经理",
                           contact_phone=NUMBERS[1])
    make_offer(partner)
    shift = make_shift(make_activity(community, title="清扫楼道"))
    make_signup(shift, person, status="attended")
    issue = make_issue(community, compound, what=f"井盖松动 请回电{NUMBERS[2]}")
    issue_services.add_comment(issue, f"物业电话{NUMBERS[3]}", staff)
    share = CostShare(issue_id=issue.id, household_id=household.id, amount_fen=4167)
    db.session.add(share)
    db.session.flush()
    db.session.add(Payment(share_id=share.id, payer_name="王阿姨", amount_fen=4167,
                           paid_on=date(2026, 12, 1), collected_by="李书记",
                           note=f"微信转账 {NUMBERS[0]}"))
    campaign = make_campaign(community, [])
    db.session.add(Visit(community_id=community.id, campaign_id=campaign.id,
                         household_id=household.id, client_id=str(uuid.uuid4()), outcome="visited",
                         need=f"女儿电话{NUMBERS[2]}，想要助浴", visitor_id=staff.id))
    db.session.commit()
    return community, staff

"""Accounts without HTTP: passwords, creation rules, one-time invites."""
from datetime import timedelta

import pytest

from blueprints.auth import services
from extensions import db
from models import AuditEvent, Invite
from models.base import utcnow
from tests.factories import PASSWORD, make_community, make_user


def test_authenticate_by_username_or_mobile(app):
    community = make_community()
    user = make_user("staff", [community], username="xu", mobile="13811112222")
    assert services.authenticate("xu", PASSWORD) == user
    assert services.authenticate("138 1111 2222", PASSWORD) == user
    assert user.last_login_at is not None


def test_wrong_password_unknown_user_and_inactive_all_fail_alike(app):
    community = make_community()
    make_user("staff", [community], username="xu")
    make_user("staff", [community], username="gone", active=False)
    assert services.authenticate("xu", "wrong") is None
    assert services.authenticate("nobody", PASSWORD) is None
    assert services.authenticate("gone", PASSWORD) is None


def test_non_admin_belongs_to_exactly_one_community(app):
    a, b = make_community(), make_community()
    with pytest.raises(services.AccountError):
        services.create_user(username="x1", display_name="X", role="staff", communities=[a, b])
    admin = services.create_user(username="x2", display_name="X", role="admin", communities=[a, b])
    assert {c.id for c in admin.communities} == {a.id, b.id}


def test_duplicate_username_and_mobile_are_refused_with_the_field(app):
    community = make_community()
    make_user("staff", [community], username="taken", mobile="13800001111")
    with pytest.raises(services.AccountError) as error:
        services.create_user(username="taken", display_name="Y", role="partner", communities=[community])
    assert error.value.field == "username"
    with pytest.raises(services.AccountError) as error:
        services.create_user(username="new", display_name="Y", role="partner",
                             communities=[community], mobile="138-0000-1111")
    assert error.value.field == "mobile"


def test_invite_sets_password_once_and_is_recorded(app):
    community = make_community()
    staff = make_user("staff", [community])
    worker = services.create_user(username="grid1", display_name="网格员", role="grid_worker",
                                  communities=[community], actor=staff)
    assert not worker.is_active  # no password yet
    token = services.create_invite(worker, community, staff, days=7)
    invite = services.open_invite(token)
    services.accept_invite(invite, "a-new-password", hash_method="pbkdf2:sha256:1000")
    assert services.authenticate("grid1", "a-new-password") == worker
    assert services.open_invite(token) is None
    actions = [e.action for e in db.session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions == ["user.created", "invite.created", "invite.accepted"]


def test_new_invite_cancels_the_old_one_and_expired_ones_fail(app):
    community = make_community()
    worker = services.create_user(username="g2", display_name="G", role="grid_worker",
                                  communities=[community])
    first = services.create_invite(worker, community, None, days=7)
    second = services.create_invite(worker, community, None, days=7)
    assert services.open_invite(first) is None
    invite = services.open_invite(second)
    invite.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert services.open_invite(second) is None
    assert services.open_invite("tampered" + second) is None
    assert db.session.query(Invite).count() == 2

from __future__ import annotations

import pytest

from ippon.services import accounts, scheduling
from ippon.services.context import Services
from ippon.services.errors import Invalid, TooManyAttempts, Unauthenticated

from .conftest import ADMIN, Clock, small_tournament

PASSWORD = "a long enough password"


def test_sessions_expire(svc: Services, clock: Clock) -> None:
    accounts.create_user(svc, ADMIN, username="ann", password=PASSWORD)
    session = accounts.login_password(svc, username="ann", password=PASSWORD, origin="a",
                                      hours=2)
    actor, is_session = accounts.authenticate(svc, session.token, "a")
    assert (actor.role, is_session) == ("admin", True)
    clock.advance(2 * 3600 + 1)
    with pytest.raises(Unauthenticated, match="expired"):
        accounts.authenticate(svc, session.token, "a")


def test_secrets_are_stored_hashed(svc: Services) -> None:
    ids = small_tournament(svc, athletes=2)
    accounts.create_user(svc, ADMIN, username="bob", password=PASSWORD)
    _, token = accounts.issue_credential(svc, ADMIN, mat_id=ids["mat"], kind="token")
    _, pin = accounts.issue_credential(svc, ADMIN, mat_id=ids["mat"], kind="pin")
    with svc.db.read() as conn:
        stored = " ".join(str(v) for table in ("users", "tokens", "sessions")
                          for row in conn.exec_driver_sql(f"SELECT * FROM {table}")
                          for v in row)
    for secret in (PASSWORD, token, pin):
        assert secret not in stored


def test_a_pin_signs_in_for_its_mat_until_revoked(svc: Services) -> None:
    ids = small_tournament(svc, athletes=2)
    other = scheduling.create_mat(svc, ADMIN, tournament_id=ids["tournament"], number=2)
    pin_id, pin = accounts.issue_credential(svc, ADMIN, mat_id=ids["mat"], kind="pin")
    with pytest.raises(Unauthenticated, match="wrong PIN"):
        accounts.login_pin(svc, mat_id=other, pin=pin, origin="b", hours=1)
    session = accounts.login_pin(svc, mat_id=ids["mat"], pin=pin, origin="b", hours=1)
    actor, _ = accounts.authenticate(svc, session.token, "b")
    assert (actor.role, actor.mat_id) == ("official", ids["mat"])
    accounts.revoke_credential(svc, ADMIN, credential_id=pin_id)
    with pytest.raises(Unauthenticated, match="ended"):
        accounts.authenticate(svc, session.token, "b")
    with pytest.raises(Unauthenticated):
        accounts.login_pin(svc, mat_id=ids["mat"], pin=pin, origin="b", hours=1)


def test_failed_logins_lock_out_their_origin_only(svc: Services, clock: Clock) -> None:
    accounts.create_user(svc, ADMIN, username="cat", password=PASSWORD)
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(Unauthenticated):
            accounts.login_password(svc, username="cat", password="nope", origin="x", hours=1)
    with pytest.raises(TooManyAttempts):
        accounts.login_password(svc, username="cat", password=PASSWORD, origin="x", hours=1)
    accounts.login_password(svc, username="cat", password=PASSWORD, origin="y", hours=1)
    clock.advance(accounts.FAILURE_WINDOW.total_seconds() + 1)
    accounts.login_password(svc, username="cat", password=PASSWORD, origin="x", hours=1)


def test_weak_passwords_are_refused(svc: Services) -> None:
    with pytest.raises(Invalid, match="at least"):
        accounts.create_user(svc, ADMIN, username="dan", password="short")

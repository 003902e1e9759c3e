"""Login attempts are rate-limited per origin (this module has a server of its own, because
afterwards the loopback address is locked out for ten minutes)."""

from __future__ import annotations

import httpx

from ippon.services.accounts import MAX_FAILURES

from .server import ADMIN_PASSWORD, Server


def test_too_many_failed_logins_lock_the_origin_out(server: Server) -> None:
    url = f"{server.base}/api/login"
    for _ in range(MAX_FAILURES):
        wrong = httpx.post(url, json={"username": "admin", "password": "wrong password"})
        assert wrong.status_code == 401
    locked = httpx.post(url, json={"username": "admin", "password": ADMIN_PASSWORD})
    assert locked.status_code == 429
    assert "wait" in locked.json()["detail"]
    pin = httpx.post(f"{server.base}/api/login/pin", json={"mat_id": 1, "pin": "000000"})
    assert pin.status_code == 429

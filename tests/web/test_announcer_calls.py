"""The announcer marks calls as made: over the API, and with the buttons of the announcer's page
(a signed-in announcer's or admin's; the public sees the page without them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from .server import ADMIN_PASSWORD, Server, build_event

PASSWORD = "a long announcer password"
_events: dict[str, dict[str, Any]] = {}


def event_of(server: Server) -> dict[str, Any]:
    """One event per server, with an announcer account and an announcer's token."""
    if server.base not in _events:
        with server.client(server.login()) as api:
            event = build_event(api, athletes=4)
            made = api.post("/api/users", json={"username": "ann", "password": PASSWORD,
                                                "role": "announcer"})
            assert made.status_code == 201, made.text
            event["announcer"] = api.post("/api/credentials",
                                          json={"role": "announcer"}).json()["secret"]
        _events[server.base] = event
    return _events[server.base]


@contextmanager
def browser(server: Server, username: str, password: str) -> Iterator[httpx.Client]:
    """A client signed in with the session cookie, as a browser is."""
    with httpx.Client(base_url=server.base, timeout=10) as client:
        answer = client.post("/api/login", json={"username": username, "password": password})
        assert answer.status_code == 200, answer.text
        yield client


def test_the_api_marks_and_undoes_a_call(server: Server) -> None:
    event = event_of(server)
    path = f"/api/tournaments/{event['tournament']}/calls"
    key = f"mat:1:contest:{event['contest']}"
    assert httpx.post(server.base + path, json={"key": key}).status_code == 401
    with server.client(event["token"]) as official:
        assert official.post(path, json={"key": key}).status_code == 403
    with server.client(event["announcer"]) as announcer:
        made = announcer.post(path, json={"key": key, "made": True})
        assert made.status_code == 200, made.text
        assert made.json()["made"] is True
        assert made.json()["by"].startswith("announcer:")
        unknown = announcer.post(path, json={"key": "mat:1:contest:999999"})
        assert unknown.status_code == 422
        assert "no call" in unknown.text
        undone = announcer.post(path, json={"key": key, "made": False})
        assert undone.status_code == 200
        assert undone.json()["made"] is False


def test_the_public_page_has_no_buttons(server: Server) -> None:
    event = event_of(server)
    page = httpx.get(f"{server.base}/tournaments/{event['tournament']}/announcer")
    assert page.status_code == 200
    assert 'id="calls"' not in page.text
    assert "<button" not in page.text.split("<main")[1]
    assert 'data-live="/live/tournaments/' in page.text
    assert "desk=1" not in page.text
    desk = httpx.get(f"{server.base}/live/tournaments/{event['tournament']}/announcer?desk=1")
    assert desk.status_code == 403


def test_a_signed_in_announcer_marks_calls_with_the_buttons(server: Server) -> None:
    event = event_of(server)
    tid = event["tournament"]
    key = f"mat:1:contest:{event['contest']}"
    with browser(server, "ann", PASSWORD) as ann:
        page = ann.get(f"/tournaments/{tid}/announcer")
        assert page.status_code == 200
        assert f'name="called" value="{key}"' in page.text
        assert "desk=1" in page.text  # its live part follows the desk's feed
        found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert found is not None
        action = f"/tournaments/{tid}/announcer/calls"
        assert ann.post(action, data={"called": key}).status_code == 403  # no CSRF token
        marked = ann.post(action, data={"called": key, "csrf_token": found[1]})
        assert marked.status_code == 303, marked.text
        assert marked.headers["location"] == f"/tournaments/{tid}/announcer"
        page = ann.get(f"/tournaments/{tid}/announcer")
        assert f'name="undo" value="{key}"' in page.text
        assert "by ann" in page.text
        undone = ann.post(action, data={"undo": key, "csrf_token": found[1]})
        assert undone.status_code == 303
        assert f'name="called" value="{key}"' in ann.get(f"/tournaments/{tid}/announcer").text
        # The organiser's pages stay closed to an announcer.
        assert ann.get("/admin").status_code == 403
        assert ann.post("/api/tournaments", json={"name": "X", "starts_on": "2026-07-01"},
                        headers={"X-CSRF-Token": found[1]}).status_code == 403


def test_an_admin_gets_the_buttons_and_a_bearer_token_does_not(server: Server) -> None:
    event = event_of(server)
    tid = event["tournament"]
    with browser(server, "admin", ADMIN_PASSWORD) as admin:
        assert 'name="called"' in admin.get(f"/tournaments/{tid}/announcer").text
    with server.client(event["announcer"]) as token:  # no cookie: no form to post with
        assert 'name="called"' not in token.get(f"/tournaments/{tid}/announcer").text


def test_the_sign_in_page_leads_back_to_the_announcer_page_and_nowhere_else(
        server: Server) -> None:
    tid = event_of(server)["tournament"]
    desk = f"/tournaments/{tid}/announcer"
    page = httpx.get(f"{server.base}/admin/login", params={"next": desk})
    assert f'data-next="{desk}"' in page.text
    for elsewhere in ("//example.com/x", "https://example.com/", "/api/tournaments"):
        page = httpx.get(f"{server.base}/admin/login", params={"next": elsewhere})
        assert 'data-next="/admin"' in page.text

"""Every writing route refuses the unauthenticated (401) and the wrong role (403). The routes
are read from the application itself, so a route added later cannot slip past this test."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from ippon.settings import Settings
from ippon.web.app import PUBLIC_WRITES, create_app

from .server import Server, build_event

WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def every_route(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    """The app's routes, including those of included routers (which FastAPI nests)."""
    for route in routes:
        nested = getattr(route, "original_router", None)
        if nested is not None:
            yield from every_route(nested.routes)
        else:
            yield route


def writing_routes() -> list[tuple[str, str, tuple[str, ...]]]:
    app = create_app(Settings.load(environ={}))
    found = []
    for route in every_route(app.routes):
        if not isinstance(route, APIRoute) or not route.methods & WRITES:
            continue
        if route.path in PUBLIC_WRITES:
            continue
        roles = [getattr(d.call, "roles", None) for d in route.dependant.dependencies]
        declared = next((r for r in roles if r), None)
        assert declared, f"{route.path} writes but declares no role"
        for method in route.methods & WRITES:
            found.append((method, re.sub(r"\{[^}]+\}", "1", route.path), declared))
    return found


ROUTES = writing_routes()


def test_the_route_list_is_not_empty() -> None:
    assert len(ROUTES) >= 14
    assert any(path == "/api/contests/1/commands" for _, path, _ in ROUTES)


def test_public_writes_are_only_sign_in_and_out() -> None:
    assert {"/api/login", "/api/login/pin", "/api/logout"} == PUBLIC_WRITES


@pytest.mark.parametrize(("method", "path", "roles"), ROUTES,
                         ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_writes_refuse_the_unauthenticated_and_the_wrong_role(
        server: Server, method: str, path: str, roles: tuple[str, ...]) -> None:
    tokens = _tokens(server)
    anonymous = httpx.request(method, server.base + path, json={})
    assert anonymous.status_code == 401, anonymous.text
    garbage = httpx.request(method, server.base + path, json={},
                            headers={"Authorization": "Bearer not-a-token"})
    assert garbage.status_code == 401, garbage.text
    for role, token in tokens.items():
        if role in roles:
            continue
        refused = httpx.request(method, server.base + path, json={},
                                headers={"Authorization": f"Bearer {token}"})
        assert refused.status_code == 403, (role, refused.text)


_cache: dict[str, dict[str, str]] = {}


def _tokens(server: Server) -> dict[str, str]:
    """An announcer's and a mat official's token on this server (made once)."""
    if server.base not in _cache:
        with server.client(server.login()) as api:
            event = build_event(api, athletes=2)
            announcer = api.post("/api/credentials", json={"role": "announcer"}).json()["secret"]
        _cache[server.base] = {"announcer": announcer, "official": event["token"]}
    return _cache[server.base]


def test_cookie_writes_need_the_csrf_token(server: Server) -> None:
    with httpx.Client(base_url=server.base) as browser:
        signed_in = browser.post("/api/login", json={"username": "admin",
                                                     "password": "correct horse battery"})
        assert signed_in.status_code == 200
        body = {"name": "Cookie Cup", "starts_on": "2026-07-01"}
        assert browser.post("/api/tournaments", json=body).status_code == 403
        csrf = browser.get("/api/me").json()["csrf_token"]
        assert browser.post("/api/tournaments", json=body,
                            headers={"X-CSRF-Token": "x" + csrf[1:]}).status_code == 403
        made = browser.post("/api/tournaments", json=body, headers={"X-CSRF-Token": csrf})
        assert made.status_code == 201, made.text
        assert browser.post("/api/logout").status_code == 200
        assert browser.get("/api/me").json()["role"] == "public"


def test_a_mat_official_cannot_command_another_mat(server: Server) -> None:
    with server.client(server.login()) as api:
        one = build_event(api, athletes=2)
        two = build_event(api, athletes=2)
    with server.client(one["token"]) as official:
        answer = official.post(f"/api/contests/{two['contest']}/commands",
                               json={"client_id": "x", "command": {"type": "hajime"}})
    assert answer.status_code == 403
    assert "mat" in answer.json()["detail"]


def test_the_openapi_schema_and_docs_answer(server: Server) -> None:
    assert httpx.get(f"{server.base}/api/docs").status_code == 200
    schema = httpx.get(f"{server.base}/api/openapi.json").json()
    assert "/api/contests/{contest_id}/commands" in schema["paths"]

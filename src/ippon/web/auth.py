"""Who is calling: a bearer token (an official's credential or a session) or the session
cookie. Every writing route depends on `role(...)`; a cookie-authenticated write must also carry
the session's CSRF token (header `X-CSRF-Token` or form field `csrf_token`)."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import HTTPException, Request, WebSocket
from starlette.concurrency import run_in_threadpool

from ippon.services.accounts import authenticate, csrf_token
from ippon.services.context import Actor, Role, Services
from ippon.services.errors import Unauthenticated

COOKIE = "ippon_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def origin_of(request: Request | WebSocket) -> str:
    return request.client.host if request.client else "unknown"


def services(request: Request | WebSocket) -> Services:
    svc: Services = request.app.state.services
    return svc


def credential(request: Request | WebSocket) -> tuple[str, bool] | None:
    """The secret presented, and whether it came in the cookie."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    cookie = request.cookies.get(COOKIE)
    return (cookie, True) if cookie else None


async def identify(request: Request | WebSocket) -> tuple[Actor, str, bool] | None:
    found = credential(request)
    if found is None:
        return None
    secret, from_cookie = found
    try:
        actor, _ = await run_in_threadpool(authenticate, services(request), secret,
                                           origin_of(request))
    except Unauthenticated as error:
        raise HTTPException(401, str(error), headers={"WWW-Authenticate": "Bearer"}) from None
    return actor, secret, from_cookie


async def _check_csrf(request: Request, secret: str) -> None:
    expected = csrf_token(request.app.state.secret_key, secret)
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get("csrf_token")
        given = value if isinstance(value, str) else None
    if given is None or not hmac.compare_digest(given, expected):
        raise HTTPException(403, "missing or wrong CSRF token: send the X-CSRF-Token header "
                                 "(from /api/me) with every change made with the session cookie")


def role(*roles: Role) -> Callable[[Request], Awaitable[Actor]]:
    """A dependency: the caller, who must hold one of `roles` (401 without credentials, 403
    with the wrong role)."""

    async def dependency(request: Request) -> Actor:
        found = await identify(request)
        if found is None:
            raise HTTPException(401, "sign in first: this changes data",
                                headers={"WWW-Authenticate": "Bearer"})
        actor, secret, from_cookie = found
        if actor.role not in roles:
            raise HTTPException(403, f"this needs the {' or '.join(roles)} role; you are "
                                     f"signed in as {actor.role}")
        if from_cookie and request.method not in SAFE_METHODS:
            await _check_csrf(request, secret)
        return actor

    dependency.roles = roles  # type: ignore[attr-defined]  # read by the route-coverage test
    return dependency


admin = role("admin")
official = role("admin", "official")
signed_in = role("admin", "official", "announcer")

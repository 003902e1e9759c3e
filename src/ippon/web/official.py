"""The table official's command channel: a WebSocket per mat.

The first message may authenticate (`{"type": "auth", "token": "..."}`) where the browser cannot
send a header; otherwise the bearer header or the session cookie (same origin only) is used.
Each command is `{"client_id": "...", "contest_id": 12, "command": {"type": "hajime"}}`; the
answer, sent only after the commit, is `{"type": "ack", "client_id": ..., "seq": ...,
"duplicate": ...}` or `{"type": "error", "client_id": ..., "status": 409, "detail": "..."}`.
A client that lost the connection resends unacknowledged commands with the same client ids."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from ippon.services import matches
from ippon.services.accounts import authenticate
from ippon.services.context import Actor
from ippon.services.errors import ServiceError, Unauthenticated
from ippon.web.auth import credential, origin_of, services
from ippon.web.errors import status_of

router = APIRouter(prefix="/api")
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


async def _who(ws: WebSocket) -> Actor | None:
    found = credential(ws)
    if found is not None and found[1]:
        origin = urlsplit(ws.headers.get("origin", "")).netloc
        if origin and origin != ws.headers.get("host"):
            found = None  # a cookie sent by another site's page: cross-site WebSocket hijacking
    secret = found[0] if found else None
    if secret is None:
        first = await ws.receive_text()
        try:
            message = json.loads(first)
            secret = str(message["token"]) if message.get("type") == "auth" else None
        except (ValueError, KeyError, TypeError, AttributeError):
            secret = None
    if not secret:
        return None
    try:
        actor, _ = await run_in_threadpool(authenticate, services(ws), secret, origin_of(ws))
    except Unauthenticated:
        return None
    return actor


@router.websocket("/mats/{mat_id}/official")
async def official_channel(ws: WebSocket, mat_id: int) -> None:
    await ws.accept()
    actor = await _who(ws)
    if actor is None:
        await ws.send_json({"type": "error", "status": 401, "detail": "sign in first"})
        await ws.close(CLOSE_UNAUTHENTICATED)
        return
    if actor.role not in ("admin", "official") or (
            actor.role == "official" and actor.mat_id != mat_id):
        await ws.send_json({"type": "error", "status": 403,
                            "detail": "this credential cannot command this mat"})
        await ws.close(CLOSE_FORBIDDEN)
        return
    await ws.send_json({"type": "ready", "mat_id": mat_id, "actor": actor.name})
    try:
        while True:
            await ws.send_json(await _handle(ws, actor, await ws.receive_text()))
    except WebSocketDisconnect:
        return


async def _handle(ws: WebSocket, actor: Actor, text: str) -> dict[str, Any]:
    try:
        message = json.loads(text)
        client_id, contest_id, payload = (message["client_id"], message["contest_id"],
                                          message["command"])
    except (ValueError, KeyError, TypeError):
        return {"type": "error", "client_id": None, "status": 422,
                "detail": 'send {"client_id": "...", "contest_id": N, "command": {...}}'}
    if not isinstance(contest_id, int) or isinstance(contest_id, bool):
        return {"type": "error", "client_id": client_id, "status": 422,
                "detail": "contest_id must be a number"}
    try:
        ack = await run_in_threadpool(matches.command, services(ws), actor,
                                      contest_id=contest_id, client_id=client_id,
                                      payload=payload)
    except ServiceError as error:
        return {"type": "error", "client_id": client_id, "status": status_of(error),
                "detail": str(error)}
    except HTTPException as error:
        return {"type": "error", "client_id": client_id, "status": error.status_code,
                "detail": error.detail}
    return {"type": "ack", "client_id": client_id, "contest_id": contest_id, "seq": ack.seq,
            "duplicate": ack.duplicate, "status": ack.status}

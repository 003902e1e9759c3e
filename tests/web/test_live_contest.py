"""A contest driven over the official's WebSocket appears on the SSE streams."""

from __future__ import annotations

import json
from typing import Any

import httpx
from websockets.sync.client import connect

from .server import SSE, Server, build_event


def ws_url(server: Server, mat: int) -> str:
    return f"ws://127.0.0.1:{server.port}/api/mats/{mat}/official"


def send(ws: Any, message: dict[str, Any]) -> dict[str, Any]:
    ws.send(json.dumps(message))
    answer: dict[str, Any] = json.loads(ws.recv(timeout=10))
    return answer


def test_websocket_commands_reach_every_stream(server: Server) -> None:
    with server.client(server.login()) as api:
        event = build_event(api)
    mat, contest = event["mat"], event["contest"]
    live = f"{server.base}/api/live"
    mat_stream = SSE(f"{live}/mat/{mat}")
    category_stream = SSE(f"{live}/category/{event['category']}")
    tournament_stream = SSE(f"{live}/tournament/{event['tournament']}")
    mat_stream.wait_for(lambda e: e["current"]["id"] == contest)
    with connect(ws_url(server, mat)) as ws:
        ws.send(json.dumps({"type": "auth", "token": event["token"]}))
        assert json.loads(ws.recv(timeout=10))["type"] == "ready"
        hajime = {"client_id": "k1", "contest_id": contest, "command": {"type": "hajime"}}
        assert send(ws, hajime)["seq"] == 1
        running = mat_stream.wait_for(
            lambda e: e["current"]["id"] == contest and e["current"]["state"]["clock_running"])
        assert running["current"]["events"] == 1
        again = send(ws, hajime)  # a retry after a lost acknowledgement
        assert (again["type"], again["seq"], again["duplicate"]) == ("ack", 1, True)
        ippon = send(ws, {"client_id": "k2", "contest_id": contest,
                          "command": {"type": "score", "side": "white", "value": "ippon"}})
        assert (ippon["seq"], ippon["status"]) == (2, "finished")
        wrong = send(ws, {"client_id": "k3", "contest_id": contest,
                          "command": {"type": "score", "side": "white", "value": "ippon"}})
        assert wrong["type"] == "error"
        assert wrong["status"] == 409
        assert send(ws, {"nonsense": True})["status"] == 422
    mat_stream.wait_for(lambda e: e["current"] is not None and e["current"]["id"] != contest)
    done = category_stream.wait_for(lambda e: any(
        c["id"] == contest and c["status"] == "finished" for c in e["contests"]))
    assert next(c for c in done["contests"] if c["id"] == contest)["outcome"]["method"] == "ippon"
    tournament_stream.wait_for(lambda e: e["categories"][0]["contests"]["finished"] == 1)
    ids = [int(i) for i in mat_stream.ids]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    log = httpx.get(f"{server.base}/api/contests/{contest}/log").text.splitlines()
    assert [json.loads(line)["type"] for line in log] == ["hajime", "score"]
    for stream in (mat_stream, category_stream, tournament_stream):
        stream.close()


def test_resume_with_last_event_id_skips_what_the_display_has(server: Server) -> None:
    with server.client(server.login()) as api:
        event = build_event(api, athletes=3)
    url = f"{server.base}/api/live/mat/{event['mat']}"
    first = SSE(url)
    first.wait_for(lambda e: True)
    latest = first.ids[-1]
    first.close()
    resumed = SSE(url, last_event_id=latest)
    with server.client(event["token"]) as official:
        answer = official.post(f"/api/contests/{event['contest']}/commands",
                               json={"client_id": "r1", "command": {"type": "hajime"}})
        assert answer.status_code == 200, answer.text
    got = resumed.wait_for(lambda e: True)
    assert got["seq"] > int(latest)
    assert resumed.ids[0] != latest
    resumed.close()


def test_an_unknown_topic_is_404(server: Server) -> None:
    assert httpx.get(f"{server.base}/api/live/mat/999999").status_code == 404
    assert httpx.get(f"{server.base}/api/live/planet/1").status_code == 422


def test_clock_gives_server_time(server: Server) -> None:
    import time

    before = time.time()
    server_time = httpx.get(f"{server.base}/api/clock").json()["server_time"]
    assert before - 1 < server_time < time.time() + 1


def test_a_revoked_token_can_no_longer_command(server: Server) -> None:
    with server.client(server.login()) as api:
        event = build_event(api, athletes=2)
        credentials = api.post("/api/credentials", json={"mat_id": event["mat"]}).json()
        with connect(ws_url(server, event["mat"])) as ws:
            ws.send(json.dumps({"type": "auth", "token": credentials["secret"]}))
            assert json.loads(ws.recv(timeout=10))["type"] == "ready"
        assert api.post(f"/api/credentials/{credentials['id']}/revoke").status_code == 200
    with connect(ws_url(server, event["mat"])) as ws:
        ws.send(json.dumps({"type": "auth", "token": credentials["secret"]}))
        assert json.loads(ws.recv(timeout=10))["status"] == 401
    with connect(ws_url(server, event["mat"] + 1000)) as ws:  # right token, wrong mat
        ws.send(json.dumps({"type": "auth", "token": event["token"]}))
        assert json.loads(ws.recv(timeout=10))["status"] == 403

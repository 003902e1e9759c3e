"""`ippon serve --demo` starts on a fresh database and its pages answer with a live event."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from .server import SSE, Server


def test_the_demo_starts_on_a_fresh_database_and_answers(tmp_path: Path) -> None:
    server = Server(f"sqlite:///{tmp_path / 'demo.sqlite3'}", extra=("--demo",)).start(60)
    try:
        output = server.output()
        assert "155 athletes" in output
        assert "password 'ippon-demo-2026'" in output
        assert "mat 3: official PIN" in output
        assert "created the first admin" not in output  # the demo's admin is the one to use
        overview = httpx.get(f"{server.base}/api/tournaments/1").json()
        assert len(overview["mats"]) == 3
        assert len(overview["categories"]) >= 12
        fought = sum(c["contests"]["finished"] for c in overview["categories"])
        assert fought >= 10
        assert sum(c["contests"]["running"] for c in overview["categories"]) == 1
        live = SSE(f"{server.base}/api/live/mat/1")
        mat = live.wait_for(lambda e: True)
        assert mat["current"]["status"] == "running"
        assert mat["current"]["state"]["blue"]["waza_ari"] == 1
        live.close()
        pin = output.split("mat 1: official PIN ")[1].split(",")[0]
        # Every page the start-up lines name answers (the live stream is read above).
        urls = {word.rstrip(",)") for word in output.split() if word.startswith("http")}
        pages = [url for url in urls if "/api/live/" not in url]
        assert len(pages) >= 9  # server, docs, public, admin, and two pages per mat
        for url in pages:
            assert httpx.get(url, follow_redirects=True).status_code == 200, url
        session = httpx.post(f"{server.base}/api/login/pin", json={"mat_id": 1, "pin": pin})
        assert session.status_code == 200, session.text
        assert httpx.get(f"{server.base}/api/docs").status_code == 200
        log = httpx.get(f"{server.base}/api/contests/{mat['current']['id']}/log").text
        assert [json.loads(x)["type"] for x in log.splitlines()] == ["hajime", "score", "shido"]
    finally:
        server.stop()
    again = Server(server.database, extra=("--demo",)).start(60)
    try:
        assert "(already there)" in again.output()
        assert len(httpx.get(f"{again.base}/api/tournaments").json()) == 1
    finally:
        again.stop()

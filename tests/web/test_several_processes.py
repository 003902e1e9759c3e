"""With PostgreSQL, two `ippon serve` processes share live updates through LISTEN/NOTIFY: a
command sent to one shows up on the other's streams. With SQLite, serve refuses a second worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from ippon.cli import main

from .conftest import prepared_database
from .server import SSE, Server, build_event


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[Server, Server]]:
    for url in prepared_database("postgresql", tmp_path):
        first, second = Server(url).start(), Server(url).start()
        try:
            yield first, second
        finally:
            first.stop()
            second.stop()


def test_a_command_on_one_process_reaches_the_other_processes_streams(
        two_servers: tuple[Server, Server]) -> None:
    first, second = two_servers
    with first.client(first.login()) as api:
        event = build_event(api)
    elsewhere = SSE(f"{second.base}/api/live/mat/{event['mat']}")
    category = SSE(f"{second.base}/api/live/category/{event['category']}")
    elsewhere.wait_for(lambda e: e["current"]["id"] == event["contest"])
    with first.client(event["token"]) as official:
        for n, command in enumerate([{"type": "hajime"},
                                     {"type": "score", "side": "blue", "value": "ippon"}]):
            answer = official.post(f"/api/contests/{event['contest']}/commands",
                                   json={"client_id": f"p{n}", "command": command})
            assert answer.status_code == 200, answer.text
    elsewhere.wait_for(lambda e: e["current"]["id"] != event["contest"])
    category.wait_for(lambda e: any(c["id"] == event["contest"] and c["status"] == "finished"
                                    for c in e["contests"]))
    # and the other way round: the second process commands, the first one's stream sees it
    here = SSE(f"{first.base}/api/live/mat/{event['mat']}")
    following = here.wait_for(lambda e: e["current"] is not None)["current"]["id"]
    with second.client(event["token"]) as official:
        answer = official.post(f"/api/contests/{following}/commands",
                               json={"client_id": "q", "command": {"type": "hajime"}})
        assert answer.status_code == 200, answer.text
    here.wait_for(lambda e: e["current"]["state"]["clock_running"])
    for stream in (elsewhere, category, here):
        stream.close()


def test_sqlite_refuses_a_second_worker_and_says_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--workers", "2", "--database",
                                       f"sqlite:///{tmp_path / 'x.sqlite3'}"])
    assert result.exit_code == 2
    assert "SQLite allows one writer" in result.output

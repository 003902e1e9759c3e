"""Small drivers for the mat's two pages, so that the tests read like the official's actions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from ippon.store import schema as t
from ippon.store.db import Database
from web.server import Server

SCREENS = Path(__file__).resolve().parents[2] / "artifacts" / "screens"
TV = {"width": 1920, "height": 1080}
LAPTOP = {"width": 1366, "height": 768}

TIMEOUT = 15_000  # ms: the machine may be busy with other tests


class Display:
    def __init__(self, browser: Any, base: str, mat: int, *, mirrored: bool = False,
                 result_seconds: float = 3) -> None:
        self.context = browser.new_context(viewport=TV)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        path = f"/mats/{mat}/display" + ("/mirrored" if mirrored else "")
        self.page.goto(f"{base}{path}?result_seconds={result_seconds}")

    def wait(self, script: str, arg: Any = None) -> None:
        self.page.wait_for_function(script, arg=arg, timeout=TIMEOUT)

    def wait_events(self, count: int) -> None:
        """Until the scoreboard shows the contest after `count` events."""
        self.wait("n => document.getElementById('display').dataset.view === 'board' && "
                  "Number(document.getElementById('board').dataset.events) === n", count)

    def text(self, selector: str) -> str:
        return str(self.page.locator(selector).first.inner_text()).strip()

    def score(self, side: str, value: str) -> str:
        return self.text(f'[data-side="{side}"] [data-score="{value}"] .value')

    def shido(self, side: str) -> int:
        return int(self.page.locator(f'[data-side="{side}"] .penalties .card.yellow').count())

    def board(self, key: str) -> str:
        return str(self.page.locator("#board").get_attribute(f"data-{key}"))

    def close(self) -> None:
        assert not self.errors, self.errors
        self.context.close()


class Control:
    def __init__(self, browser: Any, base: str, mat: int, token: str | None = None) -> None:
        self.context = browser.new_context(viewport=LAPTOP)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        query = f"?token={token}" if token else ""
        self.page.goto(f"{base}/mats/{mat}/control{query}")

    def ready(self) -> Control:
        self.page.wait_for_selector('#link[data-state="online"]', timeout=TIMEOUT)
        self.page.wait_for_function("document.getElementById('board').dataset.contest",
                                    timeout=TIMEOUT)
        return self

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def wait_acked(self) -> None:
        """Until every queued command is acknowledged."""
        self.page.wait_for_function("window.ippon.channel.pending.length === 0",
                                    timeout=TIMEOUT)

    def text(self, selector: str) -> str:
        return str(self.page.locator(selector).first.inner_text()).strip()

    def board_attr(self, key: str) -> str:
        return str(self.page.locator("#board").get_attribute(f"data-{key}"))

    def engine(self) -> str:
        return str(self.page.locator("#engine").inner_text())

    def close(self) -> None:
        assert not self.errors, self.errors
        self.context.close()


# Real-looking athletes for the screenshots: (family name, given name, country).
ATHLETES = [("Abe", "Uta", "JPN"), ("Cysique", "Sarah", "FRA"), ("Silva", "Rafaela", "BRA"),
            ("Giuffrida", "Odette", "ITA"), ("Polling", "Kim", "NED"), ("Wagner", "Anna", "GER"),
            ("Tsend-Ochir", "Otgontsetseg", "MGL"), ("Shavdatuashvili", "Eteri", "GEO")]


def build_mat(api: httpx.Client, *, kind: str = "token", athletes: int = 8) -> dict[str, Any]:
    """A tournament with one mat, one drawn category on it, and a credential for the mat."""

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = api.post(path, json=body)
        assert answer.status_code in (200, 201), answer.text
        result: dict[str, Any] = answer.json()
        return result

    tid = post("/api/tournaments", {"name": "Browser Open", "starts_on": "2026-06-01"})["id"]
    mat = post(f"/api/tournaments/{tid}/mats", {"number": 1})["id"]
    cat = post(f"/api/tournaments/{tid}/categories",
               {"name": "Women -57 kg", "gender": "f", "max_weight": 57, "mat_id": mat})["id"]
    for family, given, country in ATHLETES[:athletes]:
        aid = post(f"/api/tournaments/{tid}/athletes",
                   {"family_name": family, "given_name": given, "gender": "f",
                    "birth_year": 1999, "country": country})["id"]
        post(f"/api/categories/{cat}/entries", {"athlete_id": aid})
    post(f"/api/categories/{cat}/draw", {"seed": 7})
    credential = post("/api/credentials", {"mat_id": mat, "kind": kind})["secret"]
    first = api.get(f"/api/mats/{mat}").json()["current"]
    return {"tournament": tid, "mat": mat, "category": cat, "secret": credential,
            "contest": first["id"], "first": first}


def warp(server: Server, contest_id: int, seconds: float) -> None:
    """Move a contest's start `seconds` into the past, as if that much time had gone by: the
    only way a test reaches the bell without waiting four minutes. The server's clock and the
    browsers' are untouched; the next snapshot shows the clock further on."""
    db = Database(server.database)
    try:
        with db.write() as conn:
            started = conn.execute(sa.select(t.contests.c.started_at)
                                   .where(t.contests.c.id == contest_id)).scalar_one()
            conn.execute(t.contests.update().where(t.contests.c.id == contest_id)
                         .values(started_at=started - timedelta(seconds=seconds)))
    finally:
        db.dispose()


def screenshot(page: Any, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"))

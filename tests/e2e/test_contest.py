"""A whole contest driven from the official's keyboard while the displays show every change."""

from __future__ import annotations

import json
from typing import Any

import httpx

from web.server import Server

from .pages import Control, Display, build_mat, screenshot


def log_types(server: Server, contest: int) -> list[str]:
    lines = httpx.get(f"{server.base}/api/contests/{contest}/log").text.splitlines()
    return [json.loads(line)["type"] for line in lines]


def test_whole_contest_from_the_keyboard(browser: Any, server: Server,
                                         admin: httpx.Client) -> None:
    event = build_mat(admin)
    first = event["first"]
    display = Display(browser, server.base, event["mat"], result_seconds=2)
    mirrored = Display(browser, server.base, event["mat"], mirrored=True)
    # Between contests the displays show the next pairings, the next contest first.
    display.wait("document.getElementById('display').dataset.view === 'pairings' && "
                 "document.querySelector('.pairing.first')")
    assert first["white"]["name"] in display.text(".pairing.first")
    assert first["blue"]["name"] in display.text(".pairing.first")
    control = Control(browser, server.base, event["mat"], token=event["secret"]).ready()
    assert first["white"]["name"] in control.text('[data-side="white"] [data-field="name"]')
    control.press("?")  # the on-screen help lists the keys of this era only
    help_text = control.text("#help")
    assert "Yuko for white" in help_text
    assert "Koka" not in help_text
    assert control.page.locator('button[data-value="koka"]').first.is_hidden()
    screenshot(control.page, "contest-control-help")
    control.press("Escape")
    assert control.page.locator("#help").is_hidden()

    control.press(" ")  # hajime
    display.wait_events(1)
    assert display.board("clock") == "running"
    control.press("w")  # waza-ari white
    display.wait_events(2)
    assert display.score("white", "waza-ari") == "1"
    control.press("l")  # shido blue
    display.wait_events(3)
    assert display.shido("blue") == 1

    control.press("z")  # white holds: the hold scores by time alone
    display.wait_events(4)
    assert display.text('[data-field="osaekomi-side"]') == "WHITE"
    display.wait("document.querySelector('[data-side=white] [data-score=yuko] .value')"
                 ".textContent === '1'")
    control.press("t")  # toketa after the yuko
    display.wait_events(5)
    assert display.page.locator('[data-field="osaekomi"]').is_hidden()
    assert display.score("white", "yuko") == "1"  # now the engine's word, not the prediction
    assert any(s["kind"] == "threshold" for s in display.page.evaluate(
        "window.ippon.signals.played"))

    control.press("m", "s")  # blue holds, sono-mama freezes clock and hold
    display.wait_events(6 + 1)
    assert display.board("clock") == "stopped"
    frozen = display.text('[data-field="osaekomi-time"]')
    display.page.wait_for_timeout(1200)
    assert display.text('[data-field="osaekomi-time"]') == frozen
    control.press("s", "t")  # yoshi, toketa
    display.wait_events(9)
    screenshot(display.page, "contest-display")
    screenshot(control.page, "contest-control")

    control.press(" ")  # mate
    display.wait_events(10)
    assert display.board("clock") == "stopped"
    stopped = display.text('[data-field="clock"]')
    display.page.wait_for_timeout(1100)
    assert display.text('[data-field="clock"]') == stopped
    control.press(" ", "q")  # hajime, ippon white
    display.wait_events(12)
    assert display.board("status") == "ended"
    assert display.page.locator('[data-side="white"] [data-field="winner"]').is_visible()
    assert "wins · Ippon" in display.text('[data-field="result"]')
    control.page.wait_for_function(
        "document.getElementById('engine').textContent.includes('wins by Ippon')")
    assert "WHITE" in control.engine()
    mirrored.wait_events(12)
    sides = mirrored.page.locator("#board .side").evaluate_all(
        "els => els.map(e => e.dataset.side)")
    assert sides == ["blue", "white"]
    screenshot(display.page, "contest-display-winner")
    screenshot(mirrored.page, "contest-display-mirrored")
    screenshot(control.page, "contest-control-result")

    assert log_types(server, first["id"]) == [
        "hajime", "score", "shido", "osaekomi", "toketa", "osaekomi", "sono-mama", "yoshi",
        "toketa", "mate", "hajime", "score"]

    control.press("Enter")  # confirm: the next contest of the mat's queue
    control.page.wait_for_function(
        "n => Number(document.getElementById('board').dataset.contest) !== n", arg=first["id"])
    assert control.engine().startswith("Ready")
    display.wait("document.getElementById('display').dataset.view === 'pairings'")
    screenshot(display.page, "contest-display-pairings")
    display.close()
    mirrored.close()
    control.close()

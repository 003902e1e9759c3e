"""Golden score, a direct hansoku-make and cancels, from the keyboard to the display."""

from __future__ import annotations

from typing import Any

import httpx

from web.server import Server

from .pages import Control, Display, build_mat, screenshot, warp
from .test_contest import log_types


def open_pages(browser: Any, server: Server, admin: httpx.Client) -> tuple[dict[str, Any],
                                                                              Control, Display]:
    event = build_mat(admin)
    display = Display(browser, server.base, event["mat"])
    control = Control(browser, server.base, event["mat"], token=event["secret"]).ready()
    return event, control, display


def test_golden_score(browser: Any, server: Server, admin: httpx.Client) -> None:
    event, control, display = open_pages(browser, server, admin)
    control.press(" ")
    display.wait_events(1)
    warp(server, event["contest"], 240 - 6)  # six seconds before the bell
    control.press("a", "l")  # a shido each: level
    display.wait_events(3)
    assert display.text('[data-field="clock"]') in ("0:06", "0:05", "0:04")
    # The bell: the clocks reach 0:00 by themselves, sound, and ask what the rules say.
    display.wait("document.getElementById('board').dataset.status === 'awaiting-golden-score'")
    assert display.text('[data-field="clock"]') == "0:00"
    assert "golden score next" in display.text('[data-field="result"]')
    assert [s["kind"] for s in display.page.evaluate("window.ippon.signals.played")] == ["end"]
    control.page.wait_for_function(
        "document.getElementById('engine').textContent.includes('golden score next')")
    assert [s["kind"] for s in control.page.evaluate("window.ippon.signals.played")] == ["end"]

    control.press(" ")  # hajime: golden score
    display.wait_events(4)
    assert display.board("golden") == "yes"
    assert display.page.locator('[data-field="gs"]').is_visible()
    display.wait("document.querySelector('[data-field=clock]').textContent === '0:02'")
    screenshot(display.page, "golden-score-display")
    control.press("o")  # waza-ari blue decides
    display.wait_events(5)
    assert display.board("status") == "ended"
    result = display.text('[data-field="result"]')
    assert "wins · Yusei-gachi (Waza-ari) · golden score" in result
    assert event["first"]["blue"]["name"] in result
    control.page.wait_for_function(
        "document.getElementById('engine').textContent.includes('in golden score')")
    assert "BLUE" in control.engine()
    screenshot(display.page, "golden-score-display-winner")
    assert log_types(server, event["contest"]) == ["hajime", "shido", "shido", "hajime", "score"]
    display.close()
    control.close()


def test_direct_hansoku_make_needs_a_confirmation(browser: Any, server: Server,
                                                  admin: httpx.Client) -> None:
    event, control, display = open_pages(browser, server, admin)
    control.press(" ")
    display.wait_events(1)
    control.press("x", "w", "Escape")  # changed one's mind: nothing is sent
    assert control.page.locator("#dialog").is_hidden()
    control.press("x")
    assert control.page.locator("#dialog").is_visible()
    control.press("b", "2")
    assert "Hansoku-make for BLUE (direct-spirit)?" in control.text("#dialog-text")
    screenshot(control.page, "hansoku-make-confirm")
    assert control.page.evaluate("window.ippon.channel.pending.length") == 0
    control.press("Enter")
    display.wait_events(2)
    assert display.page.locator('[data-side="blue"] .card.red').count() == 1
    assert "wins · Hansoku-make" in display.text('[data-field="result"]')
    assert display.page.locator('[data-side="white"] [data-field="winner"]').is_visible()
    control.page.wait_for_function(
        "document.getElementById('engine').textContent.includes('Excluded')")
    assert "Excluded from the tournament: blue" in control.engine()
    screenshot(display.page, "hansoku-make-display")
    log = httpx.get(f"{server.base}/api/contests/{event['contest']}/log").text.splitlines()
    assert len(log) == 2
    assert '"kind": "direct-spirit"' in log[1] or '"kind":"direct-spirit"' in log[1]
    display.close()
    control.close()


def test_cancel_the_last_or_an_earlier_event(browser: Any, server: Server,
                                             admin: httpx.Client) -> None:
    event, control, display = open_pages(browser, server, admin)
    control.press(" ", "w", "l")  # hajime, waza-ari white, shido blue
    display.wait_events(3)
    assert display.score("white", "waza-ari") == "1"
    control.page.wait_for_selector('#events li[data-line="3"]')
    control.press("Backspace")  # the last event is chosen first...
    assert "line 3" in control.text("#dialog-text")
    control.press("ArrowDown")  # ...an earlier one with the arrows
    assert "line 2" in control.text("#dialog-text")
    screenshot(control.page, "cancel-choose")
    control.press("Enter")
    display.wait_events(4)
    assert display.score("white", "waza-ari") == "0"
    assert display.shido("blue") == 1
    control.page.wait_for_selector('#events li[data-line="2"].cancelled')

    # An ippon ends the contest; cancelling it (the referees took it back) brings it back.
    control.press("q")
    display.wait_events(5)
    assert display.board("status") == "ended"
    control.page.wait_for_function(
        "document.getElementById('engine').textContent.includes('wins by Ippon')")
    control.page.wait_for_selector('#events li[data-line="5"]')
    control.press("Backspace", "Enter")
    display.wait_events(6)
    assert display.board("status") == "running"
    assert display.score("white", "ippon") == "0"
    control.page.wait_for_function(
        "document.getElementById('engine').textContent === 'Contest running.'")
    current = httpx.get(f"{server.base}/api/mats/{event['mat']}").json()["current"]
    assert (current["id"], current["status"]) == (event["contest"], "running")
    screenshot(control.page, "cancel-control")
    assert log_types(server, event["contest"]) == [
        "hajime", "score", "shido", "cancel", "score", "cancel"]
    display.close()
    control.close()


def test_medical_kiken_and_fusen(browser: Any, server: Server, admin: httpx.Client) -> None:
    event, control, display = open_pages(browser, server, admin)
    control.press(" ", "d", "w")  # hajime, medical examination of white: no confirmation
    display.wait_events(2)
    assert display.board("status") == "running"
    control.press("k", "b")  # kiken of blue asks first
    assert "BLUE withdraws" in control.text("#dialog-text")
    control.press("Enter")
    display.wait_events(3)
    assert "wins · Kiken-gachi" in display.text('[data-field="result"]')
    control.page.wait_for_function(
        "document.getElementById('engine').textContent.includes('by Kiken-gachi')")
    assert log_types(server, event["contest"]) == ["hajime", "medical", "kiken"]

    control.press("Enter")  # the next contest: white does not show up
    control.page.wait_for_function(
        "n => Number(document.getElementById('board').dataset.contest) !== n",
        arg=event["contest"])
    following = int(control.board_attr("contest"))
    control.press("f", "ArrowLeft", "Enter")
    control.page.wait_for_function(
        "document.getElementById('engine').textContent.includes('by Fusen-gachi')")
    assert "BLUE" in control.engine()
    assert log_types(server, following) == ["fusen"]
    display.close()
    control.close()

"""The network drops in the middle of a contest: the official goes on, nothing is lost or
doubled, and the display catches up by itself. Both pages reach the server through a proxy that
the test cuts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from web.server import Server

from .pages import Control, Display, build_mat, screenshot
from .proxy import Proxy
from .test_contest import log_types


@pytest.fixture
def proxy(server: Server) -> Iterator[Proxy]:
    running = Proxy(server.port)
    try:
        yield running
    finally:
        running.close()


def server_events(server: Server, mat: int) -> int:
    return int(httpx.get(f"{server.base}/api/mats/{mat}").json()["current"]["events"])


def wait_server_events(server: Server, mat: int, count: int) -> None:
    deadline = time.monotonic() + 10
    while server_events(server, mat) != count:
        assert time.monotonic() < deadline, f"the server never reached {count} events"
        time.sleep(0.05)


def test_connection_cut_and_restored(browser: Any, server: Server, admin: httpx.Client,
                                     proxy: Proxy) -> None:
    event = build_mat(admin, kind="pin")
    mat = event["mat"]
    display = Display(browser, proxy.base, mat)
    # The official signs in with the mat's PIN this time.
    control = Control(browser, proxy.base, mat)
    control.page.fill("#pin", event["secret"])
    control.page.click("#pin-form button")
    control.ready()
    control.press(" ")  # hajime
    display.wait_events(1)
    # The hajime's acknowledgement must be back too, or it would still count as queued below.
    control.page.wait_for_function("window.ippon.channel.pending.length === 0", timeout=5000)

    proxy.cut()
    control.page.wait_for_selector("#offline", state="visible", timeout=5000)
    assert control.text("#link") == "OFFLINE"
    control.press("w", "l")  # waza-ari white, shido blue: queued
    assert control.page.locator("#events li.queued").count() == 2
    assert control.page.evaluate("window.ippon.channel.pending.length") == 2
    assert control.board_attr("clock") == "running"  # the clock goes on without the server
    control.press(" ")  # mate: the page's clock stops at once
    assert control.text("#queue") == "3 queued"
    assert control.board_attr("clock") == "stopped"
    stopped = control.text('[data-field="clock"]')
    display.wait("!document.getElementById('link-state').hidden")  # the TV says so, quietly
    screenshot(control.page, "network-offline-control")
    screenshot(display.page, "network-offline-display")
    control.page.wait_for_timeout(1100)
    assert control.text('[data-field="clock"]') == stopped
    assert server_events(server, mat) == 1  # nothing got through

    proxy.restore()
    control.page.wait_for_selector("#offline", state="hidden", timeout=15_000)
    control.wait_acked()
    display.wait_events(4)  # the display caught up by itself
    assert display.page.locator("#link-state").is_hidden()
    assert display.score("white", "waza-ari") == "1"
    assert display.shido("blue") == 1
    assert display.board("clock") == "stopped"

    # A command that reaches the server while its answer is lost is sent again after the
    # reconnection, with the same client id: the server applies it once.
    proxy.deaf()
    control.press(" ")  # hajime
    wait_server_events(server, mat, 5)
    assert control.page.evaluate("window.ippon.channel.pending.length") == 1
    proxy.cut()
    control.page.wait_for_selector("#offline", state="visible", timeout=5000)
    proxy.restore()
    control.wait_acked()
    control.press("o")  # waza-ari blue
    display.wait_events(6)
    assert server_events(server, mat) == 6
    assert log_types(server, event["contest"]) == [
        "hajime", "score", "shido", "mate", "hajime", "score"]
    screenshot(control.page, "network-restored-control")
    display.close()
    control.close()

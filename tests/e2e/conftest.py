"""Browser tests: Debian's Chromium driven by Playwright against a real `ippon serve`.

One browser for this package, a fresh context (its own cookies and storage) per page, one
server per module. Without Chromium or Playwright the tests are skipped on a developer's machine
and fail under CI=true, where they must run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from conftest import empty_database
from ippon.cli import main
from web.server import ADMIN_PASSWORD, Server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--autoplay-policy=no-user-gesture-required"]


def _missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


# One browser for all the browser tests. Package scope, not session: Playwright's sync API keeps
# an asyncio loop running in this thread while it lives, which later tests' asyncio.run() refuse.
@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed: pip install -e '.[dev]'")
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with empty_database("sqlite", tmp_path_factory.mktemp("db")) as url:
        result = CliRunner().invoke(main, ["admin", "create", "--database", url,
                                           "--password", ADMIN_PASSWORD])
        assert result.exit_code == 0, result.output
        running = Server(url).start()
        try:
            yield running
        finally:
            running.stop()


@pytest.fixture(scope="module")
def admin(server: Server) -> Iterator[httpx.Client]:
    with server.client(server.login()) as client:
        yield client

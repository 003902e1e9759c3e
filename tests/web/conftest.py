from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BACKENDS, empty_database
from ippon.cli import main

from .server import ADMIN_PASSWORD, Server


def prepared_database(backend: str, directory: Path) -> Iterator[str]:
    with empty_database(backend, directory) as url:
        result = CliRunner().invoke(main, ["admin", "create", "--database", url,
                                           "--password", ADMIN_PASSWORD])
        assert result.exit_code == 0, result.output
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server per backend for a whole test module (starting one takes a second)."""
    for url in prepared_database(request.param, tmp_path_factory.mktemp("db")):
        running = Server(url).start()
        try:
            yield running
        finally:
            running.stop()

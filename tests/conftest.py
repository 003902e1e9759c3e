"""Fixtures shared by the server's tests: a fresh database, on SQLite and on PostgreSQL.

PostgreSQL comes from IPPON_TEST_POSTGRES_URL (`.ci/postgres.sh` starts one). Without it the
PostgreSQL half is skipped on a developer's machine, and fails under CI=true, where it must run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Properties run without deadlines (CI machines are shared and noisy) and, under CI=true, with a
# fixed derandomised search so that a red run is reproducible; locally they explore afresh.
settings.register_profile(
    "ippon",
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ippon")

BACKENDS = ["sqlite", "postgresql"]


def postgres_admin_url() -> str:
    url = os.environ.get("IPPON_TEST_POSTGRES_URL", "")
    if not url:
        message = "IPPON_TEST_POSTGRES_URL is not set: `source .ci/postgres.sh` starts PostgreSQL"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


def fresh_postgres_database(admin_url: str) -> tuple[str, str]:
    import psycopg

    name = f"ippon_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name, name


def drop_postgres_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def empty_database(backend: str, directory: Path) -> Iterator[str]:
    """The URL of a new, empty database (no tables yet) on `backend`, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'ippon.sqlite3'}"
        return
    admin = postgres_admin_url()
    url, name = fresh_postgres_database(admin)
    try:
        yield url
    finally:
        drop_postgres_database(admin, name)


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with empty_database(request.param, tmp_path) as url:
        yield url

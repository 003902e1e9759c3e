from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from ippon.store import schema
from ippon.store.db import Database
from ippon.store.migrate import current, upgrade


def test_first_revision_creates_every_table_of_the_schema(database_url: str) -> None:
    db = Database(database_url)
    assert current(db) is None
    upgrade(db)
    upgrade(db)  # a second upgrade (every server start) is a no-op
    assert current(db) == "0002"
    tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert tables == set(schema.metadata.tables)
    for name, table in schema.metadata.tables.items():
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns(name)}
        assert columns == set(table.columns.keys()), name
    db.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: object) -> None:
    db = Database(f"sqlite:///{tmp_path}/x.sqlite3")
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_timestamps_come_back_in_utc(database_url: str) -> None:
    db = Database(database_url)
    upgrade(db)
    at = datetime(2026, 5, 1, 10, 30, tzinfo=UTC)
    with db.write() as conn:
        conn.execute(schema.countries.insert().values(code="JPN", name="Japan"))
        conn.execute(schema.login_attempts.insert().values(origin="x", at=at, succeeded=True))
    with db.read() as conn:
        assert conn.execute(sa.select(schema.login_attempts.c.at)).scalar_one() == at
    db.dispose()


def test_db_upgrade_command(database_url: str) -> None:
    from click.testing import CliRunner

    from ippon.cli import main

    result = CliRunner().invoke(main, ["db", "upgrade", "--database", database_url])
    assert result.exit_code == 0, result.output
    assert "empty -> 0002" in result.output

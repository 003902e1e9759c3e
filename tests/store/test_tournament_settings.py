"""A tournament's own settings (setup, schedule plan, external ids, category locks, declared
weights) travel with a one-tournament backup, and migration 0002 moves the rows 0001 kept in
the global `instance` table (and back on downgrade)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from conftest import BACKENDS, empty_database
from ippon.live.hub import Hub
from ippon.services import categorising, people, planning, setup
from ippon.services import settings as tournament_settings
from ippon.services.context import Actor, Services
from ippon.store import schema
from ippon.store.backup import restore_backup, write_backup
from ippon.store.db import Database
from ippon.store.migrate import alembic_config, current, upgrade

ADMIN = Actor("admin:test", "admin", "127.0.0.1")
AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def _services(url: str) -> Services:
    db = Database(url)
    upgrade(db)
    return Services(db, Hub(), lambda: AT)


def _tournament(svc: Services, name: str) -> tuple[int, int]:
    """A tournament with non-default settings, a drawn and locked category, athletes with
    external ids and declared weights, and a planned day; its id and the category's."""
    tid = setup.create(svc, ADMIN, setup.Settings(
        name, date(2026, 6, 1), date(2026, 6, 2), mats=2, rest_minutes=12,
        first_contest="08:30", timezone="UTC", official_tolerance_kg=0.3))
    with svc.transaction(ADMIN) as tx:
        cat = tx.insert(schema.categories, {
            "tournament_id": tid, "name": "M -73", "gender": "m", "age_group": "seniors",
            "max_weight": 73.0, "min_weight": 66.0, "ruleset": "ijf2025", "system": "auto",
            "created_at": tx.now})
    for i in range(4):
        people.register(svc, ADMIN, tid, people.Registration(
            f"Fam{i}", "G", "m", 2000, f"Club{i}", ("JPN", "FRA")[i % 2], cat,
            external_id=f"{name}-{i}", declared_weight=70.5 + i))
    categorising.draw_now(svc, ADMIN, category_id=cat, seed=3)
    categorising.set_lock(svc, ADMIN, category_id=cat, lock=True)
    planning.plan_day(svc, ADMIN, tid)
    return tid, cat


@pytest.fixture(params=BACKENDS)
def two(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Services, Database]]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with empty_database(request.param, tmp_path / "a") as source, \
            empty_database(request.param, tmp_path / "b") as target:
        svc = _services(source)
        db = Database(target)
        yield svc, db
        svc.db.dispose()
        db.dispose()


def test_one_tournament_backup_keeps_its_settings_plan_ids_and_locks(
        two: tuple[Services, Database], tmp_path: Path) -> None:
    svc, target = two
    _tournament(svc, "Other Cup")  # a second tournament, whose settings must stay behind
    tid, cat = _tournament(svc, "Kept Cup")
    with svc.db.read() as conn:
        settings = setup.load(conn, tid)
        day = planning.day(conn, tid)
        ids = people.external_ids(conn, tid)
        declared = sorted(conn.execute(sa.select(schema.entries.c.declared_weight)
                                       .where(schema.entries.c.category_id == cat)).scalars())
    assert settings.rest_minutes == 12
    assert day.plan is not None
    assert len(ids) == 4
    assert declared == [70.5, 71.5, 72.5, 73.5]

    write_backup(svc.db, tmp_path / "kept.ippon-backup", tournament_id=tid)
    restore_backup(target, tmp_path / "kept.ippon-backup")
    with target.read() as conn:
        assert setup.load(conn, tid) == settings
        assert planning.day(conn, tid).plan == day.plan
        assert people.external_ids(conn, tid) == ids
        assert categorising.locked(conn, cat)
        assert sorted(conn.execute(sa.select(schema.entries.c.declared_weight)).scalars()) \
            == declared
        # Only the backed-up tournament's rows, and nothing in the instance-wide table.
        assert set(conn.execute(sa.select(schema.tournament_settings.c.tournament_id))
                   .scalars()) == {tid}
        assert conn.execute(sa.select(schema.instance)).all() == []


def test_the_settings_accessor_replaces_and_keeps_tournaments_apart(database_url: str) -> None:
    svc = _services(database_url)
    first = setup.create(svc, ADMIN, setup.Settings("A", date(2026, 6, 1),
                                                              date(2026, 6, 1), mats=1))
    second = setup.create(svc, ADMIN, setup.Settings("B", date(2026, 6, 1),
                                                              date(2026, 6, 1), mats=1))
    with svc.transaction(ADMIN) as tx:
        tournament_settings.put(tx, first, "x", {"n": 1})
        tournament_settings.put(tx, first, "x", {"n": 2, "list": [1, "a"]})
    with svc.db.read() as conn:
        assert tournament_settings.get(conn, first, "x") == {"n": 2, "list": [1, "a"]}
        assert tournament_settings.get(conn, second, "x") is None
        assert tournament_settings.get(conn, first, "missing") is None
    svc.db.dispose()


def _instance_rows(conn: sa.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.execute(sa.text("SELECT key, value FROM instance"))}


def test_migration_0002_moves_the_instance_rows_and_back(database_url: str) -> None:
    db = Database(database_url)
    upgrade(db, "0001")
    assert current(db) == "0001"
    locked_at = "2026-05-30T08:15:00+00:00"
    with db.write() as conn:
        conn.execute(sa.text(
            "INSERT INTO tournaments (id, name, place, starts_on, ruleset, created_at) "
            "VALUES (1, 'Old Cup', '', '2026-06-01', 'ijf2025', :at)"), {"at": AT})
        for cid, name in ((1, "M -60"), (2, "M -66")):
            conn.execute(sa.text(
                "INSERT INTO categories (id, tournament_id, name, gender, age_group, ruleset, "
                "system, created_at) VALUES (:id, 1, :name, 'm', 'seniors', 'ijf2025', 'auto', "
                ":at)"), {"id": cid, "name": name, "at": AT})
        rows = {"secret_key": "s3cret", "demo-tournament": "1",
                "tournament-settings:1": json.dumps({"rest_minutes": 15}),
                "schedule:1": json.dumps({"fixed": {}, "plan": None, "final_block": True}),
                "external-ids:1": json.dumps({"LIC-1": 4}),
                "category-locked:2": locked_at,
                "schedule:99": json.dumps({"fixed": {}})}  # a tournament that is gone
        for key, value in rows.items():
            conn.execute(sa.text("INSERT INTO instance (key, value) VALUES (:k, :v)"),
                         {"k": key, "v": value})
    upgrade(db)
    assert current(db) == "0002"
    with db.read() as conn:
        assert _instance_rows(conn) == {"secret_key": "s3cret", "demo-tournament": "1",
                                        "schedule:99": rows["schedule:99"]}
        assert tournament_settings.get(conn, 1, "setup") == {"rest_minutes": 15}
        assert tournament_settings.get(conn, 1, "schedule") == {
            "fixed": {}, "plan": None, "final_block": True}
        assert people.external_ids(conn, 1) == {"LIC-1": 4}
        assert setup.load(conn, 1).rest_minutes == 15
        assert not categorising.locked(conn, 1)
        assert categorising.locked(conn, 2)
        assert conn.execute(sa.select(schema.categories.c.locked_at)
                            .where(schema.categories.c.id == 2)).scalar() \
            == datetime.fromisoformat(locked_at)

    config = alembic_config(db)
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    assert current(db) == "0001"
    with db.read() as conn:
        back = _instance_rows(conn)
        assert {k: json.loads(v) for k, v in back.items() if k.startswith(("tour", "sched", "ext"))
                } == {k: json.loads(v) for k, v in rows.items()
                      if k.startswith(("tour", "sched", "ext"))}
        assert datetime.fromisoformat(back["category-locked:2"]) \
            == datetime.fromisoformat(locked_at)
        assert back["secret_key"] == "s3cret"
        tables = set(sa.inspect(conn).get_table_names())
        assert "tournament_settings" not in tables
        assert "locked_at" not in {c["name"] for c in sa.inspect(conn).get_columns("categories")}
    db.dispose()

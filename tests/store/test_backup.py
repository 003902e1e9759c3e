"""Backup and restore: the whole database and one tournament come back row for row (ids, the
append-only contest events and audit rows, SQL NULL and JSON null kept apart), every contest's
log folds to the same outcome, new rows get fresh ids, and every refusal says why."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from conftest import BACKENDS, empty_database
from ippon.cli import main
from ippon.live.hub import Hub
from ippon.services import accounts, draws, matches, registration, scheduling
from ippon.services.context import Actor, Services
from ippon.services.demo import seed_demo
from ippon.services.scheduling import current_contest
from ippon.store import schema
from ippon.store.backup import (
    BackupError,
    column_kind,
    read_backup,
    restore,
    restore_backup,
    write_backup,
)
from ippon.store.db import Database
from ippon.store.migrate import current, upgrade

ADMIN = Actor("admin:test", "admin", "127.0.0.1")
Rows = dict[str, list[tuple[Any, ...]]]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _services(url: str) -> Services:
    db = Database(url)
    upgrade(db)
    return Services(db, Hub(), Clock())


def second_tournament(svc: Services) -> int:
    """A small tournament with a cancelled score, a finished and a running contest, a mat PIN
    and a mat official's session: every kind of row the schema has."""
    clock = svc.clock
    assert isinstance(clock, Clock)
    tid = registration.create_tournament(svc, ADMIN, name="Coupe d'Été", starts_on=date(2026, 7, 4),
                                         place="Lyon")
    mat = scheduling.create_mat(svc, ADMIN, tournament_id=tid, number=1)
    cat = registration.create_category(svc, ADMIN, tournament_id=tid, name="Dames -57 kg",
                                       gender="f", age_group="seniors", max_weight=57,
                                       min_weight=52, mat_id=mat)
    for i, (family, given, country) in enumerate([("Müller", "Jörg", "GER"),
                                                  ("Орлова", "Анна", "UKR"),
                                                  ("阿部", "詩", "JPN"), ("Dupont", "Léa", "FRA")]):
        club = registration.create_club(svc, ADMIN, name=f"Club {i}", country=country)
        aid = registration.create_athlete(svc, ADMIN, tournament_id=tid, family_name=family,
                                          given_name=given, gender="f", birth_year=2001,
                                          club_id=club, country=country)
        entry = registration.enter(svc, ADMIN, category_id=cat, athlete_id=aid)
        registration.weigh_in(svc, ADMIN, entry_id=entry, weight=55.3 + i / 10)
    draws.draw_category(svc, ADMIN, category_id=cat, seed=7)
    _, pin = accounts.issue_credential(svc, ADMIN, mat_id=mat, kind="pin")
    accounts.login_pin(svc, mat_id=mat, pin=pin, origin="10.0.0.7", hours=8)
    official = Actor("official:mat1", "official", "10.0.0.7", mat)
    for step, payload in enumerate([
            {"type": "hajime"}, {"type": "score", "side": "white", "value": "waza-ari"},
            {"type": "cancel", "target": 2, "reason": "no score"},
            {"type": "score", "side": "blue", "value": "ippon"}, {"type": "hajime"}]):
        with svc.db.read() as conn:
            contest = current_contest(conn, mat)
        assert contest is not None
        clock.now += timedelta(seconds=17.25)
        matches.command(svc, official, contest_id=contest["id"], client_id=f"c{step}",
                        payload=payload)
    return tid


@pytest.fixture(scope="module", params=BACKENDS)
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Services]:
    """The demo tournament (155 athletes, contests fought and one running) and a second one,
    made once per backend: the tests only read it."""
    with empty_database(request.param, tmp_path_factory.mktemp("source")) as url:
        svc = _services(url)
        seed_demo(svc)
        second_tournament(svc)
        yield svc
        svc.db.dispose()


@pytest.fixture
def target(filled: Services, tmp_path: Path) -> Iterator[Database]:
    """An empty database on the same backend as `filled`."""
    backend = "sqlite" if filled.db.is_sqlite else "postgresql"
    with empty_database(backend, tmp_path) as url:
        db = Database(url)
        yield db
        db.dispose()


def every_row(db: Database) -> Rows:
    """Every table's rows in key order; JSON columns also as the database's own text."""
    rows: Rows = {}
    with db.read() as conn:
        for table in schema.metadata.sorted_tables:
            raw = [sa.cast(c, sa.Text) for c in table.columns if column_kind(c) == "json"]
            query = sa.select(*table.columns, *raw).order_by(*table.primary_key.columns)
            rows[table.name] = [tuple(r) for r in conn.execute(query)]
    return rows


def outcomes(db: Database) -> dict[int, Any]:
    """Every contest's log folded again with the rules engine, and the stored outcome."""
    folded = {}
    with db.read() as conn:
        for contest in conn.execute(sa.select(schema.contests).where(
                schema.contests.c.event_count > 0)).mappings():
            replay = matches.load_contest(conn, dict(contest))
            folded[contest["id"]] = (replay.outcome(), contest["outcome"],
                                     [e.line for e in replay.events])
    return folded


def test_every_column_type_of_the_schema_can_be_saved() -> None:
    kinds = {column_kind(c) for t in schema.metadata.tables.values() for c in t.columns}
    assert kinds == {"int", "text", "bool", "float", "date", "datetime", "json"}


def test_the_whole_database_comes_back_row_for_row(filled: Services, target: Database,
                                                   tmp_path: Path) -> None:
    before = every_row(filled.db)
    assert len(before["contest_events"]) > 60
    assert len(before["sessions"]) == 1
    file = tmp_path / "all.ippon-backup"
    summary = write_backup(filled.db, file)
    assert summary.tournament_id is None
    assert summary.rows == {name: len(rows) for name, rows in before.items()}
    restored = restore_backup(target, file)
    assert restored == summary
    assert current(target) == current(filled.db)
    after = every_row(target)
    for name in before:
        assert after[name] == before[name], name
    assert outcomes(target) == outcomes(filled.db)
    decided = [(o, stored) for o, stored, _lines in outcomes(target).values() if stored]
    assert len(decided) >= 18
    for outcome, stored in decided:  # the replay agrees with the result the server recorded
        assert (outcome.winner, outcome.method) == (stored["winner"], stored["method"])


def test_replays_keep_their_cancelled_lines(filled: Services, target: Database,
                                            tmp_path: Path) -> None:
    write_backup(filled.db, tmp_path / "b")
    restore_backup(target, tmp_path / "b")
    with target.read() as conn:
        cancel = conn.execute(sa.select(schema.contest_events).where(
            schema.contest_events.c.client_id == "c2")).mappings().one()
    assert cancel["payload"] == {"type": "cancel", "target": 2, "reason": "no score"}
    lines = outcomes(target)[cancel["contest_id"]]
    outcome = lines[0]
    assert (outcome.winner, outcome.method) == ("blue", "ippon")  # the waza-ari was cancelled
    assert lines[2] == [1, 2, 3, 4]


def test_new_rows_after_a_restore_get_new_ids(filled: Services, target: Database,
                                              tmp_path: Path) -> None:
    write_backup(filled.db, tmp_path / "b")
    restore_backup(target, tmp_path / "b")
    svc = Services(target, Hub(), Clock())
    with target.read() as conn:
        highest = conn.execute(sa.select(sa.func.max(schema.athletes.c.id))).scalar_one()
        tid = conn.execute(sa.select(sa.func.max(schema.tournaments.c.id))).scalar_one()
    club = registration.create_club(svc, ADMIN, name="New club", country="GER")
    athlete = registration.create_athlete(svc, ADMIN, tournament_id=tid, family_name="Neu",
                                          given_name="Nina", gender="f", birth_year=2000,
                                          club_id=club, country="GER")
    assert athlete == highest + 1


def test_one_tournament_comes_back_with_what_it_uses_and_nothing_else(
        filled: Services, target: Database, tmp_path: Path) -> None:
    before = every_row(filled.db)
    tid = max(row[0] for row in before["tournaments"])
    summary = write_backup(filled.db, tmp_path / "t", tournament_id=tid)
    assert summary.tournament_id == tid
    restore_backup(target, tmp_path / "t")
    after = every_row(target)

    def mine(table: str, column: int, keys: set[Any]) -> list[tuple[Any, ...]]:
        return [row for row in before[table] if row[column] in keys]

    assert after["tournaments"] == mine("tournaments", 0, {tid})
    for table in ("athletes", "categories", "mats", "contests", "contest_events", "audit_log"):
        assert after[table] == mine(table, 1, {tid}), table
    categories = {row[0] for row in after["categories"]}
    assert after["entries"] == mine("entries", 1, categories)
    assert after["draws"] == mine("draws", 1, categories)
    mats = {row[0] for row in after["mats"]}
    assert after["mat_queue"] == mine("mat_queue", 1, mats)
    assert after["tokens"] == mine("tokens", 1, mats)
    assert len(after["tokens"]) == 1
    assert after["sessions"] == mine("sessions", 4, mats)
    assert len(after["sessions"]) == 1
    # Only the clubs and countries its athletes use; no accounts, no other tournament's rows.
    clubs = {row[7] for row in after["athletes"]}
    assert after["clubs"] == mine("clubs", 0, clubs)
    assert len(clubs) == 4
    assert {row[0] for row in after["countries"]} == {"GER", "UKR", "JPN", "FRA"}
    assert after["users"] == after["login_attempts"] == after["instance"] == []
    assert len(after["athletes"]) == 4
    assert len(after["contest_events"]) == 5
    replays = outcomes(target)
    assert replays == {k: v for k, v in outcomes(filled.db).items() if k in replays}
    assert len(replays) == 2


def test_a_backup_is_read_through_to_its_end(filled: Services, tmp_path: Path) -> None:
    summary = write_backup(filled.db, tmp_path / "b")
    with (tmp_path / "b").open("rb") as source:
        assert read_backup(source) == summary
    lines = gzip.decompress((tmp_path / "b").read_bytes()).decode().splitlines()
    header = json.loads(lines[0])
    assert (header["format"], header["version"], header["schema"]) == ("ippon-backup", 1, "0002")
    tables = [json.loads(line)["table"] for line in lines if line.startswith('{"table"')]
    assert tables == [t.name for t in schema.metadata.sorted_tables]


def _backup_bytes(svc: Services) -> bytes:
    out = io.BytesIO()
    from ippon.store.backup import backup

    backup(svc.db, out)
    return out.getvalue()


def _edited(data: bytes, first: dict[str, Any] | None = None, drop_last: int = 0) -> bytes:
    lines = gzip.decompress(data).decode().splitlines()
    if first is not None:
        lines[0] = json.dumps({**json.loads(lines[0]), **first})
    return gzip.compress("\n".join(lines[:len(lines) - drop_last]).encode() + b"\n")


def test_refusals_say_why(filled: Services, target: Database) -> None:
    data = _backup_bytes(filled)
    cases = [
        (b"not a backup", "not an ippon backup"),
        (data[: len(data) // 2], "incomplete"),
        (_edited(data, drop_last=1), "incomplete: its last line is missing"),
        (_edited(data, first={"schema": "9999"}), "newer ippon \\(database schema 9999\\)"),
        (_edited(data, first={"version": 2}), "version 2 of the backup format"),
        (_edited(data, first={"format": "something"}), "not an ippon backup"),
    ]
    for bad, message in cases:
        with pytest.raises(BackupError, match=message):
            restore(target, io.BytesIO(bad))
        # Nothing half restored: no tables yet, or empty ones.
        assert current(target) is None or all(rows == [] for rows in every_row(target).values())
    with pytest.raises(BackupError, match=r"already holds data \(athletes: 159"):
        restore(filled.db, io.BytesIO(data))


def test_a_damaged_row_restores_nothing(filled: Services, target: Database) -> None:
    lines = gzip.decompress(_backup_bytes(filled)).decode().splitlines()
    lines[-2] = "[1, 2]"  # the last row of the last table, cut short
    with pytest.raises(BackupError, match="does not match its columns"):
        restore(target, io.BytesIO(gzip.compress("\n".join(lines).encode())))
    assert all(rows == [] for rows in every_row(target).values())


def test_backup_refuses_a_database_without_tables_or_tournament(
        target: Database, filled: Services, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(BackupError, match="no ippon tables"):
        write_backup(target, out / "x")
    with pytest.raises(BackupError, match=r"no tournament with id 99\. Tournaments here: 1: "):
        write_backup(filled.db, out / "x", tournament_id=99)
    assert list(out.iterdir()) == []  # no backup, and no temporary file left behind


def test_the_commands(filled: Services, target: Database, tmp_path: Path) -> None:
    file = tmp_path / "cli.ippon-backup"
    runner = CliRunner()
    result = runner.invoke(main, ["backup", str(file), "--database", filled.db.url])
    assert result.exit_code == 0, result.output
    assert "saved the whole database to" in result.output
    assert file.stat().st_mode & 0o077 == 0  # password hashes inside: the owner's only
    # A database that `ippon db upgrade` made (tables, no rows) is empty enough.
    made = runner.invoke(main, ["db", "upgrade", "--database", target.url])
    assert made.exit_code == 0, made.output
    result = runner.invoke(main, ["restore", str(file)],
                           env={"IPPON_DATABASE_URL": target.url, "IPPON_DATABASE": None})
    assert result.exit_code == 0, result.output
    assert every_row(target) == every_row(filled.db)
    again = runner.invoke(main, ["restore", str(file), "--database", target.url])
    assert again.exit_code == 1
    assert "already holds data" in again.output
    missing = runner.invoke(main, ["backup", str(file), "--tournament", "42",
                                   "--database", filled.db.url])
    assert missing.exit_code == 1
    assert "no tournament with id 42" in missing.output


def test_a_sqlite_backup_moves_to_postgresql_and_back(tmp_path: Path) -> None:
    """The laptop's tournament onto a PostgreSQL server, and back: the format has no backend."""
    laptop = _services(f"sqlite:///{tmp_path / 'laptop.sqlite3'}")
    second_tournament(laptop)
    write_backup(laptop.db, tmp_path / "laptop.ippon-backup")
    with empty_database("postgresql", tmp_path) as url:
        server = Database(url)
        restore_backup(server, tmp_path / "laptop.ippon-backup")
        assert every_row(server) == every_row(laptop.db)
        write_backup(server, tmp_path / "server.ippon-backup")
        server.dispose()
    back = Database(f"sqlite:///{tmp_path / 'back.sqlite3'}")
    restore_backup(back, tmp_path / "server.ippon-backup")
    assert every_row(back) == every_row(laptop.db)
    assert outcomes(back) == outcomes(laptop.db)
    back.dispose()
    laptop.db.dispose()

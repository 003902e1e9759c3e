"""Corrections: the impact before saving (contests, void results, placings, sheets), the save
with both results in the audit log, re-derivation downstream, roles."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ippon.services import corrections, matches
from ippon.services.context import Actor, Services
from ippon.services.errors import Conflict, Forbidden, Invalid
from ippon.store import schema as t

from .conftest import ADMIN, small_tournament


def fight(svc: Services, contest_id: int, side: str) -> None:
    for i, payload in enumerate(({"type": "hajime"},
                                 {"type": "score", "side": side, "value": "ippon"})):
        matches.command(svc, ADMIN, contest_id=contest_id, client_id=f"{contest_id}-{i}",
                        payload=payload)


def contests(svc: Services, category: int) -> dict[int, sa.RowMapping]:
    with svc.db.read() as conn:
        return {c["number"]: c for c in conn.execute(sa.select(t.contests).where(
            t.contests.c.category_id == category)).mappings()}


def first_ready(svc: Services, category: int) -> sa.RowMapping:
    return min((c for c in contests(svc, category).values() if c["status"] == "ready"),
               key=lambda c: c["number"])


def test_the_preview_names_what_changes_and_saving_re_derives(svc: Services) -> None:
    event = small_tournament(svc, 8)
    cat = event["category"]
    first = first_ready(svc, cat)
    for contest in [c for c in contests(svc, cat).values() if c["status"] == "ready"]:
        fight(svc, contest["id"], "white")  # the first round: the next round is known
    with svc.db.read() as conn:
        shown = corrections.preview(conn, first["id"], corrections.Change("blue", "ippon",
                                                                           "ippon"))
    assert any("becomes" in line for line in shown.contests)
    assert shown.sheets[0] == "the draw sheet of M -73"
    assert "the contest order of mat 1" in shown.sheets
    before = contests(svc, cat)
    corrections.correct(svc, ADMIN, contest_id=first["id"],
                        change=corrections.Change("blue", "ippon", "ippon"))
    after = contests(svc, cat)
    assert after[first["number"]]["outcome"]["winner"] == "blue"
    moved = [n for n in after if (after[n]["white_entry_id"], after[n]["blue_entry_id"]) != (
        before[n]["white_entry_id"], before[n]["blue_entry_id"])]
    assert moved  # the winner's next contest has the other athlete now
    assert any(first["blue_entry_id"] in (after[n]["white_entry_id"], after[n]["blue_entry_id"])
               for n in moved)
    with svc.db.read() as conn:
        audit = conn.execute(sa.select(t.audit_log).where(
            t.audit_log.c.action == "contest.correct")).mappings().one()
    assert audit["before"]["outcome"]["winner"] == "white"
    assert audit["after"]["outcome"]["winner"] == "blue"
    assert audit["after"]["impact"]["contests"]


def test_a_result_downstream_becomes_void(svc: Services) -> None:
    event = small_tournament(svc, 8)
    cat = event["category"]
    while True:  # fight every contest ready, white always wins, until the final is decided
        ready = [c for c in contests(svc, cat).values() if c["status"] == "ready"]
        if not ready:
            break
        fight(svc, ready[0]["id"], "white")
    first = contests(svc, cat)[1]
    with svc.db.read() as conn:
        shown = corrections.preview(conn, first["id"], corrections.Change("blue", "ippon",
                                                                           "ippon"))
    assert shown.void  # the winner's later contests must be fought again
    assert shown.placings
    assert "the medal table" in shown.sheets
    corrections.correct(svc, ADMIN, contest_id=first["id"],
                        change=corrections.Change("blue", "ippon", "ippon"))
    statuses = {c["status"] for c in contests(svc, cat).values()}
    assert "ready" in statuses


def test_removing_a_result_and_refusals(svc: Services) -> None:
    event = small_tournament(svc, 8)
    first = first_ready(svc, event["category"])
    with svc.db.read() as conn, pytest.raises(Conflict, match="no result to correct"):
        corrections.preview(conn, first["id"], corrections.Change("blue"))
    fight(svc, first["id"], "white")
    with pytest.raises(Invalid, match="white or blue"):
        corrections.correct(svc, ADMIN, contest_id=first["id"],
                            change=corrections.Change("red"))
    with pytest.raises(Forbidden):
        corrections.correct(svc, Actor("mat", "official", mat_id=event["mat"]),
                            contest_id=first["id"], change=corrections.Change(None))
    corrections.correct(svc, ADMIN, contest_id=first["id"], change=corrections.Change(None))
    assert contests(svc, event["category"])[first["number"]]["status"] == "ready"

"""Corrections go through the contest log: a `decision` line is appended (never an overwrite),
the stored outcome of every contest is the replay of its log, contests a correction voids get a
void decision of their own, and the audit row keeps who, why, before and after (RULES §13)."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from ippon.services import corrections, matches
from ippon.services.context import Actor, Services
from ippon.services.errors import Invalid
from ippon.store import schema as t

from .conftest import ADMIN, small_tournament
from .test_admin_corrections import contests


def fight(svc: Services, contest_id: int, side: str) -> None:
    """Hajime and ippon for `side`, as new keys each time (a voided contest is fought again)."""
    with svc.db.read() as conn:
        count = conn.execute(sa.select(t.contests.c.event_count)
                             .where(t.contests.c.id == contest_id)).scalar_one()
    for i, payload in enumerate(({"type": "hajime"},
                                 {"type": "score", "side": side, "value": "ippon"})):
        matches.command(svc, ADMIN, contest_id=contest_id, client_id=f"{contest_id}-{count + i}",
                        payload=payload)


def replayed(svc: Services, category: int) -> dict[int, tuple[Any, Any]]:
    """Per contest with a log: (the outcome its replay gives, the stored outcome)."""
    out = {}
    with svc.db.read() as conn:
        for c in conn.execute(sa.select(t.contests).where(
                t.contests.c.category_id == category, t.contests.c.event_count > 0)).mappings():
            folded = matches.load_contest(conn, dict(c))
            last = folded.events[-1].at
            state = folded.state_at(last)
            outcome = state.outcome
            out[c["number"]] = (None if outcome is None else matches.outcome_json(outcome, state),
                                c["outcome"])
    return out


def assert_outcome_is_replay(svc: Services, category: int) -> None:
    for number, (folded, stored) in replayed(svc, category).items():
        assert folded == stored, number


def log(svc: Services, contest_id: int) -> list[dict[str, Any]]:
    with svc.db.read() as conn:
        return [dict(r) for r in conn.execute(
            sa.select(t.contest_events).where(t.contest_events.c.contest_id == contest_id)
            .order_by(t.contest_events.c.seq)).mappings()]


def fight_all(svc: Services, category: int) -> None:
    for _ in range(50):
        ready = [c for c in contests(svc, category).values() if c["status"] == "ready"]
        if not ready:
            return
        fight(svc, ready[0]["id"], "white")
    raise AssertionError("contests stay ready after 50 fights")


def test_a_correction_appends_a_decision_and_the_outcome_is_its_replay(svc: Services) -> None:
    event = small_tournament(svc, 8)
    cat = event["category"]
    fight_all(svc, cat)
    first = contests(svc, cat)[1]
    recorded = log(svc, first["id"])
    corrections.correct(svc, ADMIN, contest_id=first["id"], change=corrections.Change(
        "blue", "hansoku-make", "ippon", excluded=True, reason="video review"))
    lines = log(svc, first["id"])
    assert lines[:len(recorded)] == recorded  # nothing rewritten
    decision = lines[-1]
    assert decision["payload"] == {"type": "decision", "winner": "blue",
                                   "method": "hansoku-make", "value": "ippon",
                                   "excluded": True, "reason": "video review"}
    assert decision["actor"] == ADMIN.name
    assert decision["at"] == recorded[-1]["at"]
    stored = contests(svc, cat)[1]
    assert stored["event_count"] == len(lines)
    assert stored["outcome"]["winner"] == "blue"
    assert stored["outcome"]["method"] == "hansoku-make"
    assert stored["outcome"]["excluded"] == "white"
    assert_outcome_is_replay(svc, cat)

    # A second correction is one more line; the latest decision counts.
    corrections.correct(svc, ADMIN, contest_id=first["id"], change=corrections.Change(
        "white", "yusei-gachi", "waza-ari", reason="scoreboard error"))
    stored = contests(svc, cat)[1]
    assert stored["outcome"]["winner"] == "white"
    assert stored["outcome"]["value"] == "waza-ari"
    assert stored["outcome"]["decided_by"] == "waza-ari"
    assert len(log(svc, first["id"])) == len(lines) + 1
    assert_outcome_is_replay(svc, cat)


def test_the_audit_row_keeps_actor_reason_before_and_after(svc: Services) -> None:
    event = small_tournament(svc, 8)
    cat = event["category"]
    first = min((c for c in contests(svc, cat).values() if c["status"] == "ready"),
                key=lambda c: c["number"])
    fight(svc, first["id"], "white")
    before = contests(svc, cat)[first["number"]]["outcome"]
    organiser = Actor("admin:chief", "admin", "10.0.0.9")
    corrections.correct(svc, organiser, contest_id=first["id"], change=corrections.Change(
        "blue", "ippon", "ippon", reason="wrong side pressed"))
    with svc.db.read() as conn:
        audit = conn.execute(sa.select(t.audit_log).where(
            t.audit_log.c.action == "contest.correct")).mappings().one()
    assert audit["actor"] == "admin:chief"
    assert audit["origin"] == "10.0.0.9"
    assert audit["before"] == {"outcome": before, "status": "finished"}
    assert audit["after"]["outcome"]["winner"] == "blue"
    assert audit["after"]["status"] == "finished"
    assert audit["after"]["reason"] == "wrong side pressed"
    assert audit["after"]["log_line"] == 3  # hajime, ippon, then the decision
    assert audit["after"]["impact"]["sheets"][0] == "the draw sheet of M -73"


def test_voided_contests_downstream_get_a_void_decision_and_go_to_the_right_athlete(
        svc: Services) -> None:
    event = small_tournament(svc, 8)
    cat = event["category"]
    fight_all(svc, cat)
    first = contests(svc, cat)[1]
    with svc.db.read() as conn:
        shown = corrections.preview(conn, first["id"], corrections.Change("blue", "ippon",
                                                                           "ippon"))
    assert shown.void_numbers
    assert shown.category_id == cat  # the category's sheets are to be printed again
    corrections.correct(svc, ADMIN, contest_id=first["id"],
                        change=corrections.Change("blue", "ippon", "ippon", reason="review"))
    after = contests(svc, cat)
    for number in shown.void_numbers:
        last = log(svc, after[number]["id"])[-1]["payload"]
        assert last == {"type": "decision", "winner": None,
                        "reason": "contest 1 was corrected"}
        assert after[number]["outcome"] is None
        assert after[number]["status"] in ("ready", "waiting")
    # The corrected winner now stands where the old winner stood (RULES §13 propagation).
    winner = first["blue_entry_id"]
    assert any(winner in (after[n]["white_entry_id"], after[n]["blue_entry_id"])
               for n in shown.void_numbers)
    assert_outcome_is_replay(svc, cat)
    # The contests voided are fought again on the same log, after the void line.
    fight_all(svc, cat)
    assert_outcome_is_replay(svc, cat)
    assert all(c["status"] in ("finished", "skipped") for c in contests(svc, cat).values())


def test_removing_a_result_voids_the_log_and_it_is_fought_again(svc: Services) -> None:
    event = small_tournament(svc, 8)
    cat = event["category"]
    first = min((c for c in contests(svc, cat).values() if c["status"] == "ready"),
                key=lambda c: c["number"])
    fight(svc, first["id"], "white")
    corrections.correct(svc, ADMIN, contest_id=first["id"],
                        change=corrections.Change(None, reason="athletes swapped"))
    stored = contests(svc, cat)[first["number"]]
    assert stored["outcome"] is None
    assert stored["status"] == "ready"
    assert_outcome_is_replay(svc, cat)
    for i, payload in enumerate(({"type": "hajime"},
                                 {"type": "score", "side": "blue", "value": "ippon"})):
        matches.command(svc, ADMIN, contest_id=first["id"], client_id=f"again-{i}",
                        payload=payload)
    assert contests(svc, cat)[first["number"]]["outcome"]["winner"] == "blue"
    assert_outcome_is_replay(svc, cat)


def test_the_table_official_cannot_send_a_decision(svc: Services) -> None:
    event = small_tournament(svc, 8)
    first = min((c for c in contests(svc, event["category"]).values()
                 if c["status"] == "ready"), key=lambda c: c["number"])
    official = Actor("official:mat1", "official", "10.0.0.7", event["mat"])
    with pytest.raises(Invalid, match="corrections page"):
        matches.command(svc, official, contest_id=first["id"], client_id="x",
                        payload={"type": "decision", "winner": "white", "method": "ippon"})
    assert log(svc, first["id"]) == []

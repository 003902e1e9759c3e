"""Results and their corrections.

A result is corrected in the contest's own log (an admin, or the mat's official, sends `cancel`
and the right event), so the correction is itself an audited, append-only line. Before that, the
impact can be shown: which later contests change athletes, which recorded results would no longer
apply, whose placing moves. A correction that would void a contest already fought is refused
until that contest is dealt with, so no fought contest silently loses its athletes."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services.context import Services
from ippon.services.draws import bracket
from ippon.services.errors import Conflict, Invalid
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.tournament.bracket import ContestState
from ippon.tournament.corrections import Impact, impact
from ippon.tournament.model import Result, Side


def _impact(conn: Connection, contest: dict[str, Any], outcome: dict[str, Any] | None) -> Impact:
    b = bracket(conn, contest["category_id"])
    if b is None:
        raise Invalid("this contest belongs to no drawn category")
    result = None
    if outcome is not None and outcome.get("winner") in ("white", "blue"):
        loser = "blue" if outcome["winner"] == "white" else "white"
        result = Result(Side(outcome["winner"]), outcome.get("method"), outcome.get("value"),
                        outcome.get("excluded") in (loser, "both"), outcome.get("time"))
    return impact(b, contest["number"], result)


def guard_correction(conn: Connection, contest: dict[str, Any],
                     outcome: dict[str, Any] | None) -> None:
    """Refuse a new outcome of a finished contest that would void a contest already fought."""
    if contest["category_id"] is None:
        return
    voided = _impact(conn, contest, outcome).void
    if not voided:
        return
    fought = conn.execute(sa.select(t.contests.c.number).where(
        t.contests.c.category_id == contest["category_id"], t.contests.c.number.in_(voided),
        t.contests.c.event_count > 0)).scalars().all()
    if fought:
        raise Conflict(f"this correction changes who fought in contest(s) "
                       f"{', '.join(map(str, sorted(fought)))}, already fought: correct "
                       "those first, latest first")


def correction_impact(svc: Services, *, contest_id: int, winner: str | None) -> dict[str, Any]:
    """What would change if the contest had been won by `winner` (None: no result)."""
    from ippon.services.snapshots import athletes  # snapshots -> matches -> this module

    if winner not in (None, "white", "blue"):
        raise Invalid("winner must be white, blue or empty (no result)")
    with svc.db.read() as conn:
        contest = row(conn, t.contests, contest_id, "contest")
        if contest["status"] != "finished":
            raise Conflict("only a finished contest has a result to correct")
        outcome = None if winner is None else {**(contest["outcome"] or {}), "winner": winner}
        found = _impact(conn, contest, outcome)
        names = athletes(conn, {int(a) for c in found.contests
                                for s in (c.before, c.after) for a in (s.white, s.blue)
                                if a is not None}
                         | {int(p.athlete) for p in found.placings})

    def state(s: ContestState) -> dict[str, Any]:
        return {"white": None if s.white is None else names.get(int(s.white)),
                "blue": None if s.blue is None else names.get(int(s.blue)),
                "status": s.status.value}

    return {
        "contests": [{"number": c.number, "round": c.before.round, "before": state(c.before),
                      "after": state(c.after)} for c in found.contests],
        "void": list(found.void),
        "placings": [{"athlete": names.get(int(p.athlete)), "before": p.before,
                      "after": p.after} for p in found.placings],
    }

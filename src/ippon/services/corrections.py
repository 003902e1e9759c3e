"""Correcting a result: what it changes downstream, shown before it is saved, then saved with
both results in the audit log.

The competition engine (`ippon.tournament.corrections.impact`) derives the category again with
the new result: contests whose athletes or status change, recorded results that no longer apply
(their contest gets other athletes and must be fought again), placings that change. This module
adds which printed sheets are out of date, and saves by appending to the contest's append-only
log: a `decision` event (docs/contest-log.md) that the rules engine folds like any other line,
so the stored outcome is always the replay of the log. Each contest whose result no longer
applies gets a void decision in its own log. The audit row keeps the actor, the reason, and the
result before and after; the category is then re-derived.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.draws import bracket, rederive
from ippon.services.errors import Conflict, Invalid
from ippon.services.matches import append_decision, load_contest, outcome_json
from ippon.services.registration import row
from ippon.services.scheduling import mat_of_contest
from ippon.services.snapshots import athletes
from ippon.store import schema as t
from ippon.tournament.bracket import Bracket, Status
from ippon.tournament.corrections import Impact, impact
from ippon.tournament.model import BracketError, Result, Side

METHODS = ("ippon", "waza-ari-awasete-ippon", "yusei-gachi", "hantei", "shido",
           "hansoku-make", "kiken-gachi", "fusen-gachi", "sogo-gachi")
VALUES = ("ippon", "waza-ari", "yuko", "koka")


@dataclass(frozen=True, slots=True)
class Change:
    """A correction asked for: `winner` None removes the result (the contest is fought again)."""

    winner: str | None
    method: str | None = None
    value: str | None = None
    excluded: bool = False
    reason: str = ""

    def result(self) -> Result | None:
        if self.winner is None:
            return None
        if self.winner not in ("white", "blue"):
            raise Invalid("the winner is white or blue (or no result)")
        if self.method is not None and self.method not in METHODS:
            raise Invalid(f"unknown method {self.method!r}; choose one of {', '.join(METHODS)}")
        if self.value is not None and self.value not in VALUES:
            raise Invalid(f"unknown score {self.value!r}; choose one of {', '.join(VALUES)}")
        return Result(Side(self.winner), self.method, self.value, self.excluded)

    def decision(self) -> dict[str, Any]:
        """The contest-log line (without its time) that writes this correction."""
        self.result()  # refuses a bad winner, method or value
        reason = self.reason.strip() or None
        if self.winner is None:
            return {"type": "decision", "winner": None, "reason": reason}
        return {"type": "decision", "winner": self.winner, "method": self.method or "ippon",
                "value": self.value, "excluded": self.excluded, "reason": reason}


@dataclass(frozen=True, slots=True)
class Preview:
    """What the correction changes, in sentences for the organiser."""

    contest: dict[str, Any]
    category: str
    contests: tuple[str, ...]
    void: tuple[str, ...]
    placings: tuple[str, ...]
    sheets: tuple[str, ...]
    void_numbers: tuple[int, ...] = ()
    category_id: int | None = None  # set when printed sheets change: its PDF to print again

    @property
    def summary(self) -> dict[str, Any]:
        return {"contests": list(self.contests), "void": list(self.void),
                "placings": list(self.placings), "sheets": list(self.sheets)}


def _place(place: int | None) -> str:
    if place is None:
        return "no placing"
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(place, f"{place}th")


def _load(conn: Connection, contest_id: int) -> tuple[dict[str, Any], dict[str, Any], Bracket]:
    contest = row(conn, t.contests, contest_id, "contest")
    if contest["category_id"] is None:
        raise Invalid("this contest belongs to no category")
    category = row(conn, t.categories, contest["category_id"], "category")
    found = bracket(conn, category["id"])
    if found is None:
        raise Conflict(f"{category['name']} is not drawn")
    return contest, category, found


def preview(conn: Connection, contest_id: int, change: Change) -> Preview:
    contest, category, before = _load(conn, contest_id)
    try:
        result = change.result()
        found: Impact = impact(before, contest["number"], result)
    except BracketError as error:
        raise Conflict(str(error)) from None
    names = {str(k): v["name"] for k, v in athletes(
        conn, {int(a) for a in before.lines if a is not None}).items()}

    def who(athlete: str | None) -> str:
        return "…" if athlete is None else names.get(athlete, athlete)

    contests = []
    for c in found.contests:
        a, b = c.before, c.after
        line = f"Contest {c.number} ({a.round}): {who(a.white)} – {who(a.blue)}"
        if (a.white, a.blue) != (b.white, b.blue):
            line += f" becomes {who(b.white)} – {who(b.blue)}"
        if a.status != b.status:
            line += f"; {a.status.value} → {b.status.value}"
        if a.winner != b.winner and b.status is not Status.WAITING:
            line += f"; winner {who(a.winner)} → {who(b.winner)}"
        contests.append(line)
    void = tuple(f"Contest {n}: its recorded result no longer applies; it must be fought again"
                 for n in found.void)
    placings = tuple(f"{who(p.athlete)}: {_place(p.before)} → {_place(p.after)}"
                     for p in found.placings)
    sheets: list[str] = []
    if not found.empty:
        sheets.append(f"the draw sheet of {category['name']}")
        mats = sorted({m for c in found.contests if (m := _mat(conn, contest, c.number))})
        sheets += [f"the contest order of mat {m}" for m in mats]
    if found.placings:
        sheets += ["the results list", "the medal table",
                   f"the certificates of {category['name']}"]
    return Preview(contest, category["name"], tuple(contests), void, placings, tuple(sheets),
                   tuple(found.void), category["id"] if sheets else None)


def _mat(conn: Connection, contest: dict[str, Any], number: int) -> int | None:
    other = conn.execute(sa.select(t.contests.c.id).where(
        t.contests.c.draw_id == contest["draw_id"], t.contests.c.number == number)).scalar()
    mat_id = None if other is None else mat_of_contest(conn, int(other))
    if mat_id is None:
        return None
    return int(conn.execute(sa.select(t.mats.c.number).where(t.mats.c.id == mat_id)).scalar_one())


def correct(svc: Services, actor: Actor, *, contest_id: int, change: Change) -> Preview:
    """Save the correction as a `decision` line of the contest's log (void decisions in the
    logs of the contests it voids); the audit row keeps who, why, the result before and after,
    and what changed downstream."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        shown = preview(tx.conn, contest_id, change)
        contest = shown.contest
        if contest["status"] == "running":
            raise Conflict("the contest is on the mat now; correct it when it has ended")
        append_decision(tx, contest, change.decision())
        after = row(tx.conn, t.contests, contest_id, "contest")
        voided = []
        for number in shown.void_numbers:
            other = tx.conn.execute(sa.select(t.contests).where(
                t.contests.c.draw_id == contest["draw_id"],
                t.contests.c.number == number)).mappings().first()
            if other is not None and other["event_count"] > 0:
                append_decision(tx, dict(other), {
                    "type": "decision", "winner": None,
                    "reason": f"contest {contest['number']} was corrected"})
                voided.append(int(other["id"]))
        tx.audit("contest.correct", "contest", contest_id,
                 before={"outcome": contest["outcome"], "status": contest["status"]},
                 after={"outcome": after["outcome"], "status": after["status"],
                        "reason": change.reason.strip() or None, "log_line": after["event_count"],
                        "voided_contests": voided, "impact": shown.summary},
                 tournament_id=contest["tournament_id"])
        rederive(tx, contest["category_id"])
        _reconcile(tx, contest["category_id"], contest["number"])
        tx.touch(f"tournament:{contest['tournament_id']}")
        mat_id = mat_of_contest(tx.conn, contest_id)
        if mat_id is not None:
            tx.touch(f"mat:{mat_id}")
        return shown


def _reconcile(tx: Tx, category_id: int, corrected: int) -> None:
    """Re-deriving may settle a contest that has a log (a fusen-gachi once an athlete is
    excluded, RULES §13.2): write that into its log too, so its stored outcome stays the replay
    of its log."""
    for other in tx.conn.execute(sa.select(t.contests).where(
            t.contests.c.category_id == category_id, t.contests.c.event_count > 0)
            ).mappings().all():
        stored = other["outcome"]
        folded = load_contest(tx.conn, dict(other))
        last = folded.events[-1].at
        state = folded.state_at(last)
        replay = None if state.outcome is None else outcome_json(state.outcome, state)
        if replay == stored:
            continue
        reason = f"contest {corrected} was corrected"
        if stored is None:
            payload: dict[str, Any] = {"type": "decision", "winner": None, "reason": reason}
        else:
            payload = {"type": "decision", "winner": stored["winner"],
                       "method": stored["method"], "value": stored["value"],
                       "excluded": stored["excluded"] not in (None, stored["winner"]),
                       "reason": reason}
        status = other["status"]
        append_decision(tx, dict(other), payload)
        # The derived status (skipped, waiting) stands; the outcome is now the log's.
        tx.conn.execute(t.contests.update().where(t.contests.c.id == other["id"])
                        .values(status=status))


def decided(conn: Connection, tournament_id: int, category_id: int | None = None,
            *, limit: int = 100) -> list[dict[str, Any]]:
    """Contests with a result, newest category first, for choosing what to correct."""
    q = (sa.select(t.contests.c.id, t.contests.c.number, t.contests.c.outcome,
                   t.contests.c.white_entry_id, t.contests.c.blue_entry_id,
                   t.categories.c.name.label("category"))
         .join(t.categories, t.categories.c.id == t.contests.c.category_id)
         .where(t.contests.c.tournament_id == tournament_id,
                t.contests.c.status == "finished"))
    if category_id is not None:
        q = q.where(t.contests.c.category_id == category_id)
    found = [dict(r) for r in conn.execute(
        q.order_by(t.categories.c.name, t.contests.c.number).limit(limit)).mappings()]
    names = athletes(conn, {c[k] for c in found for k in ("white_entry_id", "blue_entry_id")
                            if c[k] is not None})
    for c in found:
        c["white"] = names.get(c["white_entry_id"], {}).get("name", "…")
        c["blue"] = names.get(c["blue_entry_id"], {}).get("name", "…")
    return found

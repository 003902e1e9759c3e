"""Correcting a result: what it changes downstream, shown before it is saved, then saved with
both results in the audit log.

The competition engine (`ippon.tournament.corrections.impact`) derives the category again with
the new result: contests whose athletes or status change, recorded results that no longer apply
(their contest gets other athletes and must be fought again), placings that change. This module
adds which printed sheets are out of date, and saves: the contest's stored outcome becomes the
corrected one (its contest log stays as the mat recorded it; the audit row says why they
differ), and the category is re-derived, which clears the void results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services.access import require
from ippon.services.context import Actor, Services
from ippon.services.draws import bracket, rederive
from ippon.services.errors import Conflict, Invalid
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

    def outcome(self) -> dict[str, Any] | None:
        if self.winner is None:
            return None
        return {"winner": self.winner, "method": self.method, "value": self.value,
                "decided_by": "correction", "golden_score": False,
                "excluded": ("blue" if self.winner == "white" else "white")
                if self.excluded else None, "time": None}


@dataclass(frozen=True, slots=True)
class Preview:
    """What the correction changes, in sentences for the organiser."""

    contest: dict[str, Any]
    category: str
    contests: tuple[str, ...]
    void: tuple[str, ...]
    placings: tuple[str, ...]
    sheets: tuple[str, ...]

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
    return Preview(contest, category["name"], tuple(contests), void, placings, tuple(sheets))


def _mat(conn: Connection, contest: dict[str, Any], number: int) -> int | None:
    other = conn.execute(sa.select(t.contests.c.id).where(
        t.contests.c.draw_id == contest["draw_id"], t.contests.c.number == number)).scalar()
    mat_id = None if other is None else mat_of_contest(conn, int(other))
    if mat_id is None:
        return None
    return int(conn.execute(sa.select(t.mats.c.number).where(t.mats.c.id == mat_id)).scalar_one())


def correct(svc: Services, actor: Actor, *, contest_id: int, change: Change) -> Preview:
    """Save the correction; the audit row keeps the result before and after, and what changed."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        shown = preview(tx.conn, contest_id, change)
        contest = shown.contest
        if contest["status"] == "running":
            raise Conflict("the contest is on the mat now; correct it when it has ended")
        after = change.outcome()
        tx.conn.execute(t.contests.update().where(t.contests.c.id == contest_id).values(
            outcome=after, status="finished" if after is not None else "ready"))
        tx.audit("contest.correct", "contest", contest_id,
                 before={"outcome": contest["outcome"], "status": contest["status"]},
                 after={"outcome": after, "impact": shown.summary},
                 tournament_id=contest["tournament_id"])
        rederive(tx, contest["category_id"])
        tx.touch(f"tournament:{contest['tournament_id']}")
        return shown


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

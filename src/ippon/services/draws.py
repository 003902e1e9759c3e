"""Drawing a category and keeping its contests in step with the competition engine.

The draw's random seed is stored and published, so anyone can re-run it. After every result,
`rederive` asks `ippon.tournament` who meets whom next and updates the contests rows: the engine
decides, this module only copies its answer into the database."""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.rules import Ruleset, get_ruleset
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.errors import Conflict, Invalid
from ippon.services.registration import row
from ippon.services.scheduling import enqueue
from ippon.store import schema as t
from ippon.tournament.bracket import Bracket, Progress, Recorded, Status
from ippon.tournament.draw import DrawError, Entrant, draw, draw_pools
from ippon.tournament.model import Result, Side, SystemSizeError, UnknownSystemError
from ippon.tournament.systems import BRACKETS, build, default_system

POOL_SYSTEMS = {"pool": 1, "best-of-three": 1, "double-pool": 2}
_DB_STATUS = {Status.WAITING: "waiting", Status.READY: "ready", Status.DECIDED: "finished",
              Status.FUSEN: "skipped", Status.WALKOVER: "skipped", Status.EMPTY: "skipped",
              Status.SKIPPED: "skipped"}


def ruleset_for(category: dict[str, Any]) -> Ruleset:
    """The category's era, with its age group's contest time where the data knows the group."""
    era = get_ruleset(category["ruleset"])
    try:
        return era.for_age_group(category["age_group"],
                                 "men" if category["gender"] == "m" else "women")
    except ValueError:
        return era


def draw_category(svc: Services, actor: Actor, *, category_id: int,
                  seed: int | None = None) -> int:
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        category = row(tx.conn, t.categories, category_id, "category")
        if tx.conn.execute(sa.select(t.draws.c.id)
                           .where(t.draws.c.category_id == category_id)).first() is not None:
            raise Conflict(f"{category['name']} is drawn already")
        people = _entrants(tx.conn, category_id)
        if len(people) < 2:
            raise Conflict(f"{category['name']} has {len(people)} athlete(s); a draw needs 2")
        seed = secrets.randbits(31) if seed is None else seed
        try:
            name = (default_system(len(people)) if category["system"] == "auto"
                    else category["system"])
            lines = _lines(name, people, seed)
            system = build(name, len(lines))
        except (DrawError, SystemSizeError, UnknownSystemError) as error:
            raise Invalid(f"{category['name']}: {error}") from None
        graph = {"system": name, "lines": lines}
        draw_id = tx.insert(t.draws, {"category_id": category_id, "seed": seed, "system": name,
                                      "graph": graph, "created_at": tx.now})
        tx.audit("draw.create", "draw", draw_id, after={"seed": seed, **graph},
                 tournament_id=category["tournament_id"])
        ruleset = ruleset_for(category)
        contest_ids = [tx.insert(t.contests, {
            "tournament_id": category["tournament_id"], "category_id": category_id,
            "draw_id": draw_id, "number": c.number, "ruleset": ruleset.key, "status": "waiting",
            "created_at": tx.now}) for c in system.contests]
        if category["mat_id"] is not None:
            enqueue(tx, category["mat_id"], contest_ids)
        rederive(tx, category_id)
        tx.touch(f"tournament:{category['tournament_id']}")
        return draw_id


def _entrants(conn: Connection, category_id: int) -> list[Entrant]:
    q = (sa.select(t.entries.c.id, t.entries.c.seed, t.athletes.c.country, t.clubs.c.name)
         .join(t.athletes, t.athletes.c.id == t.entries.c.athlete_id)
         .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id)
         .where(t.entries.c.category_id == category_id, t.entries.c.status != "withdrawn"))
    return [Entrant(str(r.id), r.country, r.name, r.seed) for r in conn.execute(q)]


def _lines(system: str, people: list[Entrant], seed: int) -> list[int | None]:
    if system in BRACKETS:
        slots = draw(people, seed).slots
    elif system in POOL_SYSTEMS:
        slots = [a for pool in draw_pools(people, seed, pools=POOL_SYSTEMS[system]).pools
                 for a in pool]
    else:
        raise UnknownSystemError(f"unknown competition system {system!r}")
    return [None if s is None else int(s) for s in slots]


def bracket(conn: Connection, category_id: int) -> Bracket | None:
    """The category's competition as the engine sees it, with every recorded result."""
    found = conn.execute(sa.select(t.draws).where(t.draws.c.category_id == category_id)
                         .order_by(t.draws.c.id.desc())).mappings().first()
    if found is None:
        return None
    category = row(conn, t.categories, category_id, "category")
    lines = tuple(None if x is None else str(x) for x in found["graph"]["lines"])
    system = build(found["graph"]["system"], len(lines))
    results: dict[int, Recorded] = {}
    for c in conn.execute(sa.select(t.contests).where(
            t.contests.c.draw_id == found["id"], t.contests.c.status == "finished")).mappings():
        outcome = c["outcome"]
        if outcome and outcome.get("winner") in ("white", "blue"):
            loser = "blue" if outcome["winner"] == "white" else "white"
            result = Result(Side(outcome["winner"]), outcome.get("method"), outcome.get("value"),
                            outcome.get("excluded") in (loser, "both"), outcome.get("time"))
            results[c["number"]] = Recorded(str(c["white_entry_id"]), str(c["blue_entry_id"]),
                                            result)
    # Entries withdrawn after the draw (absent at the weigh-in) lose by fusen-gachi.
    out = frozenset(str(e) for e in conn.execute(sa.select(t.entries.c.id).where(
        t.entries.c.category_id == category_id, t.entries.c.status == "withdrawn")).scalars())
    return Bracket(system, lines, ruleset_for(category).win_points, out=out & set(lines),
                   results=results)


def progress(conn: Connection, category_id: int) -> Progress | None:
    b = bracket(conn, category_id)
    return None if b is None else b.progress


def rederive(tx: Tx, category_id: int) -> None:
    """Copy the engine's view of who meets whom into the contests rows."""
    p = progress(tx.conn, category_id)
    if p is None:
        return
    rows = {r["number"]: dict(r) for r in tx.conn.execute(
        sa.select(t.contests).where(t.contests.c.category_id == category_id)).mappings()}
    for state in p.contests:
        current = rows[state.number]
        white = None if state.white is None else int(state.white)
        blue = None if state.blue is None else int(state.blue)
        status = _DB_STATUS[state.status]
        if status == "ready" and current["status"] == "running" and (
                (current["white_entry_id"], current["blue_entry_id"]) == (white, blue)):
            status = "running"
        values: dict[str, Any] = {"white_entry_id": white, "blue_entry_id": blue,
                                  "status": status}
        if status in ("waiting", "ready"):
            values["outcome"] = None  # a correction upstream can void a recorded result
        if state.status is Status.FUSEN and state.result is not None:
            values["outcome"] = {"winner": state.result.winner.value, "method": "fusen-gachi",
                                 "value": "ippon", "excluded": None, "time": None,
                                 "decided_by": None, "golden_score": False}
        if any(current[k] != v for k, v in values.items()):
            tx.conn.execute(t.contests.update().where(t.contests.c.id == current["id"])
                            .values(**values))
    tx.touch(f"category:{category_id}")
    mat_id = tx.conn.execute(sa.select(t.categories.c.mat_id)
                             .where(t.categories.c.id == category_id)).scalar()
    if mat_id is not None:
        tx.touch(f"mat:{mat_id}")

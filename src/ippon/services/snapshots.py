"""The full snapshot of each live topic: what a mat display, a category page or the tournament
overview shows. Clocks are not streamed: a snapshot says whether the clock runs, how much time
remains, and the server time it was taken, and each browser interpolates from there."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.services.draws import progress, ruleset_for
from ippon.services.errors import Invalid, NotFound
from ippon.services.matches import contest_seconds, load_contest
from ippon.services.registration import row
from ippon.services.scheduling import current_contest, queue
from ippon.store import schema as t
from ippon.tournament.model import System
from ippon.tournament.systems import build as build_system

NEXT_ON_MAT = 5


def build(conn: Connection, topic: str, now: datetime) -> dict[str, Any]:
    kind, _, key = topic.partition(":")
    if not key.isdigit():
        raise Invalid(f"unknown topic {topic!r}; topics are mat:ID, category:ID, tournament:ID")
    builder = {"mat": mat_snapshot, "category": category_snapshot,
               "tournament": tournament_snapshot}.get(kind)
    if builder is None:
        raise Invalid(f"unknown topic {topic!r}; topics are mat:ID, category:ID, tournament:ID")
    return {"server_time": now.timestamp(), **builder(conn, int(key), now)}


@lru_cache(maxsize=256)
def _system(name: str, lines: int) -> System:
    return build_system(name, lines)


def athletes(conn: Connection, entry_ids: set[int]) -> dict[int, dict[str, Any]]:
    if not entry_ids:
        return {}
    q = (sa.select(t.entries.c.id, t.athletes.c.family_name, t.athletes.c.given_name,
                   t.athletes.c.name_as_entered, t.athletes.c.country,
                   t.clubs.c.name.label("club"))
         .join(t.athletes, t.athletes.c.id == t.entries.c.athlete_id)
         .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id)
         .where(t.entries.c.id.in_(entry_ids)))
    return {r.id: {"entry_id": r.id, "name": f"{r.family_name.upper()} {r.given_name}".strip(),
                   "name_as_entered": r.name_as_entered, "country": r.country, "club": r.club}
            for r in conn.execute(q)}


def _rounds(conn: Connection, draw_ids: set[int]) -> dict[tuple[int, int], str]:
    rounds: dict[tuple[int, int], str] = {}
    for d in conn.execute(sa.select(t.draws.c.id, t.draws.c.graph)
                          .where(t.draws.c.id.in_(draw_ids))):
        system = _system(d.graph["system"], len(d.graph["lines"]))
        rounds.update({(d.id, c.number): c.round for c in system.contests})
    return rounds


def summaries(conn: Connection, contests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    people = athletes(conn, {c[k] for c in contests for k in ("white_entry_id", "blue_entry_id")
                             if c[k] is not None})
    rounds = _rounds(conn, {c["draw_id"] for c in contests if c["draw_id"] is not None})
    names = {r.id: r.name for r in conn.execute(sa.select(t.categories.c.id, t.categories.c.name)
             .where(t.categories.c.id.in_({c["category_id"] for c in contests})))}
    return [{"id": c["id"], "number": c["number"], "status": c["status"],
             "category_id": c["category_id"], "category": names.get(c["category_id"]),
             "round": rounds.get((c["draw_id"], c["number"])),
             "white": people.get(c["white_entry_id"]), "blue": people.get(c["blue_entry_id"]),
             "outcome": c["outcome"]} for c in contests]


def contest_live(conn: Connection, contest: dict[str, Any], now: datetime,
                 view: dict[str, Any] | None = None) -> dict[str, Any]:
    """A contest with its scoreboard and clocks at `now` (`view`: its summary, if known)."""
    view = dict(summaries(conn, [contest])[0] if view is None else view)
    folded = load_contest(conn, contest)
    s = folded.state_at(contest_seconds(contest, now)) if folded.events else folded.state_at(0)
    rules = folded.rules
    view["events"] = len(folded.events)
    view["ruleset"] = rules.key
    view["state"] = {
        "status": s.status, "winner": s.winner, "method": s.method, "decided_by": s.decided_by,
        "golden_score": s.golden_score, "white": s.white._asdict(), "blue": s.blue._asdict(),
        "clock_running": s.clock_running, "contest_time": rules.contest_time,
        "regular_time": s.regular_time, "golden_score_time": s.golden_score_time,
        "remaining": max(0.0, rules.contest_time - s.regular_time),
        "golden_score_limit": rules.golden_score_limit,  # None: unlimited
        "osaekomi": s.osaekomi, "osaekomi_time": s.osaekomi_time,
    }
    return view


def mat_snapshot(conn: Connection, mat_id: int, now: datetime) -> dict[str, Any]:
    # Every command re-takes this snapshot: one queue read and one summaries pass serve both
    # the current contest and the ones after it.
    mat = row(conn, t.mats, mat_id, "mat")
    contests = queue(conn, mat_id, limit=40)
    current = next((c for status in ("running", "ready") for c in contests
                    if c["status"] == status), None)  # as scheduling.current_contest decides
    upcoming = [c for c in contests if current is None or c["id"] != current["id"]][:NEXT_ON_MAT]
    views = summaries(conn, upcoming + ([] if current is None else [current]))
    return {"mat": {"id": mat_id, "number": mat["number"], "name": mat["name"],
                    "tournament_id": mat["tournament_id"]},
            "current": None if current is None else contest_live(conn, current, now, views[-1]),
            "next": views[:len(upcoming)]}


def category_snapshot(conn: Connection, category_id: int, now: datetime) -> dict[str, Any]:
    category = row(conn, t.categories, category_id, "category")
    entries = [dict(r) for r in conn.execute(sa.select(t.entries).where(
        t.entries.c.category_id == category_id).order_by(t.entries.c.id)).mappings()]
    people = athletes(conn, {e["id"] for e in entries})
    draw = conn.execute(sa.select(t.draws.c.seed, t.draws.c.graph).where(
        t.draws.c.category_id == category_id)).first()
    contests = [dict(r) for r in conn.execute(sa.select(t.contests).where(
        t.contests.c.category_id == category_id).order_by(t.contests.c.number)).mappings()]
    p = progress(conn, category_id)

    def who(athlete: str | None) -> dict[str, Any] | None:
        return None if athlete is None else people.get(int(athlete))

    return {
        "category": {"id": category_id, "name": category["name"], "gender": category["gender"],
                     "age_group": category["age_group"], "max_weight": category["max_weight"],
                     "mat_id": category["mat_id"], "ruleset": ruleset_for(category).key,
                     "tournament_id": category["tournament_id"]},
        "entries": [{**people[e["id"]], "status": e["status"], "weight": e["weight"],
                     "seed": e["seed"]} for e in entries],
        "draw": None if draw is None else {"seed": draw.seed, **draw.graph},
        "contests": summaries(conn, contests),
        "finished": bool(p and p.finished),
        "placings": {} if p is None else {
            str(place): [who(a) for a in names] for place, names in p.placings.items()},
        "standings": {} if p is None else {
            pool: [{"athlete": who(s.athlete), "rank": s.rank, "wins": s.wins,
                    "points": s.points} for s in table] for pool, table in p.standings.items()},
    }


def tournament_snapshot(conn: Connection, tournament_id: int, now: datetime) -> dict[str, Any]:
    tournament = conn.execute(sa.select(t.tournaments).where(
        t.tournaments.c.id == tournament_id)).mappings().first()
    if tournament is None:
        raise NotFound(f"there is no tournament with id {tournament_id}")
    mats = []
    for m in conn.execute(sa.select(t.mats).where(t.mats.c.tournament_id == tournament_id)
                          .order_by(t.mats.c.number)).mappings():
        current = current_contest(conn, m["id"])
        mats.append({"id": m["id"], "number": m["number"], "name": m["name"],
                     "current": None if current is None else summaries(conn, [current])[0]})
    counts = {(r.category_id, r.status): r.n for r in conn.execute(
        sa.select(t.contests.c.category_id, t.contests.c.status,
                  sa.func.count().label("n"))
        .where(t.contests.c.tournament_id == tournament_id)
        .group_by(t.contests.c.category_id, t.contests.c.status))}
    categories = []
    for c in conn.execute(sa.select(t.categories).where(
            t.categories.c.tournament_id == tournament_id).order_by(t.categories.c.id)).mappings():
        by_status = {s: counts.get((c["id"], s), 0)
                     for s in ("waiting", "ready", "running", "finished", "skipped")}
        categories.append({"id": c["id"], "name": c["name"], "mat_id": c["mat_id"],
                           "contests": by_status})
    return {"tournament": {"id": tournament_id, "name": tournament["name"],
                           "place": tournament["place"],
                           "starts_on": tournament["starts_on"].isoformat(),
                           "ruleset": tournament["ruleset"]},
            "mats": mats, "categories": categories}

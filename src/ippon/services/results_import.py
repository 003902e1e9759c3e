"""A results JSON that `ippon export` wrote, back into the database as a new tournament.

The JSON's snapshot gives the tournament, the athletes and the categories; its `ippon` part gives
what only ippon needs to rebuild the rest exactly: the categories' definitions, each draw (seed,
system and lines), each result as the engine holds it, and the entries' status. The draws are
stored as they were (not drawn again), the results are written into the contests, and the
engine derives the rest, so the placings are the engine's own again. With the contest-log
archive of the same export, every contest gets its log back too.

All or nothing: one transaction; a file ippon cannot rebuild is refused with the reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from ippon.exchange.exporting import (
    ContestLog,
    ResultsFormatError,
    read_contest_logs,
    read_results_details,
    read_results_json,
)
from ippon.exchange.rows import Competitor, TournamentSnapshot
from ippon.rules import RULESETS, event_to_json
from ippon.services import settings as tournament_settings
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.draws import rederive
from ippon.services.errors import Invalid
from ippon.services.people import Registration, add_athlete, add_entry
from ippon.services.scheduling import enqueue
from ippon.store import schema as t
from ippon.tournament.categories import Sex
from ippon.tournament.model import SystemSizeError, UnknownSystemError
from ippon.tournament.systems import build


@dataclass(frozen=True, slots=True)
class Imported:
    tournament_id: int
    athletes: int
    categories: int
    results: int
    logs: int


def import_results(svc: Services, actor: Actor, data: bytes, logs: bytes | None = None, *,
                   name: str | None = None) -> Imported:
    """A new tournament from `ippon export --format json` (and, if given, the same export's
    `--format jsonl` archive). `name` renames the copy."""
    require(actor, "admin")
    try:
        snapshot = read_results_json(data)
        details = read_results_details(data)
        contest_logs = [] if logs is None else read_contest_logs(logs)
    except ResultsFormatError as error:
        raise Invalid(str(error)) from None
    if details is None:
        raise Invalid("this results file has no \"ippon\" part, so its draws cannot be "
                      "rebuilt: it was not written by `ippon export`. Import its athletes as "
                      "an entry list instead.")
    try:
        with svc.transaction(actor) as tx:
            return _write(tx, snapshot, details, contest_logs, name)
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, Invalid):
            raise
        raise Invalid(f"the file's \"ippon\" part is damaged ({error!r})") from None


def _write(tx: Tx, snapshot: TournamentSnapshot, details: Mapping[str, Any],
           logs: list[ContestLog], name: str | None) -> Imported:
    info = snapshot.info
    ruleset = str(details["ruleset"])
    if ruleset not in RULESETS:
        raise Invalid(f"the file's rules era {ruleset!r} is unknown to this ippon")
    values = {"name": name or info.name or "Imported tournament", "place": info.place,
              "starts_on": info.date or date.today(), "ruleset": ruleset,
              "created_at": tx.now}
    tid = tx.insert(t.tournaments, values)
    tx.audit("tournament.create", "tournament", tid, after=values, tournament_id=tid)
    tournament_settings.put(tx, tid, tournament_settings.SETUP, {
        "age_group": str(details.get("age_group", "seniors")),
        "first_contest": info.start_time or "09:00"})
    mats = {}
    for number in range(1, info.mats + 1):
        mats[number] = tx.insert(t.mats, {"tournament_id": tid, "number": number,
                                          "name": f"Mat {number}"})
    mat_of = {c.name: c.mat for c in snapshot.categories}
    categories: dict[str, int] = {}
    for c in details["categories"]:
        mat = mat_of.get(c["name"])
        values = {"tournament_id": tid, "name": c["name"], "gender": c["gender"],
                  "age_group": c["age_group"], "min_weight": c["min_weight"],
                  "max_weight": c["max_weight"], "ruleset": c["ruleset"],
                  "system": c["system"], "mat_id": mats.get(mat) if mat else None,
                  "created_at": tx.now}
        categories[c["name"]] = tx.insert(t.categories, values)
        tx.audit("category.create", "category", categories[c["name"]], after=values,
                 tournament_id=tid)
    entries, athletes = _people(tx, tid, snapshot.competitors, details["competitors"],
                                categories)
    results = 0
    contests: dict[tuple[str, int], int] = {}
    for c in details["categories"]:
        if c["draw"] is not None:
            contests.update(_draw(tx, tid, c, categories[c["name"]], entries))
    for r in details["results"]:
        outcome = dict(r["outcome"])
        if outcome.get("winner") not in ("white", "blue"):
            raise Invalid(f"contest {r['number']} of {r['category']} has no winner")
        tx.conn.execute(t.contests.update().where(
            t.contests.c.id == contests[(r["category"], int(r["number"]))]).values(
            status="finished", outcome=outcome, white_entry_id=entries[r["white"]],
            blue_entry_id=entries[r["blue"]]))
        results += 1
    for category_id in categories.values():
        rederive(tx, category_id)
    decided = {(m.category, m.number): m.decided_at for m in snapshot.matches}
    for log in logs:
        key = (log.category, log.number)
        if key not in contests:
            raise Invalid(f"the contest logs hold contest {log.number} of {log.category}, "
                          "which the results file does not have")
        _log(tx, tid, contests[key], log, decided.get(key))
    tx.audit("import.results", "tournament", tid,
             after={"athletes": len(entries), "categories": len(categories),
                    "results": results, "logs": len(logs)}, tournament_id=tid)
    tx.touch(f"tournament:{tid}")
    return Imported(tid, athletes, len(categories), results, len(logs))


def _people(tx: Tx, tid: int, competitors: tuple[Competitor, ...],
            known: Mapping[str, Any], categories: Mapping[str, int]
            ) -> tuple[dict[str, int], int]:
    """Athletes (one per person, however many categories they entered) and their entries,
    with weights, seeds and status. Returns the file's ref -> the new entry id, and the number
    of athletes."""
    athletes: dict[str, int] = {}
    entries: dict[str, int] = {}
    for c in competitors:
        a = c.athlete
        if a.sex is None or a.birth_year is None:
            raise Invalid(f"{a.display_name} has no sex or birth year in the file")
        person = str(known.get(c.ref, {}).get("athlete", c.ref))
        if person not in athletes:
            athletes[person] = add_athlete(tx, tid, Registration(
                a.surname, a.given_name, "m" if a.sex is Sex.MEN else "f", a.birth_year,
                a.club, a.country))
        if c.ref not in known:
            continue  # an athlete entered nowhere
        if c.category not in categories:
            raise Invalid(f"{a.display_name} fights in {c.category!r}, which the file does "
                          "not define")
        entry = add_entry(tx, tid, athletes[person], categories[c.category], a.seed)
        tx.conn.execute(t.entries.update().where(t.entries.c.id == entry).values(
            weight=None if a.weight_kg is None else float(a.weight_kg),
            status=str(known[c.ref].get("status", "registered"))))
        entries[c.ref] = entry
    return entries, len(athletes)


def _draw(tx: Tx, tid: int, category: Mapping[str, Any], category_id: int,
          entries: Mapping[str, int]) -> dict[tuple[str, int], int]:
    draw = category["draw"]
    lines = [None if ref is None else entries[ref] for ref in draw["lines"]]
    try:
        system = build(draw["system"], len(lines))
    except (SystemSizeError, UnknownSystemError) as error:
        raise Invalid(f"{category['name']}: {error}") from None
    graph = {"system": draw["system"], "lines": lines}
    draw_id = tx.insert(t.draws, {"category_id": category_id, "seed": int(draw["seed"]),
                                  "system": draw["system"], "graph": graph,
                                  "created_at": tx.now})
    tx.audit("draw.create", "draw", draw_id, after={"seed": draw["seed"], **graph},
             tournament_id=tid)
    ids = [tx.insert(t.contests, {
        "tournament_id": tid, "category_id": category_id, "draw_id": draw_id,
        "number": c.number, "ruleset": category["ruleset"], "status": "waiting",
        "created_at": tx.now}) for c in system.contests]
    mat = tx.conn.execute(sa.select(t.categories.c.mat_id)
                          .where(t.categories.c.id == category_id)).scalar()
    if mat is not None:
        enqueue(tx, mat, ids)
    return {(category["name"], c.number): i for c, i in zip(system.contests, ids, strict=True)}


def _log(tx: Tx, tid: int, contest_id: int, log: ContestLog, decided: Any) -> None:
    """The contest's events as they were logged (lines, times, cancels)."""
    if not log.events:
        return
    last = log.events[-1]
    started = (decided - timedelta(seconds=last.at)) if decided is not None else tx.now
    tx.conn.execute(t.contest_events.insert(), [{
        "tournament_id": tid, "contest_id": contest_id, "seq": e.line, "at": e.at,
        "payload": {k: v for k, v in event_to_json(e).items() if k != "at"},
        "client_id": f"import-{e.line}", "actor": tx.actor.name,
        "recorded_at": started + timedelta(seconds=e.at), "origin": "import"}
        for e in log.events])
    tx.conn.execute(t.contests.update().where(t.contests.c.id == contest_id).values(
        event_count=last.line, started_at=started))

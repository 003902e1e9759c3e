"""Importing a JudoShiai `.shi` tournament: competitors, categories, draws and results.

`preview` works out everything the import would do and every problem, without writing; the
organiser sees the counts and confirms; `apply` works it out again inside one transaction and
writes it all, or raises `ShiRefused` with every problem and writes nothing.

Draws are set from the file's lines (`draw_lines.set_draw`), not drawn again. Each fought
contest becomes a finished contest whose stored events are a short contest log that leads to
the file's result (`ippon.exchange.shi_draws.result_log`); the stored outcome is that log's
replay, and the engine derives who meets whom next and the placings as for any contest fought
here. After writing, the placings the engine derives from the stored rows are checked against
the plan's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.exchange import shi_codes
from ippon.exchange.judoshiai import ShiError, ShiFile, SystemCodes, read_shi_file
from ippon.exchange.rows import Competitor, MatchRow
from ippon.exchange.shi_draws import (
    CategoryPlan,
    LayoutError,
    ResultError,
    category_spec,
    draw_lines,
    plan_category,
)
from ippon.rules import event_to_json
from ippon.services import setup
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.draw_lines import set_draw
from ippon.services.draws import progress, rederive, ruleset_for
from ippon.services.errors import Invalid
from ippon.services.matches import outcome_json
from ippon.services.people import Registration, add_athlete, add_entry
from ippon.services.registration import row as fetch
from ippon.store import schema as t
from ippon.tournament.categories import Sex
from ippon.tournament.model import SystemSizeError, UnknownSystemError
from ippon.tournament.systems import build

MAX_BYTES = 50 * 1024 * 1024
SOURCE = "judoshiai"


@dataclass(frozen=True, slots=True)
class CategoryImport:
    """One category as the import will create (or fill) it."""

    name: str
    gender: str
    age_group: str
    min_weight: float | None
    max_weight: float | None
    system: str  # ippon's system, "auto" when the file leaves it open or ippon has none like it
    refs: tuple[str, ...]  # the competitors entered
    existing_id: int | None = None
    plan: CategoryPlan | None = None  # the draw and results, where the file has them

    @property
    def results(self) -> int:
        return 0 if self.plan is None else len(self.plan.results)


@dataclass(frozen=True, slots=True)
class ShiPlan:
    """What an import of the file does: the counts for the organiser, what is left out or not
    mapped (`notes`), and what stops it (`problems`; each names its place in the file)."""

    competitors: tuple[Competitor, ...]
    categories: tuple[CategoryImport, ...]
    notes: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    name: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def athletes(self) -> int:
        return len(self.competitors)

    @property
    def new_categories(self) -> int:
        return sum(c.existing_id is None for c in self.categories)

    @property
    def draws(self) -> int:
        return sum(c.plan is not None for c in self.categories)

    @property
    def results(self) -> int:
        return sum(c.results for c in self.categories)

    def counts(self) -> dict[str, int]:
        return {"athletes": self.athletes, "categories": len(self.categories),
                "new_categories": self.new_categories, "draws": self.draws,
                "results": self.results}


class ShiRefused(Invalid):
    """The file cannot be imported as it is: nothing was written. `plan.problems` says why."""

    def __init__(self, plan: ShiPlan) -> None:
        self.plan = plan
        super().__init__(f"nothing was imported: {len(plan.problems)} problem(s) in the "
                         "JudoShiai file")


@dataclass
class _Work:
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read(data: bytes) -> ShiFile:
    if len(data) > MAX_BYTES:
        raise Invalid(f"the file has {len(data) // 1024 // 1024} MB; JudoShiai files up to "
                      f"{MAX_BYTES // 1024 // 1024} MB are accepted")
    try:
        return read_shi_file(data)
    except ShiError as error:
        raise Invalid(str(error)) from None


def preview(svc: Services, tournament_id: int, data: bytes) -> ShiPlan:
    """What importing `data` would do, without writing anything."""
    shi = read(data)
    with svc.db.read() as conn:
        return plan(conn, tournament_id, shi)


def plan(conn: Connection, tournament_id: int, shi: ShiFile) -> ShiPlan:
    fetch(conn, t.tournaments, tournament_id, "tournament")
    settings = setup.load(conn, tournament_id)
    snapshot = shi.snapshot
    work = _Work()
    team_names = {c.name for c in snapshot.categories if c.team}
    if team_names:
        work.notes.append(f"Team events are not imported: {', '.join(sorted(team_names))} "
                          "(categories table).")
    taken: list[Competitor] = []
    where_of: dict[str, str] = {}
    for c in snapshot.competitors:
        a = c.athlete
        place = f"competitor {c.ref} ({a.display_name}, competitors table)"
        category = c.category or a.category  # where they fight, else where they registered
        if c.removed:
            work.notes.append(f"{place}: deleted in JudoShiai, left out.")
        elif category in team_names:
            work.notes.append(f"{place}: member of the team event {category}, left out.")
        elif a.sex is None or a.birth_year is None:
            work.notes.append(f"{place}: no sex or birth year in the file, left out.")
        else:
            taken.append(c)
            where_of[c.ref] = category
    existing = {r.name: (int(r.id), r.gender) for r in conn.execute(
        sa.select(t.categories.c.id, t.categories.c.name, t.categories.c.gender)
        .where(t.categories.c.tournament_id == tournament_id))}
    drawn = set(conn.execute(sa.select(t.categories.c.name)
                             .join(t.draws, t.draws.c.category_id == t.categories.c.id)
                             .where(t.categories.c.tournament_id == tournament_id)).scalars())
    rows_of: dict[str, list[MatchRow]] = {}
    for m in snapshot.matches:
        rows_of.setdefault(m.category, []).append(m)
    rows_by_name = {c.name: c for c in snapshot.categories}
    names = [c.name for c in snapshot.categories if not c.team]
    names += sorted({n for n in where_of.values() if n and n not in names})
    categories: list[CategoryImport] = []
    by_ref = {c.ref: c for c in taken}
    for name in names:
        refs = tuple(r for r, n in where_of.items() if n == name)
        made = _category(name, refs, by_ref, shi, settings, existing, drawn, work)
        if made is None:
            continue
        file_row = rows_by_name.get(name)
        codes = shi.systems.get(name, SystemCodes(0, 0, 0, 0))
        rows = rows_of.get(name, [])
        if file_row is not None and rows and codes.system != 0:
            made = _drawn(made, file_row.system, codes, rows, by_ref, settings.ruleset, work)
        elif file_row is not None and not file_row.system and codes.wish:
            work.notes.append(f"{name} (categories table): the requested JudoShiai system "
                              f"{codes.wish} has no counterpart in ippon; ippon chooses the "
                              "system by the number of athletes.")
        categories.append(made)
    return ShiPlan(tuple(taken), tuple(categories), tuple(work.notes), tuple(work.problems),
                   snapshot.info.name)


def _category(name: str, refs: tuple[str, ...], by_ref: dict[str, Competitor], shi: ShiFile,
              settings: setup.Settings, existing: dict[str, tuple[int, str]], drawn: set[str],
              work: _Work) -> CategoryImport | None:
    place = f"{name} (categories table)"
    spec = category_spec(name, shi.definitions)
    sexes = Counter(by_ref[r].athlete.sex for r in refs)
    sex = spec.sex or (next(iter(sexes)) if len(sexes) == 1 else None)
    if sex is None:
        if not refs:
            work.notes.append(f"{place}: no athletes and no sex in the category definitions; "
                              "left out.")
        else:
            work.problems.append(f"{place}: men and women are entered and the category "
                                 "definitions (catdef table) do not say which it is for.")
        return None
    gender = "m" if sex is Sex.MEN else "f"
    for r in refs:
        if by_ref[r].athlete.sex is not sex:
            work.problems.append(f"competitor {r} ({by_ref[r].athlete.display_name}, "
                                 f"competitors table): is in {name}, a category for "
                                 f"{'men' if sex is Sex.MEN else 'women'}.")
    found = existing.get(name)
    if found is not None and name in drawn:
        work.problems.append(f"{place}: this tournament has a drawn category of that name "
                             "already; its entries are closed.")
    elif found is not None and found[1] != gender:
        work.problems.append(f"{place}: this tournament has a category of that name for the "
                             "other sex already.")
    row = next((c for c in shi.snapshot.categories if c.name == name), None)
    system = row.system if row is not None and row.system else "auto"
    return CategoryImport(name, gender, spec.age_group or settings.age_group, spec.min_kg,
                          spec.max_kg, system, refs, None if found is None else found[0])


def _drawn(made: CategoryImport, system: str, codes: SystemCodes, rows: list[MatchRow],
           by_ref: dict[str, Competitor], ruleset: str, work: _Work) -> CategoryImport:
    place = f"{made.name} (categories table)"
    fought = sum(r.winner is not None or r.draw for r in rows)
    if not system:
        described = shi_codes.describe_system(codes.system, codes.table)
        work.notes.append(f"{place}: JudoShiai's {described} has no counterpart in ippon; "
                          "the category is imported undrawn"
                          + (f" and its {fought} result(s) are not taken over." if fought
                             else "."))
        return made
    try:
        lines = draw_lines(system, codes, rows, made.refs)
        build(system, len(lines))
        rules = ruleset_for({"ruleset": ruleset, "age_group": made.age_group,
                             "gender": made.gender})
        excluded = {r for r in made.refs if by_ref[r].excluded}
        category_plan = plan_category(system, lines, rules, rows, excluded)
    except (LayoutError, SystemSizeError, UnknownSystemError) as error:
        work.problems.append(f"{place}: the draw cannot be rebuilt: {error}.")
        return made
    except ResultError as error:
        work.problems.append(f"{error}.")
        return made
    for placed in category_plan.results:
        work.notes.extend(f"{n}." for n in placed.log.notes)
    return CategoryImport(made.name, made.gender, made.age_group, made.min_weight,
                          made.max_weight, system, made.refs, made.existing_id, category_plan)


# --- writing -----------------------------------------------------------------------------------

def apply(svc: Services, actor: Actor, tournament_id: int, data: bytes) -> ShiPlan:
    """Import the file: everything, or nothing and `ShiRefused` with every problem."""
    require(actor, "admin")
    shi = read(data)
    with svc.transaction(actor) as tx:
        found = plan(tx.conn, tournament_id, shi)
        if not found.ok:
            raise ShiRefused(found)
        entries = _people(tx, tournament_id, found)
        for category in found.categories:
            if category.plan is not None:
                _draw(tx, tournament_id, category, entries)
        tx.audit("import.judoshiai", "tournament", tournament_id,
                 after={"file": found.name, **found.counts(), "notes": list(found.notes)},
                 tournament_id=tournament_id)
        tx.touch(f"tournament:{tournament_id}")
        return found


def _people(tx: Tx, tournament_id: int, found: ShiPlan) -> dict[str, int]:
    """Create the categories and athletes; the entry id of each competitor ref."""
    tournament = fetch(tx.conn, t.tournaments, tournament_id, "tournament")
    by_ref = {c.ref: c for c in found.competitors}
    entries: dict[str, int] = {}
    for category in found.categories:
        category_id = category.existing_id
        if category_id is None:
            values = {"tournament_id": tournament_id, "name": category.name,
                      "gender": category.gender, "age_group": category.age_group,
                      "min_weight": category.min_weight, "max_weight": category.max_weight,
                      "ruleset": tournament["ruleset"], "system": category.system,
                      "mat_id": None, "created_at": tx.now}
            category_id = tx.insert(t.categories, values)
            tx.audit("category.create", "category", category_id, after=values,
                     tournament_id=tournament_id)
        for ref in category.refs:
            entries[ref] = _athlete(tx, tournament_id, by_ref[ref], category_id)
    for c in found.competitors:
        if c.ref not in entries:  # registered in no category
            _athlete(tx, tournament_id, c, None)
    return entries


def _athlete(tx: Tx, tournament_id: int, c: Competitor, category_id: int | None) -> int:
    a = c.athlete
    assert a.birth_year is not None
    athlete_id = add_athlete(tx, tournament_id, Registration(
        a.surname, a.given_name, "m" if a.sex is Sex.MEN else "f", a.birth_year, a.club,
        a.country if len(a.country) == 3 else ""))
    if category_id is None:
        return 0
    weight = float(a.weight_kg) if a.weight_kg is not None else None
    return add_entry(tx, tournament_id, athlete_id, category_id, a.seed,
                     declared_weight=weight)


def _draw(tx: Tx, tournament_id: int, category: CategoryImport, entries: dict[str, int]) -> None:
    assert category.plan is not None
    category_id = tx.conn.execute(sa.select(t.categories.c.id).where(
        t.categories.c.tournament_id == tournament_id,
        t.categories.c.name == category.name)).scalar_one()
    lines = [None if ref is None else entries[ref] for ref in category.plan.lines]
    draw_id = set_draw(tx, category_id, category.plan.system, lines, source=SOURCE)
    ids = {int(n): int(i) for n, i in tx.conn.execute(
        sa.select(t.contests.c.number, t.contests.c.id).where(t.contests.c.draw_id == draw_id))}
    for placed in category.plan.results:
        contest_id = ids[placed.number]
        events = placed.log.events
        tx.conn.execute(t.contest_events.insert(), [{
            "tournament_id": tournament_id, "contest_id": contest_id, "seq": e.line,
            "at": e.at, "payload": {k: v for k, v in event_to_json(e).items() if k != "at"},
            "client_id": f"judoshiai-{e.line}", "actor": tx.actor.name,
            "recorded_at": tx.now, "origin": tx.actor.origin} for e in events])
        outcome = outcome_json(placed.log.outcome, placed.log.state)
        ended = placed.row.decided_at or tx.now
        started = ended - timedelta(seconds=float(outcome["time"] or 0))
        tx.conn.execute(t.contests.update().where(t.contests.c.id == contest_id).values(
            white_entry_id=entries[placed.white], blue_entry_id=entries[placed.blue],
            status="finished", outcome=outcome, event_count=len(events),
            started_at=started))
        tx.audit("contest.import", "contest", contest_id,
                 after={"source": f"{placed.row.category}, contest {placed.row.number}",
                        "outcome": outcome}, tournament_id=tournament_id)
    rederive(tx, category_id)
    _check(tx.conn, category_id, category.plan, entries)


def _check(conn: Connection, category_id: int, category_plan: CategoryPlan,
           entries: dict[str, int]) -> None:
    """The engine's placings from the stored rows must be the plan's: the stored results are
    the ones planned."""
    stored = progress(conn, category_id)
    assert stored is not None
    planned: dict[int, Any] = {place: tuple(str(entries[a]) for a in athletes)
                               for place, athletes in category_plan.progress.placings.items()}
    if dict(stored.placings) != planned:
        raise Invalid("the imported results do not give the placings worked out from the "
                      "file; nothing was imported")

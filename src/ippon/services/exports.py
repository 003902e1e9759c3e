"""A stored tournament as the exporters and the printed sheets see it.

`ippon.exchange` (CSV, XLSX, JSON, contest logs, `.shi`) and `ippon.reports` (PDF) never touch
the database; this module reads one tournament and builds their models. Placings come from the
engine through `draws.bracket` (the same one the public pages and corrections use), medal tables
from `ippon.tournament.medals` inside the reports: nothing here ranks anyone itself.

    data, name, media = export(conn, tournament_id, "json")   # bytes, a file name, a MIME type
    model = report_tournament(conn, tournament_id)             # ippon.reports.Tournament

A competitor of the exports is an entry (an athlete in one category); its `ref` is the entry's
id. An athlete entered nowhere is written with the ref `a<athlete id>`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.exchange.exporting import (
    ContestLog,
    contest_logs_zip,
    place_of,
    results_csv,
    results_json,
    results_xlsx,
)
from ippon.exchange.judoshiai import ShiError, write_shi
from ippon.exchange.rows import (
    BYE,
    AthleteRow,
    CategoryRow,
    Competitor,
    MatchRow,
    Score,
    Sex,
    Slot,
    TournamentInfo,
    TournamentSnapshot,
)
from ippon.reports.flags import flag_svgs
from ippon.reports.model import CategoryDraw, Person, Tournament
from ippon.rules import IllegalEvent, LogFormatError, event_from_json
from ippon.services import setup
from ippon.services.draws import bracket, ruleset_for
from ippon.services.errors import Conflict, Invalid, NotFound
from ippon.services.matches import load_contest
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.tournament.bracket import Bracket, Status
from ippon.tournament.model import Side
from ippon.tournament.schedule import Plan, schedule

# JudoShiai's result class (`MatchRow.points`) from an outcome: the winner's highest score,
# else the decision.
POINTS_BY_VALUE = {"ippon": 10, "waza-ari": 7, "yuko": 5, "koka": 3}
POINTS_BY_METHOD = {"shido": 2, "hantei": 1}


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    suffix: str
    media_type: str
    title: str


FORMATS: dict[str, Format] = {f.key: f for f in (
    Format("csv", ".csv", "text/csv; charset=utf-8", "results as CSV (one table)"),
    Format("xlsx", ".xlsx",
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "results as an Excel workbook (placings and contests)"),
    Format("json", ".json", "application/json", "the results JSON (reads back with "
           "`ippon import`)"),
    Format("jsonl", ".zip", "application/zip", "every contest's log, JSON Lines in a ZIP"),
    Format("shi", ".shi", "application/x-sqlite3", "a JudoShiai tournament"),
)}
TABLES = ("placings", "contests")


# --- reading the tournament ----------------------------------------------------------------------

@dataclass(frozen=True)
class _Stored:
    """What one read of the tournament gives the builders below."""

    tournament: dict[str, Any]
    categories: list[dict[str, Any]]
    mats: dict[int, int]  # mat id -> number
    entries: list[dict[str, Any]]  # with the athlete's columns and the club's name
    loose: list[dict[str, Any]]  # athletes without an entry
    brackets: dict[int, Bracket]  # category id -> the engine's view (drawn categories)
    draws: dict[int, dict[str, Any]]  # category id -> its draw row


def _read(conn: Connection, tournament_id: int) -> _Stored:
    try:
        tournament = row(conn, t.tournaments, tournament_id, "tournament")
    except NotFound:
        raise NotFound(f"there is no tournament with id {tournament_id}") from None
    categories = [dict(r) for r in conn.execute(sa.select(t.categories).where(
        t.categories.c.tournament_id == tournament_id).order_by(t.categories.c.id)).mappings()]
    mats = dict(conn.execute(sa.select(t.mats.c.id, t.mats.c.number).where(
        t.mats.c.tournament_id == tournament_id)).all())
    athlete = (t.athletes.c.family_name, t.athletes.c.given_name, t.athletes.c.gender,
               t.athletes.c.birth_year, t.athletes.c.country, t.clubs.c.name.label("club"))
    entries = [dict(r) for r in conn.execute(
        sa.select(t.entries, *athlete)
        .join(t.athletes, t.athletes.c.id == t.entries.c.athlete_id)
        .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id)
        .where(t.athletes.c.tournament_id == tournament_id)
        .order_by(t.entries.c.category_id, t.entries.c.id)).mappings()]
    loose = [dict(r) for r in conn.execute(
        sa.select(t.athletes.c.id, *athlete)
        .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id)
        .where(t.athletes.c.tournament_id == tournament_id,
               ~sa.exists().where(t.entries.c.athlete_id == t.athletes.c.id))
        .order_by(t.athletes.c.id)).mappings()]
    brackets: dict[int, Bracket] = {}
    draws: dict[int, dict[str, Any]] = {}
    for category in categories:
        found = bracket(conn, category["id"])
        if found is not None:
            brackets[category["id"]] = found
            draws[category["id"]] = dict(conn.execute(
                sa.select(t.draws).where(t.draws.c.category_id == category["id"])
                .order_by(t.draws.c.id.desc())).mappings().first() or {})
    return _Stored(tournament, categories, mats, entries, loose, brackets, draws)


def _contests(conn: Connection, tournament_id: int) -> list[dict[str, Any]]:
    """The contests of the current draws, category by category, in number order."""
    latest = (sa.select(sa.func.max(t.draws.c.id)).where(
        t.draws.c.category_id == t.contests.c.category_id).scalar_subquery())
    return [dict(r) for r in conn.execute(
        sa.select(t.contests).where(t.contests.c.tournament_id == tournament_id,
                                    t.contests.c.draw_id == latest)
        .order_by(t.contests.c.category_id, t.contests.c.number)).mappings()]


# --- the export snapshot -------------------------------------------------------------------------

def _sex(gender: str) -> Sex:
    return Sex.MEN if gender == "m" else Sex.WOMEN


def _athlete_row(r: Mapping[str, Any], category: str = "", weight: float | None = None,
                 seed: int | None = None) -> AthleteRow:
    return AthleteRow(
        surname=r["family_name"], given_name=r["given_name"], sex=_sex(r["gender"]),
        birth_year=r["birth_year"], club=r["club"] or "", country=r["country"] or "",
        weight_kg=None if weight is None else Decimal(str(weight)), category=category,
        seed=seed)


def _places(placings: Mapping[int, tuple[str, ...]]) -> tuple[str | None, ...]:
    """A finished category's placings in the snapshot's slots 1, 2, 3, 3, 5, 5, 7, 7. A place
    those slots do not have (the 4th of a pool) is left out; the JSON's `ippon` part keeps it."""
    slots: list[str | None] = [None] * 8
    for place, names in placings.items():
        free = [i for i in range(8) if place_of(i) == place]
        for i, athlete in zip(free, names, strict=False):
            slots[i] = athlete
    last = max((i for i, ref in enumerate(slots) if ref is not None), default=-1)
    while last + 1 < 8 and place_of(last + 1) == place_of(last):
        last += 1  # the second 3rd (5th, 7th) slot is written even when empty
    return tuple(slots[:last + 1])


def _score(board: Any) -> Score:
    return Score(ippon=board.ippon, waza_ari=board.waza_ari, yuko=board.yuko, koka=board.koka,
                 shido=board.shido, hansoku_make=board.hansoku_make)


def _points(outcome: Mapping[str, Any]) -> int:
    if outcome.get("winner") not in ("white", "blue"):
        return 0
    return (POINTS_BY_VALUE.get(outcome.get("value") or "")
            or POINTS_BY_METHOD.get(outcome.get("method") or "", 1))


def snapshot(conn: Connection, tournament_id: int) -> TournamentSnapshot:
    """The tournament as `ippon.exchange` writes it: competitors, categories with places,
    contests with results and each side's scoreboard at the end."""
    return _snapshot(conn, _read(conn, tournament_id))


def _snapshot(conn: Connection, stored: _Stored) -> TournamentSnapshot:
    tid = stored.tournament["id"]
    settings = setup.load(conn, tid)
    names = {c["id"]: c["name"] for c in stored.categories}
    contests = _contests(conn, tid)
    excluded = {str(c[f"{side}_entry_id"]) for c in contests if c["outcome"]
                for side in ("white", "blue")
                if c["outcome"].get("excluded") in (side, "both")}
    competitors = [Competitor(
        ref=str(e["id"]),
        athlete=_athlete_row(e, names[e["category_id"]], e["weight"], e["seed"]),
        category=names[e["category_id"]], excluded=str(e["id"]) in excluded,
        comment="withdrawn" if e["status"] == "withdrawn" else "")
        for e in stored.entries]
    competitors += [Competitor(ref=f"a{a['id']}", athlete=_athlete_row(a))
                    for a in stored.loose]
    categories = []
    for c in stored.categories:
        found = stored.brackets.get(c["id"])
        progress = None if found is None else found.progress
        categories.append(CategoryRow(
            name=c["name"], mat=stored.mats.get(c["mat_id"]) if c["mat_id"] else None,
            system=found.system.name if found else ("" if c["system"] == "auto"
                                                    else c["system"]),
            athletes=0 if found is None else sum(1 for a in found.lines if a is not None),
            places=_places(progress.placings) if progress and progress.finished else ()))
    decided = dict(conn.execute(
        sa.select(t.contest_events.c.contest_id, sa.func.max(t.contest_events.c.recorded_at))
        .where(t.contest_events.c.tournament_id == tid)
        .group_by(t.contest_events.c.contest_id)).all())
    queued = dict(conn.execute(
        sa.select(t.mat_queue.c.contest_id, t.mats.c.number)
        .join(t.mats, t.mats.c.id == t.mat_queue.c.mat_id)
        .where(t.mats.c.tournament_id == tid)).all())
    category_mats = {c["id"]: stored.mats[c["mat_id"]] for c in stored.categories
                     if c["mat_id"] in stored.mats}
    matches = []
    for c in contests:
        found = stored.brackets.get(c["category_id"])
        if found is None or not 0 < c["number"] <= len(found.system.contests):
            continue
        state = found.progress.contests[c["number"] - 1]
        bye = state.status in (Status.WALKOVER, Status.EMPTY)

        def side(entry: int | None, bye: bool = bye) -> Slot:
            return str(entry) if entry is not None else BYE if bye else None

        outcome = c["outcome"] or {}
        white_score = blue_score = Score()
        if c["event_count"]:
            folded = load_contest(conn, c)
            end = folded.state_at(folded.events[-1].at) if folded.events else None
            if end is not None:
                white_score, blue_score = _score(end.white), _score(end.blue)
        winner = outcome.get("winner")
        time = outcome.get("time")
        mat = queued.get(c["id"]) or category_mats.get(c["category_id"])
        matches.append(MatchRow(
            category=names[c["category_id"]], number=c["number"],
            white=side(c["white_entry_id"]), blue=side(c["blue_entry_id"]),
            white_score=white_score, blue_score=blue_score,
            winner=Side(winner) if c["status"] == "finished" and winner in ("white", "blue")
            else None,
            points=_points(outcome) if c["status"] == "finished" else 0,
            time=None if time is None else round(time),
            golden_score=bool(outcome.get("golden_score")),
            decided_at=decided.get(c["id"]) if c["status"] == "finished" else None,
            mat=mat))
    info = TournamentInfo(
        name=stored.tournament["name"], date=stored.tournament["starts_on"],
        place=stored.tournament["place"], start_time=settings.first_contest,
        mats=len(stored.mats))
    return TournamentSnapshot(info, tuple(competitors), tuple(categories), tuple(matches))


def details(conn: Connection, tournament_id: int) -> dict[str, Any]:
    """What ippon needs, beyond the snapshot, to rebuild the tournament from its results JSON:
    the rules era, each category's definition and draw (seed and lines), each result as the
    engine holds it, and the entries' status. Written as the JSON's `ippon` part."""
    return _details(conn, _read(conn, tournament_id))


def _details(conn: Connection, stored: _Stored) -> dict[str, Any]:
    tid = stored.tournament["id"]
    settings = setup.load(conn, tid)
    names = {c["id"]: c["name"] for c in stored.categories}
    categories = []
    for c in stored.categories:
        draw = stored.draws.get(c["id"])
        found = stored.brackets.get(c["id"])
        categories.append({
            "name": c["name"], "gender": c["gender"], "age_group": c["age_group"],
            "min_weight": c["min_weight"], "max_weight": c["max_weight"],
            "ruleset": c["ruleset"], "system": c["system"],
            "draw": None if draw is None else {
                "seed": draw["seed"], "system": draw["graph"]["system"],
                "lines": [None if x is None else str(x) for x in draw["graph"]["lines"]]},
            "placings": {} if found is None else {
                str(place): list(athletes)
                for place, athletes in found.progress.placings.items()}})
    results = [{"category": names[c["category_id"]], "number": c["number"],
                "white": str(c["white_entry_id"]), "blue": str(c["blue_entry_id"]),
                "outcome": c["outcome"]}
               for c in _contests(conn, tid)
               if c["status"] == "finished" and c["outcome"]
               and c["outcome"].get("method") != "fusen-gachi"]
    return {
        "ruleset": stored.tournament["ruleset"], "age_group": settings.age_group,
        "competitors": {str(e["id"]): {"athlete": e["athlete_id"], "status": e["status"]}
                        for e in stored.entries},
        "categories": categories, "results": results}


def contest_logs(conn: Connection, tournament_id: int) -> list[ContestLog]:
    """Every contest with at least one event: its log as stored, with the rules to fold it."""
    _read(conn, tournament_id)  # an unknown tournament is refused, not an empty archive
    categories = {c["id"]: dict(c) for c in conn.execute(sa.select(t.categories).where(
        t.categories.c.tournament_id == tournament_id)).mappings()}
    logs = []
    for c in _contests(conn, tournament_id):
        if not c["event_count"]:
            continue
        events = []
        for seq, at, payload in conn.execute(
                sa.select(t.contest_events.c.seq, t.contest_events.c.at,
                          t.contest_events.c.payload)
                .where(t.contest_events.c.contest_id == c["id"])
                .order_by(t.contest_events.c.seq)):
            with suppress(LogFormatError, IllegalEvent):
                events.append(event_from_json({**payload, "at": at}, seq))
        category = categories[c["category_id"]]
        logs.append(ContestLog(
            category["name"], c["number"], ruleset_for(category), tuple(events),
            None if c["white_entry_id"] is None else str(c["white_entry_id"]),
            None if c["blue_entry_id"] is None else str(c["blue_entry_id"])))
    return logs


def file_name(conn: Connection, tournament_id: int, stem: str, suffix: str) -> str:
    """'open-de-paris-results.json': the tournament's name, plain enough for any disk."""
    name = str(row(conn, t.tournaments, tournament_id, "tournament")["name"])
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or f"tournament-{tournament_id}"
    return f"{slug}-{stem}{suffix}"


def export(conn: Connection, tournament_id: int, format: str, *, table: str = "placings"
           ) -> tuple[bytes, str, str]:
    """The tournament in `format` (csv, xlsx, json, jsonl, shi): its bytes, a file name and a
    media type. `table` chooses the CSV's table (placings or contests)."""
    chosen = FORMATS.get(format)
    if chosen is None:
        raise Invalid(f"there is no export format {format!r}; there are "
                      f"{', '.join(FORMATS)}")
    if format == "csv" and table not in TABLES:
        raise Invalid(f"there is no results table {table!r}; there are {', '.join(TABLES)}")
    stem = {"csv": table, "jsonl": "contest-logs", "shi": "judoshiai"}.get(format, "results")
    if format == "jsonl":
        data = contest_logs_zip(contest_logs(conn, tournament_id))
    else:
        stored = _read(conn, tournament_id)
        snap = _snapshot(conn, stored)
        if format == "csv":
            data = results_csv(snap, table)
        elif format == "xlsx":
            data = results_xlsx(snap)
        elif format == "json":
            data = results_json(snap, _details(conn, stored))
        else:
            try:
                data = write_shi(snap)
            except ShiError as error:
                raise Invalid(str(error)) from None
    return data, file_name(conn, tournament_id, stem, chosen.suffix), chosen.media_type


# --- the printed sheets --------------------------------------------------------------------------

def report_tournament(conn: Connection, tournament_id: int, *, flags: bool = True
                      ) -> Tournament:
    """The tournament as `ippon.reports` prints it: every drawn category with its bracket and
    results, the people by entry id, the athletes entered in each category (for the weigh-in
    lists, drawn or not), and the countries' flags."""
    return _report(_read(conn, tournament_id), flags=flags)


def _report(stored: _Stored, *, flags: bool = True) -> Tournament:
    people = {str(e["id"]): Person(
        str(e["id"]), e["family_name"], e["given_name"], e["country"], e["club"],
        e["birth_year"], None if e["weight"] is None else Decimal(str(e["weight"])))
        for e in stored.entries}
    drawn = tuple(CategoryDraw(c["name"], stored.brackets[c["id"]],
                               stored.mats.get(c["mat_id"]) if c["mat_id"] else None)
                  for c in stored.categories if c["id"] in stored.brackets)
    entered = {c["name"]: tuple(str(e["id"]) for e in stored.entries
                                if e["category_id"] == c["id"] and e["status"] != "withdrawn")
               for c in stored.categories}
    return Tournament(stored.tournament["name"], stored.tournament["starts_on"],
                      stored.tournament["place"], people, drawn, entered=entered,
                      flags=flag_svgs(p.country for p in people.values()) if flags else {})


def category_draw(model: Tournament, conn: Connection, category_id: int) -> CategoryDraw:
    """The drawn category `category_id` of `model` (NotFound before its draw)."""
    category = row(conn, t.categories, category_id, "category")
    for draw in model.categories:
        if draw.name == category["name"]:
            return draw
    raise NotFound(f"{category['name']} is not drawn yet: there is no sheet to print")


def mat_plan(conn: Connection, tournament_id: int) -> Plan:
    """The contest order of each mat: the day's stored plan, else one planned now from the
    drawn categories, as the schedule page plans it (not saved)."""
    from ippon.services import planning  # planning reads the solver's modules: load on use

    day = planning.day(conn, tournament_id)
    return day.plan if day.plan is not None else schedule(day.problem)


SHEETS: dict[str, str] = {"brackets": "brackets.pdf", "weigh-in": "weigh-in.pdf",
                          "mat-order": "mat-order.pdf", "results": "results.pdf",
                          "medals": "medal-table.pdf", "certificates": "certificates.pdf"}


def sheet(conn: Connection, tournament_id: int, kind: str, *, blank: bool = False) -> bytes:
    """One kind of sheet (SHEETS) of the tournament as PDF. Every bracket is one PDF here; to
    follow its progress, use `reports.print_brackets(report_tournament(...))`. `blank` leaves
    the weigh-in list's weights to be written in by hand."""
    from ippon import reports  # WeasyPrint loads on first use

    if kind not in SHEETS:
        raise Invalid(f"there is no sheet {kind!r}; there are {', '.join(SHEETS)}")
    model = report_tournament(conn, tournament_id)
    try:
        if kind == "brackets":
            return next(s.pdf for s in reports.print_brackets(model) if s.pdf is not None)
        if kind == "weigh-in":
            if not model.entered:
                raise ValueError("the tournament has no categories yet")
            return reports.weigh_in_pdf(model, blank=blank)
        if kind == "mat-order":
            return reports.mat_order_pdf(model, mat_plan(conn, tournament_id))
        if kind == "results":
            return reports.results_pdf(model)
        if kind == "medals":
            return reports.medal_table_pdf(model)
        return reports.certificates_pdf(model)
    except ValueError as error:  # nothing drawn, nobody placed: nothing to print
        raise Conflict(f"{error}") from None


def category_sheet_pdf(conn: Connection, tournament_id: int, category_id: int
                       ) -> tuple[bytes, str]:
    """One category's sheet (its bracket or pools, and placings), to reprint after a
    correction, and the category's name."""
    from ippon import reports

    category = row(conn, t.categories, category_id, "category")
    if category["tournament_id"] != tournament_id:
        raise NotFound(f"tournament {tournament_id} has no category with id {category_id}")
    model = report_tournament(conn, tournament_id)
    draw = category_draw(model, conn, category_id)
    return reports.category_pdf(model, draw), draw.name

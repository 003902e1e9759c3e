"""Results out, for others: CSV and XLSX for people, JSON for programs, and contest logs.

One generator, `result_tables`, turns a tournament snapshot into named tables of plain values
(placings, contests); the CSV and XLSX writers only format what it yields, so the two never
disagree. The JSON form (`docs/exports.md`) is the whole snapshot and reads back exactly:

    tables = list(result_tables(snapshot))      # ExportTable(name, header, rows)
    data = results_csv(snapshot, "placings")    # UTF-8 CSV, one table
    data = results_xlsx(snapshot)               # a workbook, one sheet per table
    data = results_json(snapshot)               # read_results_json(data) == snapshot
    data = contest_logs_zip(logs)               # every contest's log as JSON Lines, in a ZIP

Nothing here touches the database: the services collect the snapshot and the logs.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

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
from ippon.rules import Event, LogFormatError, Ruleset, dump_log, get_ruleset, parse_log
from ippon.tournament.model import Side

__all__ = ["RESULTS_FORMAT", "RESULTS_VERSION", "ContestLog", "ExportTable", "ResultsFormatError",
           "contest_logs_zip", "place_of", "read_contest_logs", "read_results_details",
           "read_results_json", "result_tables",
           "results_csv", "results_json", "results_xlsx"]

Cell = str | int | Decimal | bool | dt.date | dt.datetime | None

RESULTS_FORMAT = "ippon-results"
RESULTS_VERSION = 1
LOGS_FORMAT = "ippon-contest-logs"
LOGS_VERSION = 1
# JudoShiai's result classes (`MatchRow.points`) in words, for people.
DECISIONS = {10: "ippon", 7: "waza-ari", 5: "yuko", 3: "koka", 2: "shido", 1: "hantei"}
SCORE_KEYS = (("ippon", "ippon"), ("waza-ari", "waza_ari"), ("yuko", "yuko"), ("koka", "koka"),
              ("shido", "shido"))


class ResultsFormatError(ValueError):
    """A results JSON file or a contest-log archive that ippon cannot read; says where."""


def place_of(position: int) -> int:
    """The place at 0-based `position` of a category's places: 1, 2, 3, 3, 5, 5, 7, 7, ..."""
    return position + 1 if position < 2 else position + 1 - position % 2


# --- the one generator -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ExportTable:
    """A table for people: `name` is the sheet (or file) name, rows match `header`."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def result_tables(snapshot: TournamentSnapshot) -> Iterator[ExportTable]:
    """The placings of every category, then every contest with its result, in the snapshot's
    order. Removed competitors take no place; a bye is written "bye"."""
    people = {c.ref: c for c in snapshot.competitors}

    def athlete(ref: str | None) -> tuple[str, str, str]:
        found = people.get(ref) if ref is not None else None
        if found is None:
            return (ref or "", "", "")
        return (found.athlete.display_name, found.athlete.club, found.athlete.country)

    placings = tuple(
        (category.name, place_of(position), *athlete(ref), ref)
        for category in snapshot.categories
        for position, ref in enumerate(category.places) if ref is not None)
    yield ExportTable("placings", ("category", "place", "name", "club", "country", "ref"),
                      placings)

    def side(slot: Slot) -> tuple[str, str]:
        if slot is BYE:
            return ("bye", "")
        name, _club, country = athlete(slot)
        return (name, country)

    contests = []
    for m in snapshot.matches:
        winner = "" if m.winner is None else side(m.white if m.winner is Side.WHITE
                                                   else m.blue)[0]
        decision = "hikiwake" if m.draw else DECISIONS.get(m.points, "") if m.winner else ""
        decided = m.decided_at.astimezone(dt.UTC).replace(tzinfo=None) if (
            m.decided_at is not None and m.decided_at.tzinfo is not None) else m.decided_at
        contests.append((m.category, m.number, m.mat, *side(m.white), _score_text(m.white_score),
                         *side(m.blue), _score_text(m.blue_score), winner, decision, m.time,
                         m.golden_score, decided))
    yield ExportTable("contests", ("category", "contest", "mat", "white", "white country",
                                   "white score", "blue", "blue country", "blue score", "winner",
                                   "decision", "time (s)", "golden score", "decided at (UTC)"),
                      tuple(contests))


def _score_text(score: Score) -> str:
    """'waza-ari 1, shido 2': the scoreboard in words, zeros left out."""
    parts = [f"{name} {getattr(score, attr)}" for name, attr in SCORE_KEYS
             if getattr(score, attr)]
    if score.hansoku_make:
        parts.append("hansoku-make")
    return ", ".join(parts)


def _table(snapshot: TournamentSnapshot, name: str) -> ExportTable:
    for table in result_tables(snapshot):
        if table.name == name:
            return table
    known = ", ".join(t.name for t in result_tables(snapshot))
    raise ValueError(f"there is no results table {name!r}; there are {known}")


# --- CSV and XLSX ------------------------------------------------------------------------------

# A spreadsheet program runs a cell that starts like a formula; a name never starts like one.
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return str(value)


def results_csv(snapshot: TournamentSnapshot, table: str = "placings") -> bytes:
    """One results table ("placings" or "contests") as CSV: UTF-8 with a byte-order mark, so
    that Excel shows accents right; commas; a header line."""
    found = _table(snapshot, table)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(found.header)
    writer.writerows([_text(v) for v in row] for row in found.rows)
    return out.getvalue().encode("utf-8-sig")


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def results_xlsx(snapshot: TournamentSnapshot) -> bytes:
    """Every results table as a sheet of one workbook, header in bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty default sheet
    bold = Font(bold=True)
    for table in result_tables(snapshot):
        sheet = book.create_sheet(table.name)
        for column, title in enumerate(table.header, start=1):
            sheet.cell(row=1, column=column, value=title).font = bold
        for number, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=number, column=column)
                if isinstance(value, str):
                    cell.value = _ILLEGAL_XML.sub("", value)
                    cell.data_type = "s"  # text stays text, even "=..."
                else:
                    cell.value = value
        sheet.freeze_panes = "A2"
        for column, title in enumerate(table.header, start=1):
            widest = max([len(title), *(len(_text(r[column - 1])) for r in table.rows)])
            sheet.column_dimensions[sheet.cell(1, column).column_letter].width = min(
                widest + 2, 40)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- JSON: writing -----------------------------------------------------------------------------

def results_json(snapshot: TournamentSnapshot, details: Mapping[str, Any] | None = None
                 ) -> bytes:
    """The whole snapshot as the documented JSON (docs/exports.md), UTF-8, indented.

    `details` (JSON values) is written as the `ippon` part: what ippon itself needs to rebuild
    the tournament (draws, results as the engine holds them). Other readers ignore it."""
    document: dict[str, Any] = {
        "format": RESULTS_FORMAT, "version": RESULTS_VERSION,
        "tournament": _info_json(snapshot.info),
        "competitors": [_competitor_json(c) for c in snapshot.competitors],
        "categories": [_category_json(c) for c in snapshot.categories],
        "contests": [_match_json(m) for m in snapshot.matches],
    }
    if details is not None:
        document["ippon"] = dict(details)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _info_json(info: TournamentInfo) -> dict[str, Any]:
    return {"name": info.name, "date": None if info.date is None else info.date.isoformat(),
            "place": info.place, "start_time": info.start_time, "mats": info.mats,
            "properties": dict(info.properties)}


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _competitor_json(c: Competitor) -> dict[str, Any]:
    a = c.athlete
    return {"ref": c.ref, "name": a.display_name, "surname": a.surname,
            "given_name": a.given_name, "sex": None if a.sex is None else a.sex.value,
            "birth_date": None if a.birth_date is None else a.birth_date.isoformat(),
            "birth_year": a.birth_year, "club": a.club, "country": a.country,
            "weight_kg": _number(a.weight_kg), "entered_category": a.category,
            "external_id": a.external_id, "seed": a.seed, "category": c.category,
            "belt": c.belt, "excluded": c.excluded, "removed": c.removed,
            "comment": c.comment, "coach_id": c.coach_id}


def _category_json(c: CategoryRow) -> dict[str, Any]:
    return {"name": c.name, "mat": c.mat, "group": c.group, "system": c.system,
            "athletes": c.athletes, "team": c.team,
            "places": [{"place": place_of(i), "ref": ref} for i, ref in enumerate(c.places)]}


def _score_json(score: Score) -> dict[str, Any]:
    return {**{name: getattr(score, attr) for name, attr in SCORE_KEYS},
            "hansoku-make": score.hansoku_make}


def _match_json(m: MatchRow) -> dict[str, Any]:
    return {"category": m.category, "number": m.number, "mat": m.mat,
            "white": None if m.white is BYE else m.white, "white_bye": m.white is BYE,
            "blue": None if m.blue is BYE else m.blue, "blue_bye": m.blue is BYE,
            "winner": None if m.winner is None else m.winner.value, "draw": m.draw,
            "points": m.points, "white_score": _score_json(m.white_score),
            "blue_score": _score_json(m.blue_score), "time": m.time,
            "golden_score": m.golden_score,
            "decided_at": None if m.decided_at is None else m.decided_at.isoformat()}


# --- JSON: reading -----------------------------------------------------------------------------

class _Object:
    """A JSON object being read, with typed getters whose errors say where: 'contests[3].mat'."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise ResultsFormatError(f"{where} must be a JSON object")
        self.value: dict[str, object] = value
        self.where = where

    def _bad(self, key: str, expected: str) -> ResultsFormatError:
        return ResultsFormatError(f"{self.where}.{key} must be {expected}, "
                                  f"not {self.value[key]!r}")

    def text(self, key: str, default: str = "") -> str:
        value = self.value.get(key, default)
        if not isinstance(value, str):
            raise self._bad(key, "text")
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self.value.get(key) is None else self.text(key)

    def integer(self, key: str, default: int = 0) -> int:
        value = self.value.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._bad(key, "a whole number")
        return value

    def optional_integer(self, key: str) -> int | None:
        return None if self.value.get(key) is None else self.integer(key)

    def flag(self, key: str) -> bool:
        value = self.value.get(key, False)
        if not isinstance(value, bool):
            raise self._bad(key, "true or false")
        return value

    def date(self, key: str) -> dt.date | None:
        text = self.optional_text(key)
        try:
            return None if text is None else dt.date.fromisoformat(text)
        except ValueError:
            raise self._bad(key, "a date like 2026-06-01") from None

    def moment(self, key: str) -> dt.datetime | None:
        text = self.optional_text(key)
        try:
            return None if text is None else dt.datetime.fromisoformat(text)
        except ValueError:
            raise self._bad(key, "a time like 2026-06-01T10:30:00+00:00") from None

    def items(self, key: str) -> list[_Object]:
        value = self.value.get(key, [])
        if not isinstance(value, list):
            raise self._bad(key, "a list")
        return [_Object(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(value)]

    def child(self, key: str) -> _Object:
        return _Object(self.value.get(key, {}), f"{self.where}.{key}")


def read_results_json(data: bytes | str) -> TournamentSnapshot:
    """The snapshot in a results JSON file; ResultsFormatError names the first bad field."""
    try:
        # Weights as Decimal, exactly as written.
        document = json.loads(data, parse_float=Decimal)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ResultsFormatError(f"This is not a JSON file ({error}).") from None
    root = _Object(document, "the file")
    if document.get("format") != RESULTS_FORMAT:
        raise ResultsFormatError(f"This JSON file is not ippon results: its \"format\" is "
                                 f"{document.get('format')!r}, not {RESULTS_FORMAT!r}.")
    version = root.integer("version")
    if version > RESULTS_VERSION:
        raise ResultsFormatError(f"These results are in version {version} of the format, from a "
                                 f"newer ippon; this one reads up to version {RESULTS_VERSION}.")
    competitors = tuple(_competitor(c) for c in root.items("competitors"))
    refs = [c.ref for c in competitors]
    if len(set(refs)) != len(refs):
        twice = sorted({r for r in refs if refs.count(r) > 1})
        raise ResultsFormatError(f"Two competitors have the ref {twice[0]!r}; refs must differ.")
    known = set(refs)
    categories = tuple(_category(c, known) for c in root.items("categories"))
    matches = tuple(_match(m, known) for m in root.items("contests"))
    return TournamentSnapshot(_info(root.child("tournament")), competitors, categories, matches)


def read_results_details(data: bytes | str) -> dict[str, Any] | None:
    """The `ippon` part of a results JSON file (None if it has none); the rest is read, and
    checked, by `read_results_json`."""
    read_results_json(data)
    document = json.loads(data)
    details = document.get("ippon")
    if details is not None and not isinstance(details, dict):
        raise ResultsFormatError("the file's \"ippon\" part must be a JSON object")
    return details


def _info(o: _Object) -> TournamentInfo:
    properties = o.child("properties")
    for key, value in properties.value.items():
        if not isinstance(value, str):
            raise ResultsFormatError(f"{properties.where}.{key} must be text")
    return TournamentInfo(name=o.text("name"), date=o.date("date"), place=o.text("place"),
                          start_time=o.text("start_time"), mats=o.integer("mats"),
                          properties={k: str(v) for k, v in properties.value.items()})


def _competitor(o: _Object) -> Competitor:
    sex = o.optional_text("sex")
    if sex is not None and sex not in {s.value for s in Sex}:
        raise o._bad("sex", "\"men\", \"women\" or null")
    weight = o.value.get("weight_kg")
    if weight is not None and (isinstance(weight, bool) or not isinstance(weight, int | Decimal)):
        raise o._bad("weight_kg", "a number of kilograms")
    athlete = AthleteRow(
        surname=o.text("surname"), given_name=o.text("given_name"),
        sex=None if sex is None else Sex(sex), birth_date=o.date("birth_date"),
        birth_year=o.optional_integer("birth_year"), club=o.text("club"),
        country=o.text("country"), weight_kg=None if weight is None else Decimal(weight),
        category=o.text("entered_category"), external_id=o.text("external_id"),
        seed=o.optional_integer("seed"))
    ref = o.text("ref")
    if not ref:
        raise ResultsFormatError(f"{o.where}.ref is missing; every competitor needs one")
    return Competitor(ref=ref, athlete=athlete, category=o.text("category"),
                      belt=o.integer("belt"), excluded=o.flag("excluded"),
                      removed=o.flag("removed"), comment=o.text("comment"),
                      coach_id=o.text("coach_id"))


def _ref(o: _Object, key: str, known: set[str]) -> str | None:
    ref = o.optional_text(key)
    if ref is not None and ref not in known:
        raise ResultsFormatError(f"{o.where}.{key}: no competitor has the ref {ref!r}")
    return ref


def _category(o: _Object, known: set[str]) -> CategoryRow:
    return CategoryRow(name=o.text("name"), mat=o.optional_integer("mat"),
                       group=o.integer("group"), system=o.text("system"),
                       athletes=o.integer("athletes"),
                       places=tuple(_ref(p, "ref", known) for p in o.items("places")),
                       team=o.flag("team"))


def _score(o: _Object) -> Score:
    return Score(**{attr: o.integer(name) for name, attr in SCORE_KEYS},
                 hansoku_make=o.flag("hansoku-make"))


def _match(o: _Object, known: set[str]) -> MatchRow:
    winner = o.optional_text("winner")
    if winner is not None and winner not in ("white", "blue"):
        raise o._bad("winner", "\"white\", \"blue\" or null")
    white: Slot = BYE if o.flag("white_bye") else _ref(o, "white", known)
    blue: Slot = BYE if o.flag("blue_bye") else _ref(o, "blue", known)
    return MatchRow(category=o.text("category"), number=o.integer("number"), white=white,
                    blue=blue, white_score=_score(o.child("white_score")),
                    blue_score=_score(o.child("blue_score")),
                    winner=None if winner is None else Side(winner), points=o.integer("points"),
                    draw=o.flag("draw"), time=o.optional_integer("time"),
                    golden_score=o.flag("golden_score"), decided_at=o.moment("decided_at"),
                    mat=o.optional_integer("mat"))


# --- contest logs --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ContestLog:
    """One contest's log: which contest, the rules it is folded with (an era, with its age
    group's contest time), who fought, and its events (each on the line its `line` names, so
    that a cancel still points at the right line)."""

    category: str
    number: int
    rules: Ruleset
    events: tuple[Event, ...]
    white: str | None = None
    blue: str | None = None


def _slug(text: str) -> str:
    """A file-name part: letters of any script, digits, + and -."""
    return re.sub(r"[^\w+-]+", "_", text).strip("_") or "category"


def _rules_json(rules: Ruleset) -> dict[str, Any]:
    """The era and what an age group changes in it (RULES: contest times per age group)."""
    return {"ruleset": rules.key, "contest_time": rules.contest_time,
            "golden_score_time": rules.golden_score_time,
            "golden_score_as_contest_time": rules.gs_same_as_contest_time,
            "hantei": rules.hantei}


def _rules(entry: _Object) -> Ruleset:
    try:
        era = get_ruleset(entry.text("ruleset"))
    except ValueError as error:
        raise ResultsFormatError(f"{entry.where}: {error}") from None
    given = entry.value

    def seconds(key: str, default: float | None) -> float | None:
        value = given.get(key, default)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or value <= 0):
            raise entry._bad(key, "a number of seconds or null")
        return None if value is None else float(value)

    contest_time = seconds("contest_time", era.contest_time)
    return dataclasses.replace(
        era, contest_time=era.contest_time if contest_time is None else contest_time,
        golden_score_time=seconds("golden_score_time", era.golden_score_time),
        gs_same_as_contest_time=bool(given.get("golden_score_as_contest_time",
                                               era.gs_same_as_contest_time)),
        hantei=bool(given.get("hantei", era.hantei)))


def contest_logs_zip(logs: Iterable[ContestLog]) -> bytes:
    """A ZIP of one JSON Lines file per contest (docs/contest-log.md), each readable by
    `ippon contest replay`, and `index.json` saying which file is which contest."""
    out = io.BytesIO()
    index: list[dict[str, Any]] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for position, log in enumerate(logs, start=1):
            name = f"contests/{position:04d}-{_slug(log.category)}-{log.number}.jsonl"
            # A fixed date: the same logs give the same bytes.
            archive.writestr(zipfile.ZipInfo(name, (2000, 1, 1, 0, 0, 0)),
                             dump_log(list(log.events)), zipfile.ZIP_DEFLATED)
            index.append({"file": name, "category": log.category, "number": log.number,
                          **_rules_json(log.rules), "white": log.white, "blue": log.blue,
                          "events": len(log.events)})
        document = {"format": LOGS_FORMAT, "version": LOGS_VERSION, "contests": index}
        archive.writestr(zipfile.ZipInfo("index.json", (2000, 1, 1, 0, 0, 0)),
                         json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                         zipfile.ZIP_DEFLATED)
    return out.getvalue()


def read_contest_logs(data: bytes) -> list[ContestLog]:
    """The logs in a ZIP that `contest_logs_zip` wrote, in its order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        document = json.loads(archive.read("index.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, UnicodeDecodeError):
        raise ResultsFormatError("This is not an ippon contest-log archive: a ZIP with an "
                                 "index.json.") from None
    root = _Object(document, "index.json")
    if document.get("format") != LOGS_FORMAT or root.integer("version") > LOGS_VERSION:
        raise ResultsFormatError("index.json does not describe ippon contest logs this version "
                                 "of ippon reads.")
    logs = []
    for entry in root.items("contests"):
        name, rules = entry.text("file"), _rules(entry)
        try:
            events = parse_log(archive.read(name).decode("utf-8"))
        except KeyError:
            raise ResultsFormatError(f"{entry.where}: the archive has no file {name!r}") from None
        except UnicodeDecodeError:
            raise ResultsFormatError(f"{name} is not UTF-8 text.") from None
        except LogFormatError as error:
            raise ResultsFormatError(f"{name}: {error}") from None
        logs.append(ContestLog(entry.text("category"), entry.integer("number"),
                               rules, tuple(events),
                               entry.optional_text("white"), entry.optional_text("blue")))
    return logs


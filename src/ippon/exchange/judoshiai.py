"""JudoShiai `.shi` tournaments in and out: competitors, categories, contests and results.

A `.shi` file is an SQLite database (format: `shared/formats/judoshiai-shi.md`). Reading works
on a temporary copy, so the organiser's file is never changed (SQLite may write to a file it
opens, and JudoShiai upgrades old files in place). Columns that newer JudoShiai versions added
may be missing; what is missing takes its empty value.

    snapshot = read_shi(data)          # bytes or a path; ShiError if it is no JudoShiai file
    data = write_shi(snapshot)         # bytes of a .shi that JudoShiai 3 opens
    shi = read_shi_file(data)          # the snapshot with the file's category definitions
                                       # and its raw system codes, for the import
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ippon.exchange import shi_codes as codes
from ippon.exchange.countries import ioc_code
from ippon.exchange.rows import (
    BYE,
    AthleteRow,
    CategoryRow,
    Competitor,
    MatchRow,
    Sex,
    Slot,
    TournamentInfo,
    TournamentSnapshot,
)
from ippon.tournament.model import Side

__all__ = ["CategoryDefinition", "ShiError", "ShiFile", "SystemCodes", "read_shi",
           "read_shi_file", "write_shi"]

SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_TABLES = ("competitors", "categories", "matches")
REQUIRED_COLUMNS = {"competitors": ("index", "last", "first"),
                    "categories": ("index", "category"),
                    "matches": ("category", "number", "blue", "white")}
CORE_INFO = ("Competition", "Date", "Place", "Time", "NumTatamis")
PLACES = 8


class ShiError(ValueError):
    """The file is not a JudoShiai tournament, or a snapshot cannot be written as one."""


# --- reading ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CategoryDefinition:
    """One row of the file's `catdef`: an age group's weight class. `max_kg` is None for the
    open class ("+100"); `max_age` is JudoShiai's upper age (1000 and more: no limit)."""

    age_text: str
    sex: Sex | None
    max_age: int
    weight_text: str
    max_kg: Decimal | None


@dataclass(frozen=True, slots=True)
class SystemCodes:
    """A category's competition system as the file numbers it (SYSTEM_*, size, TABLE_*, and
    the requested CAT_SYSTEM_*), kept so that an import can say what it could not map."""

    system: int
    athletes: int
    table: int
    wish: int


@dataclass(frozen=True, slots=True)
class ShiFile:
    """What an import needs from a `.shi` file beyond the snapshot: the category definitions
    and each category's raw system codes (by category name)."""

    snapshot: TournamentSnapshot
    definitions: tuple[CategoryDefinition, ...] = ()
    systems: dict[str, SystemCodes] = field(default_factory=dict)


def read_shi(source: bytes | str | os.PathLike[str]) -> TournamentSnapshot:
    """The tournament in a `.shi` file, given as its bytes or its path.

    Competitors keep JudoShiai's index as their `ref` ("10", "11", ...); deleted ones are kept
    with `removed=True`. Contests of team events' individual bouts are left out.
    """
    return read_shi_file(source).snapshot


def read_shi_file(source: bytes | str | os.PathLike[str]) -> ShiFile:
    """The tournament in a `.shi` file with its category definitions and system codes."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if not data.startswith(SQLITE_MAGIC):
        raise ShiError("This is not a JudoShiai tournament: a .shi file is an SQLite database, "
                       "and this file is not one.")
    with _database_copy(data) as db:
        # A damaged schema page can fail inside SQLite or while its text is decoded.
        try:
            tables = {name for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            raise ShiError(f"The .shi file is damaged and cannot be read ({error}).") from None
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            raise ShiError("This SQLite database is not a JudoShiai tournament: it has no "
                           + " and no ".join(f"'{t}'" for t in missing) + " table.")
        try:
            return _read(db, tables)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            raise ShiError(f"The .shi file is damaged and cannot be read ({error}).") from None


@contextmanager
def _database_copy(data: bytes) -> Iterator[sqlite3.Connection]:
    with tempfile.TemporaryDirectory(prefix="ippon-shi-") as folder:
        path = Path(folder) / "tournament.shi"
        path.write_bytes(data)
        with closing(sqlite3.connect(path)) as db:
            db.text_factory = _decode
            yield db


def _decode(raw: bytes) -> str:
    """JudoShiai writes UTF-8; files edited by other tools may hold Windows-1252 or Latin-1."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def _rows(db: sqlite3.Connection, table: str, wanted: Sequence[str]
          ) -> Iterator[dict[str, object]]:
    """Rows of `table` as dicts with every `wanted` column; missing columns give None."""
    present = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
    for column in REQUIRED_COLUMNS.get(table, ()):
        if column not in present:
            raise ShiError(f"The .shi file's '{table}' table has no '{column}' column; it is "
                           "damaged or not a JudoShiai tournament.")
    columns = [c for c in wanted if c in present]
    select = ", ".join(f'"{c}"' for c in columns)
    for values in db.execute(f'SELECT {select} FROM "{table}"'):
        row: dict[str, object] = dict.fromkeys(wanted)
        row.update(zip(columns, values, strict=True))
        yield row


def _int(value: object) -> int:
    """SQLite stores what it is given: integers, numeric text, NULL."""
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str | bytes):
        try:
            return int(value)
        except ValueError:
            return 0
    return 0


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):  # a BLOB where text belongs
        return _decode(value).strip()
    return str(value).strip()


def _read(db: sqlite3.Connection, tables: set[str]) -> ShiFile:
    info = _read_info(db) if "info" in tables else TournamentInfo()
    sexes = _catdef_sexes(db) if "catdef" in tables else {}
    competitors = tuple(_read_competitors(db, sexes))
    systems: dict[str, SystemCodes] = {}
    categories, names = _read_categories(db, systems)
    matches = tuple(_read_matches(db, names))
    definitions = tuple(_read_definitions(db)) if "catdef" in tables else ()
    return ShiFile(TournamentSnapshot(info, competitors, categories, matches), definitions,
                   systems)


def _read_definitions(db: sqlite3.Connection) -> Iterator[CategoryDefinition]:
    for row in _rows(db, "catdef", ("age", "agetext", "flags", "weight", "weighttext")):
        flags, grams = _int(row["flags"]), _int(row["weight"])
        weight_text = _text(row["weighttext"])
        open_class = weight_text.startswith("+") or grams <= 0
        yield CategoryDefinition(
            age_text=_text(row["agetext"]),
            sex=Sex.MEN if flags & 3 == 1 else Sex.WOMEN if flags & 3 == 2 else None,
            max_age=_int(row["age"]), weight_text=weight_text,
            max_kg=None if open_class else Decimal(grams) / 1000)


def _read_info(db: sqlite3.Connection) -> TournamentInfo:
    items = {_text(r["item"]): _text(r["value"]) for r in _rows(db, "info", ("item", "value"))}
    properties = {k: v for k, v in items.items() if k not in CORE_INFO}
    try:
        date = dt.date.fromisoformat(items.get("Date", ""))
    except ValueError:
        date = None
        if items.get("Date"):
            properties["Date"] = items["Date"]  # kept as written, for the round trip
    return TournamentInfo(name=items.get("Competition", ""), date=date,
                          place=items.get("Place", ""), start_time=items.get("Time", ""),
                          mats=_int(items.get("NumTatamis")), properties=properties)


def _catdef_sexes(db: sqlite3.Connection) -> dict[str, Sex]:
    """Age-group text ('BT', 'M') -> sex, from the category definitions (flags 1 men, 2 women)."""
    sexes: dict[str, Sex] = {}
    for row in _rows(db, "catdef", ("agetext", "flags")):
        text, flags = _text(row["agetext"]), _int(row["flags"])
        sex = Sex.MEN if flags & 3 == 1 else Sex.WOMEN if flags & 3 == 2 else None
        if text and sex is not None:
            sexes.setdefault(text, sex)
    return sexes


def _sex_by_category(name: str, sexes: Mapping[str, Sex]) -> Sex | None:
    """The sex of a category name like 'BT-44' or 'M+100': its age-group text is what comes
    before the weight."""
    for cut in (name.find("-"), name.find("+")):
        if cut > 0 and name[:cut] in sexes:
            return sexes[name[:cut]]
    return None


COMPETITOR_COLUMNS = ("index", "last", "first", "birthyear", "belt", "club", "regcategory",
                      "weight", "visible", "category", "deleted", "country", "id", "seeding",
                      "clubseeding", "comment", "coachid")


def _read_competitors(db: sqlite3.Connection, sexes: Mapping[str, Sex]) -> Iterator[Competitor]:
    for row in _rows(db, "competitors", COMPETITOR_COLUMNS):
        flags = _int(row["deleted"])
        registered, category = _text(row["regcategory"]), _text(row["category"])
        category = "" if category == "?" else category
        sex = (codes.sex_from_flags(flags) or _sex_by_category(registered, sexes)
               or _sex_by_category(category, sexes))
        country = _text(row["country"])
        grams = _int(row["weight"])
        athlete = AthleteRow(
            surname=_text(row["last"]), given_name=_text(row["first"]), sex=sex,
            birth_year=_int(row["birthyear"]) or None, club=_text(row["club"]),
            country=ioc_code(country) or country if country else "",
            weight_kg=Decimal(grams) / 1000 if grams > 0 else None, category=registered,
            external_id=_text(row["id"]), seed=_int(row["seeding"]) or None)
        yield Competitor(ref=str(_int(row["index"])), athlete=athlete, category=category,
                         belt=_int(row["belt"]), excluded=bool(flags & codes.HANSOKU_MAKE),
                         removed=bool(flags & codes.DELETED), comment=_text(row["comment"]),
                         coach_id=_text(row["coachid"]))


CATEGORY_COLUMNS = ("index", "category", "tatami", "deleted", "group", "system", "numcomp",
                    "table", "wishsys", *(f"pos{i}" for i in range(1, PLACES + 1)))


def _read_categories(db: sqlite3.Connection, systems: dict[str, SystemCodes]
                     ) -> tuple[tuple[CategoryRow, ...], dict[int, str]]:
    present = {row[1] for row in db.execute('PRAGMA table_info("categories")')}
    categories: list[CategoryRow] = []
    names: dict[int, str] = {}
    for row in _rows(db, "categories", CATEGORY_COLUMNS):
        flags = _int(row["deleted"])
        if flags & codes.CATEGORY_DELETED:
            continue
        system, athletes = _int(row["system"]), _int(row["numcomp"])
        table, wish = _int(row["table"]), _int(row["wishsys"])
        if "numcomp" not in present:
            # Old files packed four numbers into `system`.
            athletes, table, wish = system & 0xFF, (system >> 20) & 0xF, (system >> 24) & 0xF
            system = (system >> 16) & 0xF
        places = tuple(str(p) if (p := _int(row[f"pos{i}"])) >= codes.FIRST_COMPETITOR else None
                       for i in range(1, PLACES + 1))
        name = _text(row["category"])
        names[_int(row["index"])] = name
        systems[name] = SystemCodes(system, athletes, table, wish)
        categories.append(CategoryRow(
            name=name, mat=_int(row["tatami"]) or None, group=_int(row["group"]),
            system=codes.system_name(system, table, wish), athletes=athletes,
            places=places if any(places) else (),
            team=bool(flags & (codes.CATEGORY_TEAM | codes.CATEGORY_TEAM_EVENT))))
    return tuple(categories), names


MATCH_COLUMNS = ("category", "number", "blue", "white", "blue_score", "white_score",
                 "blue_points", "white_points", "time", "deleted", "forcedtatami", "date",
                 "legend")


def _slot(index: int) -> Slot:
    if index == codes.NONE:
        return None
    if index == codes.GHOST:
        return BYE
    return str(index)


def _read_matches(db: sqlite3.Connection, names: Mapping[int, str]) -> Iterator[MatchRow]:
    for row in _rows(db, "matches", MATCH_COLUMNS):
        category = _int(row["category"])
        # Bits above 16 mark the individual bouts of a team event: not contests of their own.
        if category > 0xFFFF or category not in names:
            continue
        blue_points, white_points = _int(row["blue_points"]), _int(row["white_points"])
        draw = blue_points == white_points == codes.HIKIWAKE
        winner: Side | None = None
        if not draw and (blue_points or white_points):
            winner = Side.BLUE if blue_points > white_points else Side.WHITE
        saved = _int(row["date"])
        # A 32-bit Unix time; anything else is not a date JudoShiai wrote.
        saved = saved if 0 < saved < 2**32 else 0
        yield MatchRow(
            category=names[category], number=_int(row["number"]),
            white=_slot(_int(row["white"])), blue=_slot(_int(row["blue"])),
            white_score=codes.unpack_score(_int(row["white_score"])),
            blue_score=codes.unpack_score(_int(row["blue_score"])),
            winner=winner, points=0 if draw else max(blue_points, white_points), draw=draw,
            time=_int(row["time"]) or None,
            golden_score=bool(_int(row["legend"]) & codes.GOLDEN_SCORE),
            decided_at=dt.datetime.fromtimestamp(saved, dt.UTC) if saved > 0 else None,
            mat=_int(row["forcedtatami"]) or None)


# --- writing ---------------------------------------------------------------------------------

# The tables of a JudoShiai 3 file: names, columns and types as JudoShiai creates them.
SCHEMA = (
    'CREATE TABLE competitors ("index" INTEGER, "last" TEXT, "first" TEXT, "birthyear" INTEGER, '
    '"belt" INTEGER, "club" TEXT, "regcategory" TEXT, "weight" INTEGER, "visible" INTEGER, '
    '"category" TEXT, "deleted" INTEGER, "country" TEXT, "id" TEXT, "seeding" INTEGER, '
    '"clubseeding" INTEGER, "comment" TEXT, "coachid" TEXT, UNIQUE("index"))',
    'CREATE TABLE categories ("index" INTEGER, "category" TEXT, "tatami" INTEGER, '
    '"deleted" INTEGER, "group" INTEGER, "system" INTEGER, "numcomp" INTEGER, "table" INTEGER, '
    '"wishsys" INTEGER, "pos1" INTEGER, "pos2" INTEGER, "pos3" INTEGER, "pos4" INTEGER, '
    '"pos5" INTEGER, "pos6" INTEGER, "pos7" INTEGER, "pos8" INTEGER, "color" TEXT, '
    'UNIQUE("index"))',
    'CREATE TABLE matches ("category" INTEGER, "number" INTEGER, "blue" INTEGER, '
    '"white" INTEGER, "blue_score" INTEGER, "white_score" INTEGER, "blue_points" INTEGER, '
    '"white_points" INTEGER, "time" INTEGER, "comment" INTEGER, "deleted" INTEGER, '
    '"forcedtatami" INTEGER, "forcednumber" INTEGER, "date" INTEGER, "legend" INTEGER, '
    'UNIQUE("category", "number"))',
    'CREATE TABLE "info" ("item" TEXT, "value" TEXT, UNIQUE("item"))',
    'CREATE TABLE catdef ("age" INTEGER, "agetext" TEXT, "flags" INTEGER, "weight" INTEGER, '
    '"weighttext" TEXT, "matchtime" INTEGER, "pintimekoka" INTEGER, "pintimeyuko" INTEGER, '
    '"pintimewazaari" INTEGER, "pintimeippon" INTEGER, "resttime" INTEGER, "gstime" INTEGER, '
    '"reptime" INTEGER, "layout" TEXT)',
)
WHITE = "rgb(255,255,255)"


def write_shi(snapshot: TournamentSnapshot, path: str | os.PathLike[str] | None = None
              ) -> bytes:
    """The snapshot as a `.shi` file's bytes (also written to `path` if given).

    Competitors whose refs are JudoShiai indices (whole numbers from 10 to 9999) keep them, so a
    file read and written again keeps its numbers; otherwise they are numbered from 10 in order.
    Weights are written in grams, scores packed, results as JudoShiai's points codes.
    """
    indices = _competitor_indices(snapshot.competitors)
    categories = _category_indices(snapshot.categories)
    with tempfile.TemporaryDirectory(prefix="ippon-shi-") as folder:
        file = Path(folder) / "tournament.shi"
        with closing(sqlite3.connect(file)) as db:
            for statement in SCHEMA:
                db.execute(statement)
            _write_info(db, snapshot.info)
            _write_competitors(db, snapshot.competitors, indices)
            _write_categories(db, snapshot, categories, indices)
            _write_matches(db, snapshot.matches, categories, indices)
            db.commit()
        data = file.read_bytes()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def _competitor_indices(competitors: Sequence[Competitor]) -> dict[str, int]:
    refs = [c.ref for c in competitors]
    seen: set[str] = set()
    for ref in refs:
        if ref in seen:
            raise ShiError(f"Two competitors have the ref {ref!r}; each needs its own.")
        seen.add(ref)
    if all(r.isdigit() and codes.FIRST_COMPETITOR <= int(r) < codes.FIRST_CATEGORY for r in refs):
        return {r: int(r) for r in refs}
    if len(refs) > codes.FIRST_CATEGORY - codes.FIRST_COMPETITOR:
        raise ShiError(f"JudoShiai takes at most {codes.FIRST_CATEGORY - codes.FIRST_COMPETITOR} "
                       f"competitors in one file; this tournament has {len(refs)}.")
    return {r: codes.FIRST_COMPETITOR + i for i, r in enumerate(refs)}


def _category_indices(categories: Sequence[CategoryRow]) -> dict[str, int]:
    indices: dict[str, int] = {}
    for i, category in enumerate(categories):
        if not category.name or category.name == "?":
            raise ShiError(f"Category {i + 1} has no name; JudoShiai joins athletes to "
                           "categories by name.")
        if category.name in indices:
            raise ShiError(f"Two categories are called {category.name!r}; JudoShiai joins "
                           "athletes to categories by name, so names must differ.")
        indices[category.name] = codes.FIRST_CATEGORY + i
    return indices


def _write_info(db: sqlite3.Connection, info: TournamentInfo) -> None:
    core = {"Competition": info.name, "Date": info.date.isoformat() if info.date else "",
            "Place": info.place, "Time": info.start_time,
            "NumTatamis": str(info.mats) if info.mats else ""}
    items = {k: v for k, v in info.properties.items() if k not in core or not core[k]}
    items |= {k: v for k, v in core.items() if v}
    db.executemany('INSERT INTO "info" VALUES (?, ?)', sorted(items.items()))


def _write_competitors(db: sqlite3.Connection, competitors: Sequence[Competitor],
                       indices: Mapping[str, int]) -> None:
    rows = []
    for c in competitors:
        a = c.athlete
        flags = (codes.sex_to_flags(a.sex) | (codes.DELETED if c.removed else 0)
                 | (codes.HANSOKU_MAKE if c.excluded else 0))
        grams = int((a.weight_kg * 1000).to_integral_value()) if a.weight_kg is not None else 0
        rows.append((indices[c.ref], a.surname, a.given_name, a.birth_year or 0, c.belt, a.club,
                     a.category, grams, 1, c.category or "?", flags, a.country, a.external_id,
                     a.seed or 0, 0, c.comment, c.coach_id))
    db.executemany(f"INSERT INTO competitors VALUES ({', '.join('?' * 17)})", rows)


def _write_categories(db: sqlite3.Connection, snapshot: TournamentSnapshot,
                      indices: Mapping[str, int], competitors: Mapping[str, int]) -> None:
    members: dict[str, int] = {}
    for c in snapshot.competitors:
        if c.category and not c.removed:
            members[c.category] = members.get(c.category, 0) + 1
    drawn = {m.category for m in snapshot.matches}
    rows = []
    for category in snapshot.categories:
        athletes = category.athletes or members.get(category.name, 0)
        system = codes.system_codes(category.system, athletes, category.name in drawn)
        places = [competitors[_known(ref, competitors, f"place {i + 1} of {category.name}")]
                  if ref is not None else 0 for i, ref in enumerate(category.places[:PLACES])]
        places += [0] * (PLACES - len(places))
        flags = codes.CATEGORY_TEAM_EVENT if category.team else 0
        rows.append((indices[category.name], category.name, category.mat or 0, flags,
                     category.group, *system, *places, WHITE))
    db.executemany(f"INSERT INTO categories VALUES ({', '.join('?' * 18)})", rows)


def _known(ref: str, competitors: Mapping[str, int], where: str) -> str:
    if ref not in competitors:
        raise ShiError(f"{where}: no competitor has the ref {ref!r}.")
    return ref


def _write_matches(db: sqlite3.Connection, matches: Sequence[MatchRow],
                   categories: Mapping[str, int], competitors: Mapping[str, int]) -> None:
    rows = []
    for m in matches:
        where = f"contest {m.number} of {m.category}"
        if m.category not in categories:
            raise ShiError(f"{where}: there is no category {m.category!r}.")

        def index(slot: Slot, where: str = where) -> int:
            if slot is None:
                return codes.NONE
            if slot is BYE:
                return codes.GHOST
            return competitors[_known(slot, competitors, where)]

        blue_points = white_points = 0
        if m.draw:
            blue_points = white_points = codes.HIKIWAKE
        elif m.winner is not None:
            score = m.blue_score if m.winner is Side.BLUE else m.white_score
            points = m.points or codes.points_for(score)
            blue_points, white_points = ((points, 0) if m.winner is Side.BLUE else (0, points))
        saved = int(m.decided_at.timestamp()) if m.decided_at is not None else 0
        try:
            scores = codes.pack_score(m.blue_score), codes.pack_score(m.white_score)
        except ValueError as error:
            raise ShiError(f"{where}: {error}.") from None
        rows.append((categories[m.category], m.number, index(m.blue), index(m.white), *scores,
                     blue_points, white_points, m.time or 0, 0, 0, m.mat or 0, 0, saved,
                     codes.GOLDEN_SCORE if m.golden_score else 0))
    try:
        db.executemany(f"INSERT INTO matches VALUES ({', '.join('?' * 15)})", rows)
    except sqlite3.IntegrityError:
        raise ShiError("Two contests of one category have the same number.") from None


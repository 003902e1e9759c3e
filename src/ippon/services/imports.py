"""Importing an entry list (CSV, XLSX, ODS, XLS) or a JudoShiai `.shi` file into a tournament.

`ippon.exchange` reads and validates the file; this module adds what only the database knows
(the sex and birth year that registration needs, the category named on each row) and writes
every row in one transaction: if any row is refused, nothing is written. Likely duplicates are
shown to the organiser, who decides which lines to leave out before the rows are written.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ippon.exchange.importing import (
    Field,
    ImportResult,
    MappingError,
    PreviewRow,
    RowError,
    Table,
    check_mapping,
    guess_mapping,
    preview,
    read_table,
    validate,
)
from ippon.exchange.reading import FileError
from ippon.exchange.rows import AthleteRow
from ippon.services import import_writes, setup, shi_import
from ippon.services.access import require
from ippon.services.context import Actor, Services, Tx
from ippon.services.errors import Invalid
from ippon.services.people import store_external_ids
from ippon.store import schema as t
from ippon.tournament.categories import Sex

MAX_BYTES = 20 * 1024 * 1024
_LIMIT = re.compile(r"([+-])\s*(\d+(?:[.,]\d+)?)")


def read(data: bytes, sheet: str | None = None) -> Table:
    """The upload as a table; `Invalid` with the reader's message if it is no entry list."""
    if len(data) > MAX_BYTES:
        raise Invalid(f"the file has {len(data) // 1024 // 1024} MB; entry lists up to "
                      f"{MAX_BYTES // 1024 // 1024} MB are accepted")
    try:
        return read_table(data, sheet=sheet or None)
    except FileError as error:
        raise Invalid(str(error)) from None


def mapping_from(form: Mapping[str, str], headers: tuple[str, ...]) -> dict[Field, int]:
    """The organiser's column choices (`map_<field>` = column index or ""), checked."""
    mapping: dict[Field, int] = {}
    for f in Field:
        value = form.get(f"map_{f.value}", "")
        if value.isdigit() and int(value) < len(headers):
            mapping[f] = int(value)
    try:
        check_mapping(headers, mapping)
    except MappingError as error:
        raise Invalid(str(error)) from None
    return mapping


def first_rows(table: Table, mapping: Mapping[Field, int], today: date) -> tuple[PreviewRow, ...]:
    try:
        return preview(table, mapping, limit=10, today=today)
    except MappingError as error:
        raise Invalid(str(error)) from None


def guess(table: Table) -> dict[Field, int]:
    return guess_mapping(table.headers)


def existing_rows(conn: Connection, tournament_id: int) -> list[AthleteRow]:
    """The athletes already registered, as rows, for the duplicate check."""
    q = (sa.select(t.athletes.c.family_name, t.athletes.c.given_name, t.athletes.c.birth_year,
                   t.athletes.c.country, t.clubs.c.name)
         .outerjoin(t.clubs, t.clubs.c.id == t.athletes.c.club_id)
         .where(t.athletes.c.tournament_id == tournament_id))
    return [AthleteRow(r.family_name, r.given_name, birth_year=r.birth_year,
                       club=r.name or "", country=r.country or "") for r in conn.execute(q)]


@dataclass(frozen=True, slots=True)
class Checked:
    """The validation of a whole file: `result` from the exchange layer, with the errors only
    the tournament can find added (all rows or none are imported)."""

    result: ImportResult
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


def check(conn: Connection, tournament_id: int, table: Table, mapping: Mapping[Field, int],
          today: date) -> Checked:
    known = set(conn.execute(sa.select(t.categories.c.name)
                             .where(t.categories.c.tournament_id == tournament_id)).scalars())
    try:
        result = validate(table, mapping, existing=existing_rows(conn, tournament_id),
                          today=today)
    except MappingError as error:
        raise Invalid(str(error)) from None
    # The rows the exchange layer accepted get the checks that only registration needs, so
    # that the organiser sees every problem of the file at once.
    accepted = result.rows if result.ok else tuple(
        p.athlete for p in preview(table, mapping, limit=len(table.rows), today=today)
        if p.athlete is not None)
    errors: list[RowError] = list(result.errors)
    for athlete in accepted:
        line = athlete.line or 0
        if athlete.sex is None:
            errors.append(_row_error(table, mapping, Field.SEX, line,
                                     "the sex is needed to enter a category (M or F)"))
        if athlete.birth_year is None:
            errors.append(_row_error(table, mapping, Field.BIRTH, line,
                                     "the birth year is needed for the age group"))
        if athlete.category and _LIMIT.search(athlete.category) is None and (
                athlete.category not in known):
            errors.append(_row_error(table, mapping, Field.CATEGORY, line,
                                     f"{athlete.category!r} is no category of this tournament "
                                     "and names no weight limit (such as -73 or +100) to "
                                     "create one"))
    seen: dict[str, int] = {}
    for athlete in accepted:
        if athlete.external_id and athlete.external_id in seen:
            errors.append(_row_error(table, mapping, Field.ID, athlete.line or 0,
                                     f"the id {athlete.external_id} is on line "
                                     f"{seen[athlete.external_id]} too"))
        seen.setdefault(athlete.external_id, athlete.line or 0)
    errors.sort(key=lambda e: e.line)
    return Checked(result, tuple(errors))


def _row_error(table: Table, mapping: Mapping[Field, int], field: Field, line: int,
               reason: str) -> RowError:
    column = mapping.get(field)
    if column is None:
        return RowError(line, None, "", f"{reason}; map a column to {field.value}")
    return RowError(line, table.headers[column] or None, "", reason, _letter(column))


def _letter(column: int) -> str:
    letters, n = "", column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Imported:
    athletes: int
    categories_created: tuple[str, ...]
    skipped_lines: tuple[int, ...]


def apply(svc: Services, actor: Actor, tournament_id: int, table: Table,
          mapping: Mapping[Field, int], *, skip_lines: Collection[int] = (),
          today: date) -> Imported:
    """Write every row (except the lines the organiser left out as duplicates), or none.
    Raises `ImportRefused` with every error if any row is bad."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        checked = check(tx.conn, tournament_id, table, mapping, today)
        if not checked.ok:
            raise ImportRefused(checked.errors)
        settings = setup.load(tx.conn, tournament_id)
        known = _known(tx, tournament_id)
        created: list[str] = []
        skipped = tuple(sorted(set(skip_lines)))
        rows = [a for a in checked.result.rows if a.line not in skipped]
        categories = [_category(tx, tournament_id, settings, a, known, created)
                      if a.category else None for a in rows]
        new_ids = import_writes.write(tx, tournament_id, rows, categories)
        ids = {a.external_id: i for a, i in zip(rows, new_ids, strict=True) if a.external_id}
        count = len(new_ids)
        store_external_ids(tx, tournament_id, ids)
        tx.audit("import.entry-list", "tournament", tournament_id,
                 after={"source": table.source, "athletes": count, "skipped_lines": skipped,
                        "categories_created": created}, tournament_id=tournament_id)
        tx.touch(f"tournament:{tournament_id}")
        return Imported(count, tuple(created), skipped)


def _known(tx: Tx, tournament_id: int) -> dict[str, tuple[int, str]]:
    return {r.name: (r.id, r.gender) for r in tx.conn.execute(
        sa.select(t.categories.c.id, t.categories.c.name, t.categories.c.gender)
        .where(t.categories.c.tournament_id == tournament_id))}


class ImportRefused(Invalid):
    """Some rows are bad: nothing was imported. `errors` names each line, column and reason."""

    def __init__(self, errors: tuple[RowError, ...]) -> None:
        self.errors = errors
        super().__init__(f"nothing was imported: {len(errors)} problem(s) in "
                         f"{len({e.line for e in errors})} line(s)")


def _category(tx: Tx, tournament_id: int, settings: setup.Settings, athlete: AthleteRow,
              known: dict[str, tuple[int, str]], created: list[str]) -> int:
    """The category the row names, created from its name ('-73', 'U13 Boys -34 kg') if new."""
    gender = "m" if athlete.sex is Sex.MEN else "f"
    name = " ".join(athlete.category.split())
    if name in known and known[name][1] != gender:  # '-46' for girls and for boys
        name = f"{name} {'Boys' if gender == 'm' else 'Girls'}" if settings.age_group.startswith(
            "kids") else f"{name} {'Men' if gender == 'm' else 'Women'}"
    if name in known:
        return known[name][0]
    found = _LIMIT.search(name)
    if found is None:
        raise Invalid(f"{name!r} is no category of this tournament and names no weight limit "
                      "(such as -73 or +100) to create one")
    kg = float(found.group(2).replace(",", "."))
    values = {"tournament_id": tournament_id, "name": name, "gender": gender,
              "age_group": settings.age_group,
              "max_weight": None if found.group(1) == "+" else kg,
              "min_weight": kg if found.group(1) == "+" else None,
              "ruleset": settings.ruleset, "system": "auto", "mat_id": None,
              "created_at": tx.now}
    new_id = tx.insert(t.categories, values)
    tx.audit("category.create", "category", new_id, after=values, tournament_id=tournament_id)
    known[name] = (new_id, gender)
    created.append(name)
    return new_id


# --- JudoShiai ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ShiImported:
    athletes: int
    categories: int
    left_out: tuple[str, ...]


def import_shi(svc: Services, actor: Actor, tournament_id: int, data: bytes) -> ShiImported:
    """A JudoShiai file with its categories, draws and results, all or nothing
    (`ippon.services.shi_import`); the counts and what was left out."""
    done = shi_import.apply(svc, actor, tournament_id, data)
    return ShiImported(done.athletes, done.new_categories, done.notes)


def describe(error: RowError) -> dict[str, Any]:
    return {"line": error.line, "column": error.column or error.letter or "(whole line)",
            "value": error.value, "reason": error.reason}

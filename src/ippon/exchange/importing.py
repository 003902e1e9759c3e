"""Import an entry list: read the file, map its columns, preview, validate, find duplicates.

The steps follow the organiser's page, after pretix's import columns (resolve, clean, assign):

    table = read_table(data)                  # FileError if it is no entry list at all
    mapping = guess_mapping(table.headers)    # the organiser may change it
    preview(table, mapping, limit=10)         # the first rows as they would be imported
    result = validate(table, mapping, existing=registered)
    if result.ok: ...result.rows, result.duplicates...
    else: ...result.errors (every bad cell of every row), and no rows...

An import is all or nothing: `validate` gives either every row, clean, or every error and no
row. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from ippon.exchange import cleaning
from ippon.exchange.cleaning import Invalid
from ippon.exchange.countries import normalise
from ippon.exchange.duplicates import Duplicate, find_duplicates
from ippon.exchange.reading import Cell, FileError, Table, read_table
from ippon.exchange.rows import AthleteRow

__all__ = ["FIELD_LABELS", "Field", "FileError", "ImportResult", "MappingError", "PreviewRow",
           "RowError", "Table", "check_mapping", "guess_mapping", "import_file", "preview",
           "read_table", "validate"]


T = TypeVar("T")


class Field(StrEnum):
    """What a column can hold. NAME is the whole name in one column ('MÜLLER Anna')."""

    NAME = "name"
    SURNAME = "surname"
    GIVEN_NAME = "given_name"
    SEX = "sex"
    BIRTH = "birth"
    CLUB = "club"
    COUNTRY = "country"
    WEIGHT = "weight"
    CATEGORY = "category"
    ID = "id"
    SEED = "seed"


FIELD_LABELS: dict[Field, str] = {
    Field.NAME: "Full name", Field.SURNAME: "Surname", Field.GIVEN_NAME: "Given name",
    Field.SEX: "Sex", Field.BIRTH: "Birth date or year", Field.CLUB: "Club",
    Field.COUNTRY: "Country", Field.WEIGHT: "Weight (kg)", Field.CATEGORY: "Category",
    Field.ID: "Id or barcode", Field.SEED: "Seed",
}

# Header words per field, in the languages of judo's entry lists, compared after `normalise`
# (no case, accents, spaces or punctuation). French "nom" is the surname, Spanish "nombre" the
# given name; a German "Name" beside "Vorname" is the surname (see `guess_mapping`).
_SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.SURNAME: ("surname", "last name", "family name", "last", "nachname", "familienname",
                    "zuname", "nom", "nom de famille", "apellido", "apellidos", "achternaam",
                    "efternamn", "cognome", "sobrenome", "sukunimi", "etternavn"),
    Field.GIVEN_NAME: ("given name", "given names", "first name", "first names", "first",
                       "forename", "vorname", "vornamen", "prénom", "prénoms", "nombre",
                       "voornaam", "förnamn", "nome", "etunimi", "fornavn"),
    Field.NAME: ("name", "full name", "athlete", "athlete name", "judoka", "competitor",
                 "participant", "teilnehmer", "nom complet", "nombre completo", "namn"),
    Field.SEX: ("sex", "gender", "geschlecht", "sexe", "genre", "sexo", "geslacht", "kön",
                "m/f", "m/w", "h/f"),
    Field.BIRTH: ("birth date", "date of birth", "dob", "birthday", "birth", "born",
                  "birth year", "year of birth", "year", "jahrgang", "geburtsdatum",
                  "geburtsjahr", "geboren", "date de naissance", "naissance",
                  "année de naissance", "année", "fecha de nacimiento", "año de nacimiento",
                  "nacimiento", "geboortedatum", "geboortejaar", "födelseår", "födelsedatum",
                  "syntymävuosi", "geb datum", "geb", "geburtstag", "jg", "yob", "né le",
                  "née le", "né(e) le"),
    Field.CLUB: ("club", "club name", "verein", "klub", "team", "dojo", "équipe", "equipo",
                 "vereniging", "förening", "seura", "clube", "società"),
    Field.COUNTRY: ("country", "nation", "nationality", "noc", "ioc", "ioc code", "land",
                    "staat", "nationalität", "pays", "nationalité", "país", "nacionalidad",
                    "ctry", "nat"),
    Field.WEIGHT: ("weight", "weight kg", "kg", "gewicht", "poids", "peso", "vikt", "paino"),
    Field.CATEGORY: ("category", "weight category", "weight class", "class", "division",
                     "kategorie", "gewichtsklasse", "klasse", "catégorie", "categoría",
                     "categoria", "klass", "sarja"),
    Field.ID: ("id", "barcode", "bar code", "license", "licence", "license number",
               "licence number", "lizenz", "lizenznummer", "pass", "passnummer", "judopass",
               "member id", "member number", "mitgliedsnummer", "id number", "licencia",
               "ijf id", "external id", "qr", "qr code"),
    Field.SEED: ("seed", "seeding", "seeded", "setzung", "gesetzt", "setzliste",
                 "tête de série", "cabeza de serie", "seed number"),
}
_EXACT = {normalise(word): field for field, words in _SYNONYMS.items() for word in words}
# Longest first, so that 'birth date (dd.mm.yyyy)' matches 'birth date', not 'birth'. Shorter
# words match only exactly, except a few that may start a header ('Sex (M/F)', 'DOB'): 'kön'
# must not take 'Kontakt'.
_PARTIAL = sorted(((normalise(w), f) for f, ws in _SYNONYMS.items() for w in ws
                   if len(normalise(w)) >= 4), key=lambda pair: -len(pair[0]))
_PARTIAL += [(w, _EXACT[w]) for w in ("sex", "dob", "yob", "noc", "ioc")]


def _contains(key: str, word: str) -> bool:
    return word in key if len(word) >= 4 else key.startswith(word)


def guess_mapping(headers: Sequence[str]) -> dict[Field, int]:
    """Which column holds which field, from the header names: exact names first, then headers
    that start with or contain a known name ('Weight (kg)'). Unknown columns stay unmapped."""
    mapping: dict[Field, int] = {}
    keys = [normalise(h) for h in headers]
    for column, key in enumerate(keys):
        field = _EXACT.get(key)
        if field is not None and field not in mapping:
            mapping[field] = column
    taken = set(mapping.values())
    for column, key in enumerate(keys):
        if column in taken or not key:
            continue
        for word, field in _PARTIAL:
            if field not in mapping and _contains(key, word):
                mapping[field] = column
                taken.add(column)
                break
    # 'Name' beside 'Vorname' or 'First name' is the surname, not the full name.
    if Field.NAME in mapping and Field.GIVEN_NAME in mapping and Field.SURNAME not in mapping:
        mapping[Field.SURNAME] = mapping.pop(Field.NAME)
    if Field.NAME in mapping and Field.SURNAME in mapping and Field.GIVEN_NAME in mapping:
        del mapping[Field.NAME]
    return mapping


class MappingError(ValueError):
    """The column mapping cannot be used; the message says what to choose."""


def check_mapping(headers: Sequence[str], mapping: Mapping[Field, int]) -> None:
    """Raise MappingError unless the mapping names existing columns, each once, with the names."""
    seen: dict[int, Field] = {}
    for field, column in mapping.items():
        if not 0 <= column < len(headers):
            raise MappingError(f"{FIELD_LABELS[field]}: the file has no column {column + 1}.")
        if column in seen:
            raise MappingError(f"Column {_letter(column)} ('{headers[column]}') is chosen for both "
                               f"{FIELD_LABELS[seen[column]]} and {FIELD_LABELS[field]}.")
        seen[column] = field
    has_parts = Field.SURNAME in mapping and Field.GIVEN_NAME in mapping
    if Field.NAME in mapping and (Field.SURNAME in mapping or Field.GIVEN_NAME in mapping):
        raise MappingError("Choose either one column with the full name, or the surname and "
                           "given name columns, not both.")
    if not has_parts and Field.NAME not in mapping:
        missing = [FIELD_LABELS[f] for f in (Field.SURNAME, Field.GIVEN_NAME) if f not in mapping]
        raise MappingError(f"Choose the column with the {' and the '.join(missing).lower()}, "
                           "or one column with the full name.")


@dataclass(frozen=True, slots=True)
class RowError:
    """One reason a row cannot be imported.

    `column` is the header as in the file ('Name (C)' where two columns share a header), None
    for a problem with the whole row; `letter` is the spreadsheet letter of the column.
    """

    line: int
    column: str | None
    value: str
    reason: str
    letter: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        elif self.letter:
            where += f", column {self.letter}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """A row as it would be imported (`athlete`), or its errors (then `athlete` is None)."""

    line: int
    cells: tuple[str, ...]
    athlete: AthleteRow | None
    errors: tuple[RowError, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """All rows and no error, or all errors and no row. `duplicates` are for a decision;
    `total` is the number of rows the file has below its header."""

    rows: tuple[AthleteRow, ...]
    errors: tuple[RowError, ...]
    duplicates: tuple[Duplicate, ...] = ()
    source: str = ""
    total: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_lines(self) -> tuple[int, ...]:
        """The lines with at least one error, in order."""
        return tuple(sorted({e.line for e in self.errors}))


def _letter(column: int) -> str:
    letters, n = "", column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header(headers: Sequence[str], column: int) -> str:
    """The header of a column as the organiser sees it, with its letter where it is repeated."""
    header = headers[column] if column < len(headers) else ""
    if header and sum(1 for h in headers if h == header) > 1:
        return f"{header} ({_letter(column)})"
    return header


class _RowCleaner:
    """Cleans rows for one table and mapping (the per-column work done once, not per row)."""

    def __init__(self, table: Table, mapping: Mapping[Field, int], today: dt.date,
                 day_first: bool) -> None:
        check_mapping(table.headers, mapping)
        self.mapping = dict(mapping)
        self.headers = table.headers
        self.width = len(table.headers)
        self.today = today
        self.day_first = day_first

    def clean(self, cells: Sequence[Cell], line: int) -> tuple[AthleteRow | None,
                                                               tuple[RowError, ...]]:
        errors: list[RowError] = []

        def get(field: Field, clean: Callable[[Cell], T], default: T) -> T:
            column = self.mapping.get(field)
            if column is None:
                return default
            cell = cells[column] if column < len(cells) else None
            try:
                return clean(cell)
            except Invalid as error:
                errors.append(self._error(line, field, cleaning.text(cell), str(error)))
                return default

        surname, given = self._names(get(Field.NAME, cleaning.text, ""),
                                     get(Field.SURNAME, cleaning.text, ""),
                                     get(Field.GIVEN_NAME, cleaning.text, ""), line, errors)
        unknown: tuple[dt.date | None, int | None] = (None, None)
        born, year = get(Field.BIRTH, lambda c: cleaning.birth(c, self.today, self.day_first),
                         unknown)
        athlete = AthleteRow(
            surname=surname, given_name=given,
            sex=get(Field.SEX, cleaning.sex, None),
            birth_date=born, birth_year=year,
            club=get(Field.CLUB, cleaning.text, ""),
            country=get(Field.COUNTRY, cleaning.country, ""),
            weight_kg=get(Field.WEIGHT, cleaning.weight, None),
            category=get(Field.CATEGORY, cleaning.text, ""),
            external_id=get(Field.ID, cleaning.text, ""),
            seed=get(Field.SEED, lambda c: cleaning.whole_number(c, "seed"), None),
            line=line,
        )
        used = max((i + 1 for i, c in enumerate(cells) if cleaning.text(c)), default=0)
        if used > self.width:
            errors.append(RowError(line, None, "", f"has {used} values but the header has "
                                   f"{self.width} columns; check the delimiter and the quotes "
                                   "on this line"))
        if errors:
            # In the order of the columns, as the organiser reads the line.
            order = {_letter(c): c for c in self.mapping.values()}
            errors.sort(key=lambda e: order.get(e.letter or "", len(self.headers)))
            return None, tuple(errors)
        return athlete, ()

    def _error(self, line: int, field: Field, value: str, reason: str) -> RowError:
        column = self.mapping[field]
        return RowError(line, _header(self.headers, column) or None, value, reason,
                        _letter(column))

    def _names(self, full: str, surname: str, given: str, line: int,
               errors: list[RowError]) -> tuple[str, str]:
        if Field.NAME in self.mapping:
            if not full:
                errors.append(self._error(line, Field.NAME, "", "the name is missing"))
                return "", ""
            try:
                return cleaning.split_name(full)
            except Invalid as error:
                errors.append(self._error(line, Field.NAME, full, str(error)))
                return "", ""
        for field, value, what in ((Field.SURNAME, surname, "surname"),
                                   (Field.GIVEN_NAME, given, "given name")):
            if not value:
                errors.append(self._error(line, field, "", f"the {what} is missing"))
        return surname, given


def preview(table: Table, mapping: Mapping[Field, int] | None = None, *, limit: int = 10,
            today: dt.date | None = None, day_first: bool = True) -> tuple[PreviewRow, ...]:
    """The first `limit` rows as they would be imported, each with its errors."""
    cleaner = _RowCleaner(table, guess_mapping(table.headers) if mapping is None else mapping,
                          today or dt.date.today(), day_first)
    shown: list[PreviewRow] = []
    for cells, line in zip(table.rows[:limit], table.lines, strict=False):
        athlete, errors = cleaner.clean(cells, line)
        shown.append(PreviewRow(line, tuple(cleaning.text(c) for c in cells), athlete, errors))
    return tuple(shown)


def validate(table: Table, mapping: Mapping[Field, int] | None = None, *,
             existing: Sequence[AthleteRow] = (), today: dt.date | None = None,
             day_first: bool = True) -> ImportResult:
    """Every row clean, or every error: the all-or-nothing import of a table.

    `mapping` defaults to the guess from the headers; MappingError if it cannot be used.
    `existing` are the athletes already registered, for the duplicate check. `today` bounds
    birth dates (default: the machine's date). `day_first` reads 03/04/2011 as 3 April.
    """
    cleaner = _RowCleaner(table, guess_mapping(table.headers) if mapping is None else mapping,
                          today or dt.date.today(), day_first)
    rows: list[AthleteRow] = []
    errors: list[RowError] = []
    for cells, line in zip(table.rows, table.lines, strict=True):
        athlete, row_errors = cleaner.clean(cells, line)
        if athlete is not None:
            rows.append(athlete)
        errors.extend(row_errors)
    if not table.rows:
        errors.append(RowError(table.header_line, None, "",
                               "the file has a header but no athlete below it"))
    total = len(table.rows)
    if errors:
        return ImportResult((), tuple(errors), (), table.source, total)
    return ImportResult(tuple(rows), (), find_duplicates(rows, existing), table.source, total)


def import_file(data: bytes, mapping: Mapping[Field, int] | None = None, *,
                sheet: str | int | None = None, existing: Sequence[AthleteRow] = (),
                today: dt.date | None = None, day_first: bool = True) -> ImportResult:
    """`read_table` then `validate`, for callers that need no preview. FileError, MappingError."""
    return validate(read_table(data, sheet=sheet), mapping, existing=existing, today=today,
                    day_first=day_first)

"""The entry-list import: column mapping, preview, validation (all or nothing), duplicates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ippon.exchange.duplicates import person_key
from ippon.exchange.importing import (
    Field,
    MappingError,
    check_mapping,
    guess_mapping,
    import_file,
    preview,
    read_table,
    validate,
)
from ippon.exchange.rows import AthleteRow, Sex

from . import spreadsheets

TODAY = dt.date(2026, 11, 28)

GOOD = """\
Surname;Given name;Sex;Birth date;Club;Country;Weight;Category;Id;Seed
Müller;Anna;F;03.02.2011;JC Bonn;Deutschland;34,5;U13 -36;DJB-1;1
ONO;Shohei;m;1993-07-03;Tenri;JPN;73 kg;-73;;
Dupré;Zoë;Femme;2012;Judo Club de Paris;France;;;;0
"""


def test_clean_import_gives_every_row_as_entered_plus_the_ijf_name() -> None:
    result = validate(read_table(GOOD.encode()), today=TODAY)
    assert result.ok
    assert result.errors == ()
    anna, ono, zoe = result.rows
    assert anna == AthleteRow("Müller", "Anna", Sex.WOMEN, dt.date(2011, 2, 3), 2011, "JC Bonn",
                              "GER", Decimal("34.5"), "U13 -36", "DJB-1", 1)
    assert anna.display_name == "MÜLLER Anna"
    assert anna.line == 2
    assert (ono.surname, ono.display_name, ono.weight_kg) == ("ONO", "ONO Shohei", Decimal(73))
    assert (zoe.birth_date, zoe.birth_year, zoe.sex, zoe.seed) == (None, 2012, Sex.WOMEN, None)
    assert zoe.country == "FRA"
    assert result.duplicates == ()


BAD = """\
Surname,Given name,Birth date,Country,Weight,Sex
Smith,John,2001-05-04,GBR,81,M
,Mary,31/02/2011,Germny,734,X
Lee,,2031-01-01,KOR,-3,F
Kim,Min,1.2.11,KOR,heavy,F,surplus
Park,Ji,1850,,,
Good,Row,2000,NED,60,M
"""


def test_bad_file_reports_every_error_and_imports_nothing() -> None:
    result = validate(read_table(BAD.encode()), today=TODAY)
    assert not result.ok
    assert result.rows == ()
    assert result.duplicates == ()
    assert [str(e) for e in result.errors] == [
        "line 3, column 'Surname': the surname is missing",
        "line 3, column 'Birth date': '31/02/2011' is not a date",
        "line 3, column 'Country': 'Germny' is not a country ippon knows; write its IOC code "
        "(for example GER, NED, JPN)",
        "line 3, column 'Weight': '734': weight 734 kg is not plausible (expected 5-300 kg); "
        "was 73.4 kg meant?",
        "line 3, column 'Sex': 'X' is not a sex; write M or F (men or women)",
        "line 4, column 'Given name': the given name is missing",
        "line 4, column 'Birth date': '2031-01-01' is in the future",
        "line 4, column 'Weight': '-3': weight -3 kg must be more than 0 kg",
        "line 5, column 'Birth date': '1.2.11' has a two-digit year; write the year with four "
        "digits",
        "line 5, column 'Weight': 'heavy' is not a weight in kilograms",
        "line 5: has 7 values but the header has 6 columns; check the delimiter and the quotes "
        "on this line",
        "line 6, column 'Birth date': '1850' is not a plausible year of birth",
    ]
    assert (result.total, result.bad_lines) == (6, (3, 4, 5, 6))
    error = result.errors[1]
    assert (error.line, error.column, error.value, error.letter) == (3, "Birth date",
                                                                     "31/02/2011", "C")


def test_header_only_is_an_error() -> None:
    result = validate(read_table(b"Surname;Given name\n"), today=TODAY)
    assert [str(e) for e in result.errors] == [
        "line 1: the file has a header but no athlete below it"]


def test_import_file_reads_and_validates_at_once() -> None:
    assert len(import_file(GOOD.encode("utf-16"), today=TODAY).rows) == 3


@pytest.mark.parametrize(("headers", "expected"), [
    (["Surname", "First name", "Gender", "Date of birth", "Club", "Country", "Weight (kg)",
      "Category", "Barcode", "Seed"],
     [Field.SURNAME, Field.GIVEN_NAME, Field.SEX, Field.BIRTH, Field.CLUB, Field.COUNTRY,
      Field.WEIGHT, Field.CATEGORY, Field.ID, Field.SEED]),
    (["Name", "Vorname", "Geschlecht", "Jahrgang", "Verein", "Nation", "Gewicht",
      "Gewichtsklasse", "Judopass-Nr.", "Setzung"],
     [Field.SURNAME, Field.GIVEN_NAME, Field.SEX, Field.BIRTH, Field.CLUB, Field.COUNTRY,
      Field.WEIGHT, Field.CATEGORY, Field.ID, Field.SEED]),
    (["Nom", "Prénom", "Sexe", "Date de naissance", "Club", "Pays", "Poids", "Catégorie",
      "Licence", "Tête de série"],
     [Field.SURNAME, Field.GIVEN_NAME, Field.SEX, Field.BIRTH, Field.CLUB, Field.COUNTRY,
      Field.WEIGHT, Field.CATEGORY, Field.ID, Field.SEED]),
    (["Apellidos", "Nombre", "Sexo", "Fecha de nacimiento", "Club", "País", "Peso",
      "Categoría", "Licencia", "Cabeza de serie"],
     [Field.SURNAME, Field.GIVEN_NAME, Field.SEX, Field.BIRTH, Field.CLUB, Field.COUNTRY,
      Field.WEIGHT, Field.CATEGORY, Field.ID, Field.SEED]),
    (["Athlete", "Born", "Team", "NOC", "Notes", "Kontakt"],
     [Field.NAME, Field.BIRTH, Field.CLUB, Field.COUNTRY, None, None]),
    (["family name", "given names", "Birth date (dd.mm.yyyy)", "Club / Team"],
     [Field.SURNAME, Field.GIVEN_NAME, Field.BIRTH, Field.CLUB]),
    (["Nachname", "Vorname", "Geb.-Datum", "Sex (M/F)", "Vereinsname", "Altersklasse",
      "Gewichtsklasse"],
     [Field.SURNAME, Field.GIVEN_NAME, Field.BIRTH, Field.SEX, Field.CLUB, None,
      Field.CATEGORY]),
])
def test_mapping_is_guessed_from_headers_in_several_languages(
        headers: list[str], expected: list[Field | None]) -> None:
    mapping = guess_mapping(headers)
    by_column = {column: field for field, column in mapping.items()}
    assert [by_column.get(i) for i in range(len(headers))] == expected


def test_the_organiser_can_override_the_mapping() -> None:
    table = read_table(b"A;B;C\nWeber;Anna;Bonn\n")
    assert guess_mapping(table.headers) == {}
    with pytest.raises(MappingError, match="Choose the column with the surname and the given"):
        validate(table, today=TODAY)
    result = validate(table, {Field.SURNAME: 0, Field.GIVEN_NAME: 1, Field.CLUB: 2}, today=TODAY)
    assert result.rows[0].club == "Bonn"


def test_mapping_errors_say_what_to_choose() -> None:
    headers = ["Name", "Surname", "Given"]
    with pytest.raises(MappingError, match="no column 9"):
        check_mapping(headers, {Field.SURNAME: 8, Field.GIVEN_NAME: 0})
    with pytest.raises(MappingError, match=r"Column A \('Name'\) is chosen for both Surname and"):
        check_mapping(headers, {Field.SURNAME: 0, Field.GIVEN_NAME: 0})
    with pytest.raises(MappingError, match="either one column with the full name"):
        check_mapping(headers, {Field.NAME: 0, Field.SURNAME: 1, Field.GIVEN_NAME: 2})
    with pytest.raises(MappingError, match="the given name, or one column with the full name"):
        check_mapping(headers, {Field.SURNAME: 1})


def test_one_name_column_is_split_where_the_surname_is_clear() -> None:
    data = ("Name;Club\nMÜLLER Anna Lena;A\nAnna VAN DER BERG;B\nWeber, Hans Peter;C\n"
            "Anna Weber;D\nPELÉ;E\n").encode()
    result = validate(read_table(data), today=TODAY)
    assert [str(e) for e in result.errors] == [
        "line 5, column 'Name': 'Anna Weber': cannot tell the surname from the given name; write "
        "it as 'WEBER Anna' or 'Surname, Given', or give them in two columns",
        "line 6, column 'Name': 'PELÉ': cannot tell the surname from the given name; write it as "
        "'SURNAME Given' or 'Surname, Given', or give them in two columns",
    ]
    rows = validate(read_table(data.replace(b"Anna Weber", b"WEBER Anna").replace(
        b"PEL\xc3\x89", b"PELE Edson")), today=TODAY).rows
    assert [(r.surname, r.given_name) for r in rows] == [
        ("MÜLLER", "Anna Lena"), ("VAN DER BERG", "Anna"), ("Weber", "Hans Peter"),
        ("WEBER", "Anna"), ("PELE", "Edson")]


@pytest.mark.parametrize(("cell", "day_first", "expected"), [
    ("2011-02-03", True, (dt.date(2011, 2, 3), 2011)),
    ("03.02.2011", False, (dt.date(2011, 2, 3), 2011)),
    ("03/02/2011", True, (dt.date(2011, 2, 3), 2011)),
    ("02/03/2011", False, (dt.date(2011, 2, 3), 2011)),
    ("2011-02-03 00:00:00", True, (dt.date(2011, 2, 3), 2011)),
    ("2011", True, (None, 2011)),
    ("", True, (None, None)),
])
def test_birth_dates_and_years(cell: str, day_first: bool,
                               expected: tuple[dt.date | None, int | None]) -> None:
    table = read_table(f"Surname;Given name;Born\nA;B;{cell}\n".encode())
    row = validate(table, today=TODAY, day_first=day_first).rows[0]
    assert (row.birth_date, row.birth_year) == expected


def test_month_first_refuses_what_is_only_a_date_day_first() -> None:
    table = read_table(b"Surname;Given name;Born\nA;B;31/01/2011\n")
    assert validate(table, today=TODAY).ok
    assert [e.reason for e in validate(table, today=TODAY, day_first=False).errors] == [
        "'31/01/2011' is not a date"]


def test_seed_and_id_cells() -> None:
    table = read_table(b"Surname;Given name;Seed;Id\nA;B;x;007\nC;D;2;12\n")
    result = validate(table, today=TODAY)
    assert [str(e) for e in result.errors] == [
        "line 2, column 'Seed': 'x' is not a seed (a whole number from 1)"]


def test_spreadsheet_cells_become_the_same_rows_as_csv() -> None:
    rows = [["Surname", "Given name", "Birth date", "Weight", "Id", "Seed", "Country"],
            ["Müller", "Anna", dt.date(2011, 2, 3), 34.5, 12345, 1, "GER"],
            ["Ono", "Shohei", 1993, 73, "A-7", None, "Japan"]]
    expected = validate(read_table(
        "Surname;Given name;Birth date;Weight;Id;Seed;Country\n"
        "Müller;Anna;2011-02-03;34.5;12345;1;GER\nOno;Shohei;1993;73;A-7;;Japan\n".encode()),
        today=TODAY).rows
    assert expected
    for data in (spreadsheets.xlsx(rows), spreadsheets.ods(rows), spreadsheets.xls(rows)):
        assert validate(read_table(data), today=TODAY).rows == expected


def test_preview_shows_the_first_rows_with_their_errors() -> None:
    shown = preview(read_table(BAD.encode()), limit=3, today=TODAY)
    assert [p.line for p in shown] == [2, 3, 4]
    assert shown[0].athlete is not None
    assert shown[0].athlete.display_name == "SMITH John"
    assert shown[0].errors == ()
    assert shown[1].athlete is None
    assert len(shown[1].errors) == 5
    assert shown[1].cells == ("", "Mary", "31/02/2011", "Germny", "734", "X")


def test_duplicates_within_the_file_and_against_registered_athletes() -> None:
    data = """\
Surname;Given name;Birth date;Club
Müller;Anna;2011-02-03;JC Bonn
Mueller;Anna;2011;jc  bonn
MÜLLER;Anna;2011-02-04;JC Bonn
Weber;Hans;2010;TSV
Weber;Hans;2010;Another club
Ono;Shohei;1993;Tenri
"""
    registered = [AthleteRow("ONO", "Shohei", birth_year=1993, club="Tenri"),
                  AthleteRow("Weber", "Hans", birth_year=2009, club="TSV")]
    result = validate(read_table(data.encode()), existing=registered, today=TODAY)
    assert result.ok
    groups = [([r.line for r in d.rows], d.existing) for d in result.duplicates]
    # Anna: the year-only row could be either birth day, so it joins both groups.
    assert groups == [([2, 3], ()), ([3, 4], ()), ([7], (registered[0],))]
    assert [str(d) for d in result.duplicates] == [
        "MÜLLER Anna (born 2011-02-03, JC Bonn) is on lines 2, 3",
        "MUELLER Anna (born 2011, jc bonn) is on lines 3, 4",
        "ONO Shohei (born 1993, Tenri) on line 7 is already registered",
    ]


def test_a_date_stored_as_a_number_gets_a_hint() -> None:
    data = spreadsheets.xlsx([["Surname", "Given name", "Birth date"], ["A", "B", 40000]])
    assert [str(e) for e in validate(read_table(data), today=TODAY).errors] == [
        "line 2, column 'Birth date': '40000' is not a date or a year of birth (if it shows as a "
        "date in the spreadsheet, format the column as a date)"]


def test_person_key_sets_aside_spelling_and_order() -> None:
    key = person_key(AthleteRow("Müller-Lüdenscheidt", "Anna Lena", birth_year=2011,
                                club="JC Köln"))
    assert key == person_key(AthleteRow("Anna Lena", "MUELLER LUEDENSCHEIDT", birth_year=2011,
                                        club="jc koeln"))
    assert key != person_key(AthleteRow("Müller", "Anna Lena", birth_year=2011, club="JC Köln"))
    assert key != person_key(AthleteRow("Müller-Lüdenscheidt", "Anna Lena", birth_year=2012,
                                        club="JC Köln"))

"""Property: any list of athletes written as CSV, in any delimiter and encoding the importer
sniffs, imports back as the same rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ippon.exchange.countries import COUNTRIES
from ippon.exchange.importing import read_table, validate
from ippon.exchange.rows import AthleteRow, Sex

TODAY = dt.date(2026, 11, 28)
# Letters of the encodings under test plus the characters that make CSV hard: delimiters,
# quotes and apostrophes inside names.
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜßéèçñøåÉ"
PUNCTUATION = "-'.,;|\""


@st.composite
def words(draw: st.DrawFn, min_size: int = 1) -> str:
    parts = draw(st.lists(st.text(LETTERS + PUNCTUATION, min_size=1, max_size=8)
                          .filter(lambda w: any(c.isalpha() for c in w)),
                          min_size=min_size, max_size=3))
    return " ".join(parts)


@st.composite
def athletes(draw: st.DrawFn) -> AthleteRow:
    born = draw(st.one_of(st.none(), st.dates(dt.date(1930, 1, 1), TODAY)))
    year = born.year if born else draw(st.one_of(st.none(), st.integers(1930, TODAY.year)))
    weight = draw(st.one_of(st.none(), st.integers(50, 1800).map(lambda g: Decimal(g) / 10)))
    return AthleteRow(
        surname=draw(words()), given_name=draw(words()),
        sex=draw(st.one_of(st.none(), st.sampled_from(Sex))),
        birth_date=born, birth_year=year,
        club=draw(st.one_of(st.just(""), words())),
        country=draw(st.one_of(st.just(""), st.sampled_from(sorted(COUNTRIES)))),
        weight_kg=weight,
        category=draw(st.sampled_from(["", "-73", "U13 Girls -36 kg", "+100"])),
        external_id=draw(st.text("0123456789ABC-", max_size=8)),
        seed=draw(st.one_of(st.none(), st.integers(1, 8))),
    )


HEADER = ["Surname", "Given name", "Sex", "Born", "Club", "Country", "Weight", "Category",
          "Id", "Seed"]


def write_csv(rows: list[AthleteRow], delimiter: str, encoding: str) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in rows:
        born = r.birth_date.isoformat() if r.birth_date else str(r.birth_year or "")
        writer.writerow([r.surname, r.given_name, "M" if r.sex is Sex.MEN else
                         "F" if r.sex is Sex.WOMEN else "", born, r.club, r.country,
                         "" if r.weight_kg is None else str(r.weight_kg), r.category,
                         r.external_id, r.seed or ""])
    return out.getvalue().encode(encoding)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(athletes(), min_size=1, max_size=15),
       delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]))
def test_csv_round_trip(rows: list[AthleteRow], delimiter: str, encoding: str) -> None:
    result = validate(read_table(write_csv(rows, delimiter, encoding)), today=TODAY)
    assert result.errors == ()
    assert list(result.rows) == rows
    assert [r.line for r in result.rows] == list(range(2, len(rows) + 2))

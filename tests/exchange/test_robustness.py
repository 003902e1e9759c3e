"""Property: whatever bytes an organiser uploads, the importers answer with rows or with their
own error (FileError, MappingError, ShiError), never with a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ippon.exchange.importing import FileError, MappingError, read_table, validate
from ippon.exchange.judoshiai import ShiError, read_shi

from . import spreadsheets

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "judoshiai" / "example.shi"
TODAY = dt.date(2026, 11, 28)

# Text that looks like a CSV entry list: headers the mapping knows, delimiters, quotes, dates.
csv_like = st.lists(st.sampled_from(
    ["Surname", "Given name", "Name", "Birth date", "Sex", "Country", "Weight", "Seed", ";", ",",
     "\t", "|", '"', "\n", "\r\n", "2011-02-03", "31/02/2011", "M", "F", "GER", "x", "34,5",
     "ÄÖÜ", " ", "1", "0", "-"]), max_size=60).map("".join)


def import_or_refuse(data: bytes) -> None:
    refusal = ""
    try:
        result = validate(read_table(data), today=TODAY)
    except (FileError, MappingError) as error:
        refusal = str(error)
    else:
        assert result.ok == (result.rows != ())
        assert all(str(e).startswith(f"line {e.line}") for e in result.errors)
        return
    assert refusal, "a refusal must say why"


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes(data: bytes) -> None:
    import_or_refuse(data)


@settings(max_examples=200, deadline=None)
@given(text=csv_like, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_any_csv_like_text(text: str, encoding: str) -> None:
    import_or_refuse(text.encode(encoding))


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(0, 4000), flips=st.lists(st.tuples(st.integers(0, 4000),
                                                          st.integers(0, 255)), max_size=8))
def test_damaged_spreadsheets(cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(spreadsheets.xlsx([["Surname", "Given name"], ["A", "B"]]))
    for at, value in flips:
        data[at % len(data)] = value
    import_or_refuse(bytes(data[: max(cut, 5)]))


@settings(max_examples=60, deadline=None)
@given(flips=st.lists(st.tuples(st.integers(100, 22527), st.integers(0, 255)), min_size=1,
                      max_size=20))
def test_damaged_shi_files(flips: list[tuple[int, int]]) -> None:
    data = bytearray(SAMPLE.read_bytes())
    for at, value in flips:
        data[at] = value
    refusal = ""
    try:
        snapshot = read_shi(bytes(data))
    except ShiError as error:
        refusal = str(error)
    else:
        assert len(snapshot.competitors) <= 200
        return
    assert refusal, "a refusal must say why"

"""Results out: the tables, CSV and XLSX read back as people's programs read them, the JSON
format read back exactly (by hand, by property, and across the .shi exporter and importer),
its errors, and contest logs that replay to the same outcome."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ippon.exchange.exporting import (
    ContestLog,
    ResultsFormatError,
    contest_logs_zip,
    read_contest_logs,
    read_results_json,
    result_tables,
    results_csv,
    results_json,
    results_xlsx,
)
from ippon.exchange.judoshiai import read_shi, write_shi
from ippon.exchange.reading import read_table
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
from ippon.rules import Contest, IllegalEvent, Outcome, get_ruleset, parse_log
from ippon.tournament.model import Side

from .test_shi_properties import tournaments as shi_tournaments

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "judoshiai" / "example.shi"
SAVED = dt.datetime(2026, 6, 1, 10, 31, 5, tzinfo=dt.UTC)


def person(ref: str, surname: str, given: str, club: str, country: str,
           **more: object) -> Competitor:
    athlete = AthleteRow(surname, given, Sex.MEN, dt.date(2001, 4, 2), 2001, club, country,
                         Decimal("72.4"), "M-73")
    return Competitor(ref, athlete, "M-73", **more)  # type: ignore[arg-type]


def small() -> TournamentSnapshot:
    competitors = (
        person("10", "Müller", "Jörg", "JC Köln", "GER", belt=3),
        person("11", "Ono", "Shohei", "=Tenri", "JPN", comment="+1 cm"),
        person("12", "Орлов", "Иван", "Самбо-70", "RUS", excluded=True),
        person("13", "Dupont", "Luc", "", "FRA", removed=True),
    )
    matches = (
        MatchRow("M-73", 1, "10", "11", Score(waza_ari=1, shido=2), Score(shido=1), Side.WHITE,
                 7, time=240, decided_at=SAVED, mat=2),
        MatchRow("M-73", 2, "12", BYE),
        MatchRow("M-73", 3, "12", "10", Score(), Score(hansoku_make=True, shido=3), Side.WHITE,
                 10, time=301, golden_score=True, decided_at=SAVED),
        MatchRow("M-73", 4, "11", None, draw=True),
    )
    categories = (CategoryRow("M-73", 2, 1, "pool", 3, ("10", "12", "11", None)),
                  CategoryRow("W-57", None, 0, "", 0, ()))
    info = TournamentInfo("Open de Paris", dt.date(2026, 6, 1), "Paris", "09:00", 3,
                          {"WhiteFirst": "1"})
    return TournamentSnapshot(info, competitors, categories, matches)


# --- the tables ---------------------------------------------------------------------------------

def test_the_tables_people_read() -> None:
    placings, contests = result_tables(small())
    assert placings.name == "placings"
    assert placings.rows == (
        ("M-73", 1, "MÜLLER Jörg", "JC Köln", "GER", "10"),
        ("M-73", 2, "ОРЛОВ Иван", "Самбо-70", "RUS", "12"),
        ("M-73", 3, "ONO Shohei", "=Tenri", "JPN", "11"),
    )
    assert contests.name == "contests"
    first, bye, golden, hikiwake = (dict(zip(contests.header, row, strict=True))
                                    for row in contests.rows)
    assert first == {
        "category": "M-73", "contest": 1, "mat": 2, "white": "MÜLLER Jörg",
        "white country": "GER", "white score": "waza-ari 1, shido 2", "blue": "ONO Shohei",
        "blue country": "JPN", "blue score": "shido 1", "winner": "MÜLLER Jörg",
        "decision": "waza-ari", "time (s)": 240, "golden score": False,
        "decided at (UTC)": dt.datetime(2026, 6, 1, 10, 31, 5)}
    assert (bye["blue"], bye["winner"], bye["decision"]) == ("bye", "", "")
    assert (golden["blue score"], golden["decision"], golden["golden score"]) == (
        "shido 3, hansoku-make", "ippon", True)
    assert (hikiwake["blue"], hikiwake["decision"]) == ("", "hikiwake")


def test_csv_reads_back_as_the_same_table() -> None:
    data = results_csv(small(), "contests")
    assert data.startswith("\ufeff".encode())  # Excel needs the mark to read UTF-8
    table = read_table(data)
    _placings, contests = result_tables(small())
    assert table.headers == contests.header
    assert table.rows[0][:4] == ("M-73", "1", "2", "MÜLLER Jörg")
    assert table.rows[0][-2:] == ("no", "2026-06-01 10:31:05")
    assert len(table.rows) == 4


def test_csv_defuses_text_that_a_spreadsheet_would_run() -> None:
    table = read_table(results_csv(small()))
    clubs = [row[3] for row in table.rows]
    assert clubs == ["JC Köln", "Самбо-70", "'=Tenri"]


def test_csv_of_an_unknown_table_says_which_exist() -> None:
    with pytest.raises(ValueError, match="there are placings, contests"):
        results_csv(small(), "medals")


def test_xlsx_has_a_sheet_per_table_with_the_same_values() -> None:
    data = results_xlsx(small())
    for table in result_tables(small()):
        sheet = read_table(data, sheet=table.name)
        assert sheet.headers == table.header
        expected = [["" if v is None else v for v in row] for row in table.rows]
        got = [list(row) + [""] * (len(table.header) - len(row)) for row in sheet.rows]
        assert got == [[_as_calamine(v) for v in row] for row in expected]
    book = openpyxl.load_workbook(io.BytesIO(data))
    club = book["placings"]["D4"]
    assert (club.value, club.data_type) == ("=Tenri", "s")  # text, not a formula
    assert book["contests"].freeze_panes == "A2"


def _as_calamine(value: object) -> object:
    """What calamine gives back for a value openpyxl wrote: whole numbers as floats."""
    if isinstance(value, bool):
        return value
    return float(value) if isinstance(value, int) else value


# --- JSON ---------------------------------------------------------------------------------------

def test_json_reads_back_exactly() -> None:
    snapshot = small()
    assert read_results_json(results_json(snapshot)) == snapshot


def test_json_is_the_documented_shape() -> None:
    document = json.loads(results_json(small()))
    assert (document["format"], document["version"]) == ("ippon-results", 1)
    assert document["tournament"]["date"] == "2026-06-01"
    joerg = document["competitors"][0]
    assert (joerg["name"], joerg["weight_kg"], joerg["sex"]) == ("MÜLLER Jörg", 72.4, "men")
    assert document["categories"][0]["places"] == [
        {"place": 1, "ref": "10"}, {"place": 2, "ref": "12"}, {"place": 3, "ref": "11"},
        {"place": 3, "ref": None}]
    first, bye = document["contests"][:2]
    assert first["white_score"] == {"ippon": 0, "waza-ari": 1, "yuko": 0, "koka": 0, "shido": 2,
                                    "hansoku-make": False}
    assert (first["winner"], first["decided_at"]) == ("white", "2026-06-01T10:31:05+00:00")
    assert (bye["blue"], bye["blue_bye"], bye["white_bye"]) == (None, True, False)


names = st.text(st.characters(exclude_categories=["Cs"]), max_size=8)


@st.composite
def snapshots(draw: st.DrawFn) -> TournamentSnapshot:
    """Wider than a .shi holds: any refs (even "bye"), birth dates, naive times, any places."""
    refs = draw(st.lists(names.filter(bool), max_size=6, unique=True))
    competitors = tuple(Competitor(
        ref, AthleteRow(draw(names), draw(names), draw(st.one_of(st.none(), st.sampled_from(Sex))),
                        draw(st.one_of(st.none(), st.dates())),
                        draw(st.one_of(st.none(), st.integers(1900, 2030))), draw(names),
                        draw(names), draw(st.one_of(st.none(), st.decimals(
                            0, 500, places=3, allow_nan=False))), draw(names), draw(names),
                        draw(st.one_of(st.none(), st.integers(1, 16)))),
        draw(names), draw(st.integers(0, 20)), draw(st.booleans()), draw(st.booleans()),
        draw(names), draw(names)) for ref in refs)
    slot: st.SearchStrategy[Slot] = st.one_of(st.none(), st.just(BYE), st.sampled_from(refs)) \
        if refs else st.one_of(st.none(), st.just(BYE))
    scores = st.builds(Score, st.integers(0, 1), st.integers(0, 2), st.integers(0, 9),
                       st.integers(0, 9), st.integers(0, 4), st.booleans())
    moments = st.datetimes(timezones=st.one_of(st.none(), st.just(dt.UTC)))
    matches = tuple(MatchRow(
        draw(names), draw(st.integers(0, 999)), draw(slot), draw(slot), draw(scores),
        draw(scores), draw(st.one_of(st.none(), st.sampled_from(Side))),
        draw(st.integers(0, 11)), draw(st.booleans()), draw(st.one_of(st.none(),
                                                                      st.integers(0, 900))),
        draw(st.booleans()), draw(st.one_of(st.none(), moments)),
        draw(st.one_of(st.none(), st.integers(1, 20)))) for _ in range(draw(st.integers(0, 4))))
    place = st.one_of(st.none(), st.sampled_from(refs)) if refs else st.none()
    categories = tuple(CategoryRow(
        draw(names), draw(st.one_of(st.none(), st.integers(1, 20))), draw(st.integers(0, 9)),
        draw(names), draw(st.integers(0, 300)), tuple(draw(st.lists(place, max_size=9))),
        draw(st.booleans())) for _ in range(draw(st.integers(0, 3))))
    info = TournamentInfo(draw(names), draw(st.one_of(st.none(), st.dates())), draw(names),
                          draw(names), draw(st.integers(0, 20)),
                          draw(st.dictionaries(names, names, max_size=3)))
    return TournamentSnapshot(info, competitors, categories, matches)


@settings(max_examples=60)
@given(snapshot=snapshots())
def test_any_snapshot_reads_back_exactly(snapshot: TournamentSnapshot) -> None:
    assert read_results_json(results_json(snapshot)) == snapshot


@settings(max_examples=30)
@given(snapshot=shi_tournaments())
def test_shi_then_json_then_shi_gives_the_same_tournament(snapshot: TournamentSnapshot) -> None:
    through_json = read_results_json(results_json(read_shi(write_shi(snapshot))))
    assert through_json == snapshot
    assert read_shi(write_shi(through_json)) == snapshot


def test_the_published_judoshiai_sample_through_json_and_back() -> None:
    original = read_shi(SAMPLE)
    assert len(original.competitors) == 130
    again = read_results_json(results_json(original))
    assert again == original
    assert read_shi(write_shi(again)) == read_shi(write_shi(original))


def _document(**changes: object) -> bytes:
    document = json.loads(results_json(small()))
    for path, value in changes.items():
        *parents, key = path.split("__")
        target = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[key] = value
    return json.dumps(document).encode()


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG", "not a JSON file"),
    (b"[1, 2]", "the file must be a JSON object"),
    (b'{"format": "something-else"}', "not ippon results"),
    (_document(version=2), "version 2 of the format, from a newer ippon"),
    (_document(contests__0__white="99"), r"contests\[0\].white: no competitor has the ref '99'"),
    (_document(contests__1__winner="red"), r"contests\[1\].winner must be \"white\", \"blue\""),
    (_document(competitors__2__ref="10"), "Two competitors have the ref '10'"),
    (_document(competitors__0__weight_kg="72"), r"weight_kg must be a number of kilograms"),
    (_document(competitors__0__sex="m"), r"competitors\[0\].sex must be \"men\", \"women\""),
    (_document(tournament__date="1.6.2026"), "tournament.date must be a date like 2026-06-01"),
    (_document(categories__0__mat=1.5), r"categories\[0\].mat must be a whole number"),
    (_document(contests__0__decided_at="soon"), r"decided_at must be a time like"),
])
def test_a_bad_file_is_refused_with_where_and_why(data: bytes, message: str) -> None:
    with pytest.raises(ResultsFormatError, match=message):
        read_results_json(data)


# --- contest logs -------------------------------------------------------------------------------

LOGS = {
    1: '{"at": 0, "type": "hajime"}\n'
       '{"at": 12.5, "type": "score", "side": "blue", "value": "waza-ari"}\n'
       '{"at": 14, "type": "cancel", "target": 2, "reason": "it was a yuko-like throw"}\n'
       '{"at": 40, "type": "score", "side": "white", "value": "ippon", "reason": "uchi-mata"}\n',
    2: '{"at": 0, "type": "fusen", "side": "white"}\n',
    3: '{"at": 0, "type": "hajime"}\n\n'
       '{"at": 30, "type": "shido", "side": "white"}\n',
}


def _logs() -> list[ContestLog]:
    kids = get_ruleset("ijf2025").for_age_group("kids-u13", "women")  # 2 min, 1 min golden score
    return [ContestLog("Женщины -57", number, kids if number == 3 else get_ruleset("ijf2018"),
                       tuple(parse_log(text)), "10", "11") for number, text in LOGS.items()]


def _outcome(log: ContestLog) -> Outcome | None:
    contest = Contest(log.rules)
    for event in log.events:
        with contextlib.suppress(IllegalEvent):
            contest.push(event)
    return contest.outcome()


def test_contest_logs_come_back_with_the_same_events_and_outcomes() -> None:
    logs = _logs()
    again = read_contest_logs(contest_logs_zip(logs))
    assert again == logs
    outcomes = [_outcome(log) for log in again]
    assert outcomes == [_outcome(log) for log in logs]
    first = outcomes[0]
    assert first is not None
    assert (first.winner, first.method) == ("white", "ippon")


def test_each_contest_is_a_log_file_the_replay_reads_as_written() -> None:
    data = contest_logs_zip(_logs())
    archive = zipfile.ZipFile(io.BytesIO(data))
    index = json.loads(archive.read("index.json"))
    assert index["format"] == "ippon-contest-logs"
    rules = {k: v for k, v in index["contests"][2].items() if k not in ("file", "events")}
    assert rules == {"category": "Женщины -57", "number": 3, "ruleset": "ijf2025",
                     "contest_time": 120, "golden_score_time": 60,
                     "golden_score_as_contest_time": False, "hantei": True, "white": "10",
                     "blue": "11"}
    files = [entry["file"] for entry in index["contests"]]
    assert files == [f"contests/000{n}-Женщины_-57-{n}.jsonl" for n in (1, 2, 3)]
    texts = [archive.read(name).decode() for name in files]
    # Every event on its line: the blank line stays, so cancels still name the right line.
    assert [parse_log(text) for text in texts] == [parse_log(text) for text in LOGS.values()]
    assert "\n\n" in texts[2]
    assert contest_logs_zip(_logs()) == data  # the same logs give the same bytes


def test_a_damaged_log_archive_is_refused() -> None:
    with pytest.raises(ResultsFormatError, match="not an ippon contest-log archive"):
        read_contest_logs(b"PK\x03\x04 not really")
    with pytest.raises(ResultsFormatError, match="unknown ruleset 'ijf1999'"):
        read_contest_logs(_archive({"file": "a.jsonl", "ruleset": "ijf1999"}))
    with pytest.raises(ResultsFormatError, match=r"contest_time must be a number of seconds"):
        read_contest_logs(_archive({"file": "a.jsonl", "ruleset": "ijf2025",
                                    "contest_time": "4 min"}))
    with pytest.raises(ResultsFormatError, match=r"a\.jsonl: line 1: unknown event type"):
        read_contest_logs(_archive({"file": "a.jsonl", "ruleset": "ijf2025"}))


def _archive(entry: dict[str, object]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("index.json", json.dumps({"format": "ippon-contest-logs", "version": 1,
                                                   "contests": [entry]}))
        archive.writestr("a.jsonl", '{"at": 0, "type": "tai-otoshi"}\n')
    return out.getvalue()

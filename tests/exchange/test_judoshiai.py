"""JudoShiai `.shi` files: the real sample, older files, files that are not tournaments, what an
export writes, and export -> import round trips."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from ippon.exchange.judoshiai import ShiError, read_shi, write_shi
from ippon.exchange.rows import (
    BYE,
    AthleteRow,
    CategoryRow,
    Competitor,
    MatchRow,
    Score,
    Sex,
    TournamentInfo,
    TournamentSnapshot,
)
from ippon.tournament.model import Side

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "judoshiai" / "example.shi"


def test_the_published_sample() -> None:
    snapshot = read_shi(SAMPLE)
    assert snapshot.info == TournamentInfo("Example Shiai", dt.date(2010, 3, 2), "N/A", "10:00", 3,
                                           {"three_matches_for_two": "0"})
    assert len(snapshot.competitors) == 130
    maja = snapshot.competitors[0]
    assert maja.ref == "10"
    assert maja.athlete == AthleteRow("JOHANSSON", "Maja", Sex.WOMEN, None, 1995, "Oxelösunds JK",
                                      "SWE", Decimal(43), "BT-44")
    assert maja.athlete.display_name == "JOHANSSON Maja"
    assert (maja.category, maja.belt, maja.removed) == ("", 5, False)
    by_ref = {c.ref: c for c in snapshot.competitors}
    julia = by_ref["12"].athlete
    assert (julia.surname, julia.club, julia.birth_year, julia.weight_kg, julia.category) == (
        "KARLSSON", "Borlänge JC", 1993, Decimal(55), "AT-57")
    # The one deleted row of the sample is kept, marked removed.
    assert [c.athlete.surname for c in snapshot.competitors if c.removed] == ["QWERTY"]
    # No sex flags in this file: the sex comes from the category definitions (BT girls, BP boys).
    sexes = Counter(c.athlete.sex for c in snapshot.competitors if not c.removed)
    assert sexes == {Sex.MEN: 66, Sex.WOMEN: 63}
    assert {c.athlete.country for c in snapshot.competitors} >= {"SWE", "NOR", "FIN", "GER"}
    assert snapshot.categories == ()
    assert snapshot.matches == ()


def test_the_sample_file_is_not_changed(tmp_path: Path) -> None:
    copy = tmp_path / "example.shi"
    copy.write_bytes(SAMPLE.read_bytes())
    read_shi(copy)
    assert copy.read_bytes() == SAMPLE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example.shi"]


def test_files_that_are_not_judoshiai_tournaments(tmp_path: Path) -> None:
    with pytest.raises(ShiError, match=r"not a JudoShiai tournament: a \.shi file is an SQLite"):
        read_shi(b"Surname;Given name\nA;B\n")
    other = tmp_path / "other.sqlite"
    with database(other) as db:
        db.execute("CREATE TABLE competitors (x)")
    with pytest.raises(ShiError, match="has no 'categories' and no 'matches' table"):
        read_shi(other)
    with pytest.raises(ShiError, match="damaged"):
        read_shi(SAMPLE.read_bytes()[:100] + b"\x00" * 5000)


def test_a_table_without_its_key_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.shi"
    with database(path) as db:
        db.execute('CREATE TABLE competitors ("index" INTEGER, "first" TEXT)')
        db.execute('CREATE TABLE categories ("index" INTEGER, "category" TEXT)')
        db.execute('CREATE TABLE matches ("category" INTEGER, "number" INTEGER, "blue" INTEGER, '
                   '"white" INTEGER)')
    with pytest.raises(ShiError, match="'competitors' table has no 'last' column"):
        read_shi(path)


@contextmanager
def database(path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(path)
    try:
        yield db
        db.commit()
    finally:
        db.close()


def test_an_old_file_without_newer_columns(tmp_path: Path) -> None:
    """Columns added over the years are missing; the category system is packed in one number."""
    path = tmp_path / "old.shi"
    with database(path) as db:
        db.execute('CREATE TABLE competitors ("index" INTEGER, "last" TEXT, "first" TEXT, '
                   '"birthyear" INTEGER, "belt" INTEGER, "club" TEXT, "regcategory" TEXT, '
                   '"weight" INTEGER, "visible" INTEGER, "category" TEXT, "deleted" INTEGER)')
        db.execute('CREATE TABLE categories ("index" INTEGER, "category" TEXT, '
                   '"tatami" INTEGER, "deleted" INTEGER, "group" INTEGER, "system" INTEGER)')
        db.execute('CREATE TABLE matches ("category" INTEGER, "number" INTEGER, "blue" INTEGER, '
                   '"white" INTEGER, "blue_score" INTEGER, "white_score" INTEGER, '
                   '"blue_points" INTEGER, "white_points" INTEGER, "time" INTEGER, '
                   '"comment" INTEGER, "deleted" INTEGER)')
        db.execute("INSERT INTO competitors VALUES (10, 'VIRTANEN', 'Aino', 1990, 3, 'JC', "
                   "'N-57', 56500, 1, 'N-57', 256)")
        db.execute("INSERT INTO competitors VALUES (11, 'KORHONEN', 'Elli', 1991, 2, 'JC', "
                   "'N-57', 57000, 1, 'N-57', 256)")
        # Pool (1) of 2 competitors, wish 1, packed as system << 16 | numcomp | wish << 24.
        db.execute("INSERT INTO categories VALUES (10000, 'N-57', 2, 0, 1, ?)",
                   ((1 << 16) | 2 | (1 << 24),))
        db.execute("INSERT INTO matches VALUES (10000, 1, 10, 11, ?, 0, 10, 0, 95, 0, 0)",
                   (0x10001,))
    snapshot = read_shi(path)
    assert snapshot.info == TournamentInfo()
    aino, elli = snapshot.competitors
    assert aino.athlete == AthleteRow("VIRTANEN", "Aino", Sex.WOMEN, None, 1990, "JC", "",
                                      Decimal("56.5"), "N-57")
    assert (aino.category, elli.category) == ("N-57", "N-57")
    assert snapshot.categories == (CategoryRow("N-57", 2, 1, "pool", 2),)
    assert snapshot.matches == (MatchRow("N-57", 1, white="11", blue="10",
                                         blue_score=Score(ippon=1, shido=1), winner=Side.BLUE,
                                         points=10, time=95),)


def test_text_that_is_not_utf8_and_odd_values(tmp_path: Path) -> None:
    path = tmp_path / "edited.shi"
    with database(path) as db:
        for statement in ('CREATE TABLE competitors ("index", "last", "first", "weight")',
                          'CREATE TABLE categories ("index", "category")',
                          'CREATE TABLE matches ("category", "number", "blue", "white", "date")'):
            db.execute(statement)
        db.execute("INSERT INTO competitors VALUES (10, CAST(? AS TEXT), 'Ana', 'heavy')",
                   ("Núñez".encode("cp1252"),))
        db.execute("INSERT INTO categories VALUES (10000, 'M-60')")
        db.execute("INSERT INTO matches VALUES (10000, 1, 10, 0, 99999999999999)")
    snapshot = read_shi(path)
    assert snapshot.competitors[0].athlete.surname == "Núñez"
    assert snapshot.competitors[0].athlete.weight_kg is None
    assert snapshot.matches[0].decided_at is None


def athlete(surname: str, given: str, sex: Sex, year: int, club: str, country: str,
            kg: str | None, category: str = "", **more: object) -> AthleteRow:
    return AthleteRow(surname, given, sex, None, year, club, country,
                      None if kg is None else Decimal(kg), category, **more)  # type: ignore[arg-type]


def tournament() -> TournamentSnapshot:
    """A small tournament with the cases an export must keep: a pool with results, a drawn
    double repechage with a bye, an undrawn category, a hikiwake, hansoku-make, golden score."""
    saved = dt.datetime(2026, 11, 28, 10, 15, 30, tzinfo=dt.UTC)
    competitors = (
        Competitor("10", athlete("MÜLLER", "Anna", Sex.WOMEN, 2011, "JC Bonn", "GER", "34.5",
                                 "U13 -36", external_id="DJB-1", seed=1), "W-36"),
        Competitor("11", athlete("Dupré", "Zoë", Sex.WOMEN, 2011, "JC Paris", "FRA", "35.9",
                                 "U13 -36"), "W-36", belt=2),
        Competitor("12", athlete("de Vries", "Sanne", Sex.WOMEN, 2012, "Kenamju", "NED", "33",
                                 "U13 -36"), "W-36", excluded=True, comment="late"),
        Competitor("20", athlete("ONO", "Shohei", Sex.MEN, 1993, "Tenri", "JPN", "73.4"), "M-73",
                   belt=9, coach_id="C7"),
        Competitor("21", athlete("Smith", "John", Sex.MEN, 1995, "Budokwai", "GBR", "72.95"),
                   "M-73"),
        Competitor("22", athlete("Kim", "Min", Sex.MEN, 1996, "", "KOR", None), "M-73"),
        Competitor("30", athlete("Nowak", "Jan", Sex.MEN, 2000, "AZS", "POL", "81"), "M-81"),
        Competitor("31", athlete("Weber", "Hans", Sex.MEN, 2000, "TSV", "", None), "",
                   removed=True),
    )
    categories = (
        CategoryRow("W-36", mat=1, group=2, system="pool", athletes=3,
                    places=("10", "11", "12", None, None, None, None, None)),
        CategoryRow("M-73", mat=2, system="double-repechage", athletes=3),
        CategoryRow("M-81", system="single-elimination"),
    )
    matches = (
        MatchRow("W-36", 1, white="10", blue="11", white_score=Score(ippon=1),
                 blue_score=Score(shido=2), winner=Side.WHITE, points=10, time=42,
                 decided_at=saved, mat=1),
        MatchRow("W-36", 2, white="11", blue="12", white_score=Score(shido=1),
                 blue_score=Score(shido=3, hansoku_make=True), winner=Side.WHITE, points=10,
                 time=180),
        MatchRow("W-36", 3, white="10", blue="12", draw=True, time=240),
        MatchRow("M-73", 1, white="20", blue=BYE, winner=Side.WHITE, points=10),
        MatchRow("M-73", 2, white="21", blue="22", blue_score=Score(waza_ari=1, yuko=2),
                 winner=Side.BLUE, points=7, time=275, golden_score=True, decided_at=saved),
        MatchRow("M-73", 3, white="20", blue=None),
    )
    info = TournamentInfo("Bonn Open", dt.date(2026, 11, 28), "Bonn", "09:30", 4,
                          {"WhiteFirst": "1", "Rules2018": "1"})
    return TournamentSnapshot(info, competitors, categories, matches)


def test_export_then_import_gives_the_same_tournament(tmp_path: Path) -> None:
    snapshot = tournament()
    path = tmp_path / "bonn.shi"
    data = write_shi(snapshot, path)
    assert path.read_bytes() == data
    assert read_shi(data) == snapshot
    assert read_shi(path) == snapshot
    # And again: a file read and written keeps its numbers.
    assert read_shi(write_shi(read_shi(data))) == snapshot


def test_export_writes_what_judoshiai_reads(tmp_path: Path) -> None:
    path = tmp_path / "bonn.shi"
    write_shi(tournament(), path)
    db = sqlite3.connect(path)
    try:
        def columns(table: str) -> list[str]:
            return [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
        assert columns("competitors")[-2:] == ["comment", "coachid"]
        assert len(columns("competitors")) == 17
        assert columns("categories")[-1] == "color"
        assert columns("matches")[-2:] == ["date", "legend"]
        assert columns("info") == ["item", "value"]
        info = dict(db.execute("SELECT item, value FROM info"))
        assert info == {"Competition": "Bonn Open", "Date": "2026-11-28", "Place": "Bonn",
                        "Time": "09:30", "NumTatamis": "4", "WhiteFirst": "1", "Rules2018": "1"}
        ono = db.execute('SELECT "index", "last", weight, category, deleted, belt, coachid '
                         'FROM competitors WHERE "last" = \'ONO\'').fetchone()
        assert ono == (20, "ONO", 73400, "M-73", 0x80, 9, "C7")
        assert db.execute("SELECT weight FROM competitors WHERE \"index\" = 21").fetchone() == (
            72950,)
        flags = dict(db.execute('SELECT "index", deleted FROM competitors'))
        assert (flags[12], flags[31]) == (0x100 | 0x02, 0x80 | 0x01)
        assert db.execute('SELECT category FROM competitors WHERE "index" = 31').fetchone() == (
            "?",)
        categories = db.execute('SELECT "index", category, tatami, "group", system, numcomp, '
                                '"table", wishsys, pos1, pos2, pos3, pos4, color '
                                'FROM categories ORDER BY "index"').fetchall()
        assert categories == [
            (10000, "W-36", 1, 2, 1, 3, 0, 1, 10, 11, 12, 0, "rgb(255,255,255)"),
            (10001, "M-73", 2, 0, 3, 3, 7, 11, 0, 0, 0, 0, "rgb(255,255,255)"),
            (10002, "M-81", 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, "rgb(255,255,255)"),
        ]
        matches = db.execute('SELECT category, number, blue, white, blue_score, white_score, '
                             'blue_points, white_points, time, forcedtatami, date, legend '
                             'FROM matches ORDER BY category, number').fetchall()
        saved = int(dt.datetime(2026, 11, 28, 10, 15, 30, tzinfo=dt.UTC).timestamp())
        assert matches == [
            (10000, 1, 11, 10, 0x2, 0x10000, 0, 10, 42, 1, saved, 0),
            (10000, 2, 12, 11, 0xB, 0x1, 0, 10, 180, 0, 0, 0),
            (10000, 3, 12, 10, 0, 0, 11, 11, 240, 0, 0, 0),
            (10001, 1, 1, 20, 0, 0, 0, 10, 0, 0, 0, 0),
            (10001, 2, 22, 21, 0x1200, 0, 7, 0, 275, 0, saved, 0x100),
            (10001, 3, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0),
        ]
    finally:
        db.close()


def test_refs_that_are_not_judoshiai_numbers_are_numbered_from_10() -> None:
    snapshot = tournament()
    renamed = {c.ref: f"athlete-{c.ref}" for c in snapshot.competitors}
    competitors = tuple(Competitor(renamed[c.ref], c.athlete, c.category, c.belt, c.excluded,
                                   c.removed, c.comment, c.coach_id)
                        for c in snapshot.competitors)
    matches = tuple(MatchRow(m.category, m.number,
                             renamed.get(m.white, m.white) if isinstance(m.white, str) else m.white,
                             renamed.get(m.blue, m.blue) if isinstance(m.blue, str) else m.blue,
                             winner=m.winner, points=m.points) for m in snapshot.matches)
    categories = tuple(replace(c, places=()) for c in snapshot.categories)
    back = read_shi(write_shi(TournamentSnapshot(snapshot.info, competitors, categories,
                                                 matches)))
    assert [c.ref for c in back.competitors] == [str(i) for i in range(10, 18)]
    assert [c.athlete for c in back.competitors] == [c.athlete for c in competitors]
    # ONO (athlete-20) is the fourth competitor: number 13; Kim (athlete-22) the sixth: 15.
    fight = back.matches[4]
    assert (fight.white, fight.blue, fight.winner) == ("14", "15", Side.BLUE)
    assert back.matches[3].white == "13"
    assert back.matches[3].blue is BYE


def test_a_winner_without_points_gets_judoshiai_points_from_the_score() -> None:
    snapshot = tournament()
    match = MatchRow("M-73", 9, white="21", blue="22", blue_score=Score(waza_ari=1),
                     winner=Side.BLUE)
    decision = MatchRow("M-73", 10, white="21", blue="22", winner=Side.WHITE)
    back = read_shi(write_shi(TournamentSnapshot(snapshot.info, snapshot.competitors,
                                                 snapshot.categories, (match, decision))))
    assert [(m.winner, m.points) for m in back.matches] == [(Side.BLUE, 7), (Side.WHITE, 1)]


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: TournamentSnapshot(s.info, (*s.competitors, s.competitors[0])),
     "Two competitors have the ref '10'"),
    (lambda s: TournamentSnapshot(s.info, s.competitors, (*s.categories, s.categories[0])),
     "Two categories are called 'W-36'"),
    (lambda s: TournamentSnapshot(s.info, s.competitors, (CategoryRow(""),)),
     "Category 1 has no name"),
    (lambda s: TournamentSnapshot(s.info, s.competitors, s.categories,
                                  (MatchRow("M-90", 1, "10", "11"),)),
     "contest 1 of M-90: there is no category 'M-90'"),
    (lambda s: TournamentSnapshot(s.info, s.competitors, s.categories,
                                  (MatchRow("M-73", 4, "20", "99"),)),
     "contest 4 of M-73: no competitor has the ref '99'"),
    (lambda s: TournamentSnapshot(s.info, s.competitors, s.categories,
                                  (MatchRow("M-73", 4, "20", "21"), MatchRow("M-73", 4))),
     "Two contests of one category have the same number"),
    (lambda s: TournamentSnapshot(s.info, s.competitors, s.categories,
                                  (MatchRow("M-73", 4, "20", "21", white_score=Score(shido=9)),)),
     "contest 4 of M-73: .* does not fit JudoShiai's score digits"),
    (lambda s: TournamentSnapshot(s.info, s.competitors,
                                  (CategoryRow("W-36", places=("10", "77")),)),
     "place 2 of W-36: no competitor has the ref '77'"),
])
def test_snapshots_that_cannot_be_written(change: object, message: str) -> None:
    assert callable(change)
    with pytest.raises(ShiError, match=message):
        write_shi(change(tournament()))


# --- categories, draws and results for the import (ippon.exchange.shi_draws) --------------------

def test_the_sample_gives_its_category_definitions() -> None:
    from ippon.exchange.judoshiai import read_shi_file
    from ippon.exchange.shi_draws import category_spec

    shi = read_shi_file(SAMPLE)
    assert len(shi.definitions) == 93  # sqlite3: SELECT count(*) FROM catdef
    assert shi.systems == {}  # no categories table rows: nothing drawn in the sample
    # catdef: "16|BT|2|44000|-44" and "16|BT|2|1000000|+63" after "-63".
    assert category_spec("BT-44", shi.definitions) == (
        category_spec("BT-44", shi.definitions).__class__(Sex.WOMEN, "cadets", None, 44.0))
    open_class = category_spec("BT+63", shi.definitions)
    assert (open_class.sex, open_class.min_kg, open_class.max_kg) == (Sex.WOMEN, 63.0, None)
    assert category_spec("M-66", shi.definitions).age_group == "seniors"
    assert category_spec("DT-28", shi.definitions).age_group == "kids-u13"
    unknown = category_spec("Open -57", shi.definitions)
    assert (unknown.sex, unknown.max_kg) == (None, 57.0)


def test_a_drawn_file_gives_the_bracket_lines_and_results(tmp_path: Path) -> None:
    from ippon.exchange.judoshiai import read_shi_file
    from ippon.exchange.shi_draws import draw_lines, plan_category
    from ippon.rules import get_ruleset

    from .shi_sample import drawn_sample

    shi = read_shi_file(drawn_sample(tmp_path))
    rows = [m for m in shi.snapshot.matches if m.category == "BT-44"]
    members = [c.ref for c in shi.snapshot.competitors if c.category == "BT-44"]
    # sqlite3: matches of category 10000, numbers 1-4: 10 v 14, 31 v 36, 49 v 69, 70 v ghost.
    lines = draw_lines("single-elimination", shi.systems["BT-44"], rows, members)
    assert lines == ["10", "14", "31", "36", "49", "69", "70", None]
    rules = get_ruleset("ijf2025").for_age_group("cadets", "women")
    plan = plan_category("single-elimination", lines, rules, rows)
    by_number = {p.number: p for p in plan.results}
    assert sorted(by_number) == [1, 2, 3, 5, 6, 7]  # 4 is the walkover of JONES
    final = by_number[7]  # blue 36 (0x1001) v white 69 (0x2000), white points 10
    assert (final.white, final.blue) == ("36", "69")
    assert final.log.outcome.winner == "blue"
    assert final.log.outcome.method == "waza-ari-awasete-ippon"
    assert final.log.state.regular_time == 150.0  # the file's time
    hansoku = by_number[3].log  # 49's shido nibble 8: hansoku-make
    assert (hansoku.outcome.method, hansoku.outcome.winner) == ("hansoku-make", "blue")
    assert plan.progress.placings[1] == ("69",)
    assert plan.progress.placings[2] == ("36",)


def test_a_decision_without_a_score_goes_to_hantei_where_the_rules_have_it() -> None:
    from ippon.exchange.shi_draws import ResultError, result_log
    from ippon.rules import get_ruleset

    row = MatchRow("DT-28", 1, white="11", blue="12", winner=Side.BLUE, points=1, time=120)
    kids = get_ruleset("ijf2025").for_age_group("kids-u13", "men")  # golden score 60 s, hantei
    log = result_log(kids, row, white=Score(), blue=Score(), winner="blue")
    assert (log.outcome.method, log.outcome.winner) == ("hantei", "blue")
    seniors = get_ruleset("ijf2025")  # unlimited golden score: nothing can decide it
    with pytest.raises(ResultError, match="DT-28, contest 1 \\(matches table\\)"):
        result_log(seniors, row, white=Score(), blue=Score(), winner="blue")


def test_a_score_the_rules_do_not_have_is_left_out_and_said() -> None:
    from ippon.exchange.shi_draws import result_log
    from ippon.rules import get_ruleset

    row = MatchRow("M-66", 3, white="20", blue="21", winner=Side.WHITE, points=10)
    log = result_log(get_ruleset("ijf2018"), row, white=Score(ippon=1), blue=Score(yuko=1),
                     winner="white")
    assert log.outcome.method == "ippon"
    assert log.notes == ("M-66, contest 3 (matches table): yuko for blue left out (There is no "
                         "yuko under ijf2018 (IJF 2018–2021))",)

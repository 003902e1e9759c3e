"""Pool sheets: the cross table, wins, points, ranks, the bouts, read back from the PDF."""

from __future__ import annotations

from datetime import date

import pytest

from ippon.reports import CategoryDraw, Person, Tournament, category_pdf
from ippon.reports.brackets import category_sheet
from ippon.reports.flags import flag_svgs
from ippon.rules import LATEST, get_ruleset
from ippon.tournament.bracket import Bracket
from ippon.tournament.model import Result, Side
from ippon.tournament.systems import build

from .helpers import pages, preview

POOL = [
    Person("a", "佐藤", "花子", country="JPN"),
    Person("b", "Смирнова", "Анна", country="RUS"),
    Person("c", "Lefèvre", "Camille", country="FRA"),
    Person("d", "Müller", "Lena", country="GER"),
    Person("e", "Silva", "Beatriz", country="BRA"),
]
# The order in which they beat one another: a beats everyone, b everyone but a, …
STRENGTH = ["c", "a", "e", "b", "d"]


def played_pool() -> Tournament:
    points = get_ruleset(LATEST).win_points
    lines = tuple(p.id for p in POOL)
    bracket = Bracket(build("pool", 5), lines, points)
    while ready := bracket.progress.ready():
        state = ready[0]
        assert state.white is not None
        assert state.blue is not None
        white_wins = STRENGTH.index(state.white) < STRENGTH.index(state.blue)
        # The strongest two win by ippon (10 points), the others by waza-ari (1 point).
        winner = state.white if white_wins else state.blue
        value = "ippon" if STRENGTH.index(winner) < 2 else "waza-ari"
        method = "ippon" if value == "ippon" else "yusei-gachi"
        bracket = bracket.feed(state.number, Result(Side.WHITE if white_wins else Side.BLUE,
                                                    method, value))
    return Tournament("Kyiv Cup", date(2026, 5, 2), "", {p.id: p for p in POOL},
                      (CategoryDraw("Women -48 kg", bracket, mat=3),),
                      flags=flag_svgs(p.country for p in POOL))


@pytest.fixture(scope="module")
def pool() -> Tournament:
    return played_pool()


@pytest.fixture(scope="module")
def pdf(pool: Tournament) -> bytes:
    return category_pdf(pool, pool.categories[0])


def test_a_five_athlete_pool_sheet_is_one_page(pdf: bytes) -> None:
    assert len(pages(pdf)) == 1
    preview(pdf, "pool")


def test_the_cross_table_has_results_wins_points_and_ranks(pool: Tournament) -> None:
    (table,) = category_sheet(pool, pool.categories[0]).pools
    assert table.finished
    rows = {row.name: row for row in table.rows}
    assert [r.name for r in table.rows] == [p.name for p in POOL]  # pool order
    expected = {"c": (4, 40, 1), "a": (3, 30, 2), "e": (2, 2, 3), "b": (1, 1, 4),
                "d": (0, 0, 5)}
    for person in POOL:
        row = rows[person.name]
        assert (row.wins, row.points, row.rank) == expected[person.id]
    # Row 佐藤 (a) against 3 (c): lost; against 2 (b): won by ippon, 10 points.
    sato = rows["佐藤 花子"]
    assert sato.cells == ("×", "10", "0", "10", "10")
    assert rows["SILVA Beatriz"].cells == ("0", "1", "0", "1", "×")
    assert len(table.bouts) == 10
    assert [b.number for b in table.bouts] == list(range(1, 11))


def test_the_pdf_reads_back_names_ranks_and_bouts(pool: Tournament, pdf: bytes) -> None:
    (text,) = pages(pdf)
    assert "Women -48 kg" in text
    assert "Round robin" in text
    assert "5 athletes" in text
    assert "佐藤 花子" in text
    assert "СМИРНОВА Анна" in text
    assert "LEFÈVRE Camille" in text
    assert "Wins Points Rank" in text
    order = ["c", "a", "e", "b", "d"]
    for place, ident in enumerate(order, start=1):
        person = pool.people[ident]
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(place, "th")
        assert f"{place}{suffix} {person.name} {person.country}" in text
    # c and a win their 7 bouts by ippon; e (over b and d) and b (over d) by waza-ari.
    assert (text.count("ippon"), text.count("waza-ari")) == (7, 3)


def test_an_unfinished_pool_has_no_ranks_yet() -> None:
    points = get_ruleset(LATEST).win_points
    bracket = Bracket(build("pool", 5), tuple(p.id for p in POOL), points)
    bracket = bracket.feed(1, Result(Side.BLUE, "ippon", "ippon"))
    t = Tournament("Kyiv Cup", people={p.id: p for p in POOL},
                   categories=(CategoryDraw("Women -48 kg", bracket),))
    (table,) = category_sheet(t, t.categories[0]).pools
    assert not table.finished
    assert all(row.rank is None for row in table.rows)
    assert table.rows[1].wins == 1
    assert table.rows[1].cells[0] == "10"
    (text,) = pages(category_pdf(t, t.categories[0]))
    assert "Not decided yet" in text

"""Medal tables by country and club, and ranking points from placings."""

from __future__ import annotations

import doctest

import pytest

from ippon.tournament import medals as medals_module
from ippon.tournament.medals import (
    MedalError,
    MedalRow,
    medal_table,
    ranking_points,
    ranking_tiers,
)

PLACINGS: dict[str, dict[int | str, list[str]]] = {
    "-60 kg": {"1": ["A"], "2": ["B"], "3": ["C", "D"], "5": ["E", "F"], "7": ["G", "H"]},
    "-66 kg": {"1": ["I"], "2": ["J"], "3": ["K", "L"]},
    "-73 kg": {1: ["M"], 2: ["N"], 3: ["O", "P"]},
}
COUNTRY = {"A": "JPN", "B": "FRA", "C": "FRA", "D": "GEO", "E": "JPN", "F": "BRA", "G": "KOR",
           "H": "MGL", "I": "GEO", "J": "JPN", "K": "BRA", "L": "FRA", "M": "FRA", "N": "KOR",
           "O": "KOR", "P": "ITA"}


def test_module_examples() -> None:
    assert doctest.testmod(medals_module).failed == 0


def test_medal_table_by_country() -> None:
    rows = medal_table(PLACINGS, COUNTRY)
    assert [(r.rank, r.name, r.gold, r.silver, r.bronze, r.total) for r in rows] == [
        (1, "FRA", 1, 1, 2, 4),
        (2, "JPN", 1, 1, 0, 2),
        (3, "GEO", 1, 0, 1, 2),
        (4, "KOR", 0, 1, 1, 2),
        (5, "BRA", 0, 0, 1, 1),
        (5, "ITA", 0, 0, 1, 1),
    ]


def test_medal_table_by_club_skips_athletes_without_a_club() -> None:
    clubs: dict[str, str | None] = dict.fromkeys(COUNTRY, None)
    clubs.update({"A": "Kodokan", "I": "Kodokan", "B": "Budokan", "C": "Budokan"})
    assert medal_table(PLACINGS, clubs) == [MedalRow(1, "Kodokan", 2, 0, 0),
                                            MedalRow(2, "Budokan", 0, 1, 1)]


def test_ties_share_a_rank_and_sort_by_name() -> None:
    rows = medal_table({"x": {"3": ["A", "B"]}, "y": {"3": ["C"]}},
                       {"A": "ZZZ", "B": "AAA", "C": "MMM"})
    assert [(r.rank, r.name) for r in rows] == [(1, "AAA"), (1, "MMM"), (1, "ZZZ")]


def test_medal_errors() -> None:
    with pytest.raises(MedalError, match=r"-60 kg: Z \(rank 1\) has no country or club"):
        medal_table({"-60 kg": {"1": ["Z"]}}, {})
    with pytest.raises(MedalError, match="-60 kg: placing 'first' is not a number"):
        medal_table({"-60 kg": {"first": ["A"]}}, COUNTRY)
    with pytest.raises(MedalError, match="placing 0 must be 1 or more"):
        medal_table({"-60 kg": {0: ["A"]}}, COUNTRY)


def test_ranking_tiers_are_the_rules_table() -> None:
    tiers = ranking_tiers()
    assert tiers["world-championships"] == {1: 2000, 2: 1400, 3: 900, 5: 500, 7: 300}
    assert tiers["grand-slam"][1] == 1000
    assert tiers["continental-open"][7] == 20
    assert set(tiers) == {"world-championships", "masters", "grand-slam", "grand-prix",
                          "continental-championships", "continental-open"}


def test_ranking_points_from_placings() -> None:
    placings: dict[int | str, list[str]] = {**PLACINGS["-60 kg"], "9": ["Q"]}
    points = ranking_points(placings, "grand-prix")
    assert points == {"A": 700, "B": 490, "C": 350, "D": 350, "E": 210, "F": 210, "G": 140,
                      "H": 140, "Q": 0}
    only_winners = ranking_points(placings, "grand-prix", won_a_contest={"A", "B", "C"})
    assert only_winners["D"] == 0
    assert only_winners["A"] == 700
    with pytest.raises(MedalError, match="no ranking-point tier 'olympics'; known: continental"):
        ranking_points(placings, "olympics")

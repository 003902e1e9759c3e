"""The pool ranking chain of RULES §11.4."""

from __future__ import annotations

from collections.abc import Sequence

from ippon.tournament.standings import PoolContest, Standing, rank_pool


def c(white: str, blue: str, winner: str, points: int = 10, time: float | None = None
      ) -> PoolContest:
    return PoolContest(white, blue, winner, points, time)


def ranks(standings: Sequence[Standing]) -> list[tuple[str, int]]:
    return [(s.athlete, s.rank) for s in standings]


def test_wins_first() -> None:
    table = rank_pool("ABC", [c("A", "B", "B"), c("B", "C", "B"), c("A", "C", "A")])
    assert ranks(table) == [("B", 1), ("A", 2), ("C", 3)]
    assert (table[0].wins, table[0].points) == (2, 20)


def test_points_second() -> None:
    # Everyone wins once; A's win is worth 10, C's 7, B's 5.
    table = rank_pool("ABC", [c("A", "B", "A", 10), c("B", "C", "B", 5), c("C", "A", "C", 7)])
    assert ranks(table) == [("A", 1), ("C", 2), ("B", 3)]


def test_two_tied_direct_contest() -> None:
    contests = [c("A", "B", "B"), c("C", "D", "C"), c("A", "C", "A"), c("B", "D", "D"),
                c("A", "D", "A"), c("B", "C", "C")]
    # A and C: 2 wins and 20 points each, A beat C. B and D: 1 win each, D beat B.
    assert ranks(rank_pool("ABCD", contests)) == [("A", 1), ("C", 2), ("D", 3), ("B", 4)]


def test_three_tied_mini_table_then_direct_contest() -> None:
    contests = [c("A", "B", "A", 10), c("B", "C", "B", 10), c("C", "A", "C", 7),
                c("A", "D", "A", 7), c("B", "D", "B", 7), c("C", "D", "C", 10)]
    # A, B and C: 2 wins and 17 points each. Among them A and B have 10 points, C 7: C is
    # third, and A and B are then two: A beat B.
    assert ranks(rank_pool("ABCD", contests)) == [("A", 1), ("B", 2), ("C", 3), ("D", 4)]


def test_fighting_time_then_weight_then_shared() -> None:
    cycle = [c("A", "B", "A", 10, 30.0), c("B", "C", "B", 10, 20.0), c("C", "A", "C", 10, 40.0)]
    assert ranks(rank_pool("ABC", cycle)) == [("B", 1), ("A", 2), ("C", 3)]
    untimed = [c("A", "B", "A"), c("B", "C", "B"), c("C", "A", "C")]
    weights = {"A": 72.4, "B": 72.9, "C": 71.0}
    assert ranks(rank_pool("ABC", untimed, weights)) == [("C", 1), ("A", 2), ("B", 3)]
    assert ranks(rank_pool("ABC", untimed)) == [("A", 1), ("B", 1), ("C", 1)]


def test_contests_against_athletes_no_longer_ranked_still_count() -> None:
    # X is out of the tournament and not ranked; A's win over X still counts.
    contests = [c("A", "X", "A"), c("B", "X", "X")]
    assert ranks(rank_pool("AB", contests)) == [("A", 1), ("B", 2)]

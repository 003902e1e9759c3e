"""The progression engine: walkovers, empty places, fusen-gachi, exclusion, feeding results."""

from __future__ import annotations

import pytest

from ippon.tournament.bracket import Bracket, Status, derive
from ippon.tournament.model import (
    BeatenBy,
    BracketError,
    Contest,
    Entry,
    LoserOf,
    Placing,
    Result,
    Side,
    System,
    WinnerOf,
)
from ippon.tournament.systems import build

from .helpers import POINTS, upper_wins

WHITE = Result(Side.WHITE, "ippon", "ippon")
BLUE = Result(Side.BLUE, "ippon", "ippon")


def four() -> System:
    return build("single-elimination", 4)


def test_results_reveal_the_next_contest() -> None:
    bracket = Bracket(four(), ("A", "B", "C", "D"), POINTS)
    assert [s.number for s in bracket.progress.ready()] == [1, 2]
    assert bracket.progress.contests[2].status is Status.WAITING
    bracket = bracket.feed(1, WHITE).feed(2, BLUE)
    final = bracket.progress.contests[2]
    assert (final.white, final.blue, final.status) == ("A", "D", Status.READY)
    bracket = bracket.feed(3, BLUE)
    assert bracket.progress.finished
    assert bracket.progress.placings == {1: ("D",), 2: ("A",), 3: ("B", "C")}


def test_one_empty_place_is_a_walkover_without_contest() -> None:
    bracket = Bracket(four(), ("A", None, "C", "D"), POINTS)
    first = bracket.progress.contests[0]
    assert (first.status, first.winner, first.loser) == (Status.WALKOVER, "A", None)
    bracket = bracket.feed(2, WHITE).feed(3, WHITE)
    # Nobody lost the walkover, so only one athlete shares third place.
    assert bracket.progress.placings == {1: ("A",), 2: ("C",), 3: ("D",)}


def test_two_empty_places_make_an_empty_contest() -> None:
    bracket = Bracket(four(), (None, None, "C", "D"), POINTS)
    assert bracket.progress.contests[0].status is Status.EMPTY
    bracket = bracket.feed(2, BLUE)
    final = bracket.progress.contests[2]
    assert (final.status, final.winner) == (Status.WALKOVER, "D")
    assert bracket.progress.placings == {1: ("D",), 3: ("C",)}


def test_feeding_a_contest_that_is_not_ready_is_refused() -> None:
    bracket = Bracket(four(), ("A", "B", "C", "D"), POINTS)
    with pytest.raises(BracketError, match=r"contest 3 \(F\) is waiting, not ready"):
        bracket.feed(3, WHITE)
    with pytest.raises(BracketError, match="there is no contest 9"):
        bracket.feed(9, WHITE)
    with pytest.raises(BracketError, match=r"contest 1 \(SF\) is decided, not ready"):
        bracket.feed(1, WHITE).feed(1, BLUE)


def test_lines_must_fit_the_system() -> None:
    with pytest.raises(ValueError, match="single-elimination for 4 lines was given 3"):
        Bracket(four(), ("A", "B", "C"), POINTS)
    with pytest.raises(ValueError, match="A is on more than one line"):
        Bracket(four(), ("A", "B", "C", "A"), POINTS)


def test_excluded_loser_loses_later_contests_by_fusen_gachi_without_placing() -> None:
    system = build("ijf-repechage", 8)
    bracket = Bracket(system, tuple("ABCDEFGH"), POINTS)
    # B loses the first quarter-final by an excluding hansoku-make.
    bracket = bracket.feed(1, Result(Side.WHITE, "hansoku-make", "ippon", excluded=True))
    for number in (2, 3, 4):
        bracket = bracket.feed(number, WHITE)
    repechage = bracket.progress.contests[4]
    assert (repechage.white, repechage.blue, repechage.status) == ("B", "D", Status.FUSEN)
    assert repechage.result == Result(Side.BLUE, "fusen-gachi", "ippon")
    assert "B" in bracket.progress.excluded
    while ready := bracket.progress.ready():
        bracket = bracket.feed(ready[0].number, WHITE)
    places = bracket.progress.place_of()
    assert "B" not in places
    assert places["D"] == 3  # won the repechage by fusen-gachi, then the bronze


def test_athletes_out_before_the_start_lose_every_contest() -> None:
    bracket = Bracket(four(), ("A", "B", "C", "D"), POINTS, out=frozenset({"B", "C"}))
    first, second = bracket.progress.contests[:2]
    assert first.status is second.status is Status.FUSEN
    assert (first.winner, second.winner) == ("A", "D")
    bracket = bracket.feed(3, WHITE)
    assert bracket.progress.placings == {1: ("A",), 2: ("D",)}


def test_two_athletes_out_leave_nobody() -> None:
    bracket = Bracket(four(), ("A", "B", "C", "D"), POINTS, out=frozenset({"A", "B"}))
    assert bracket.progress.contests[0].status is Status.EMPTY
    bracket = bracket.feed(2, WHITE)
    assert bracket.progress.contests[2].status is Status.WALKOVER
    assert bracket.progress.placings == {1: ("C",), 3: ("D",)}


def test_beaten_by_follows_the_winners_path_and_is_empty_after_a_bye() -> None:
    system = System("path", 4, (
        Contest(1, "R1", Entry(0), Entry(1)),
        Contest(2, "R1", Entry(2), Entry(3)),
        Contest(3, "F", WinnerOf(1), WinnerOf(2)),
        Contest(4, "REP", BeatenBy(3, 1), BeatenBy(3, 0)),
    ), (Placing(1, WinnerOf(3)), Placing(3, WinnerOf(4))))
    bracket = upper_wins(system, ("A", "B", "C", None))
    repechage = bracket.progress.contests[3]
    # A beat B, then C: both of A's victims meet.
    assert (repechage.white, repechage.blue) == ("B", "C")
    bracket = Bracket(system, ("A", None, "C", "D"), POINTS).feed(2, WHITE).feed(3, WHITE)
    # A came through a bye: nobody was beaten in round one, C goes on alone.
    repechage = bracket.progress.contests[3]
    assert (repechage.white, repechage.blue, repechage.status) == (None, "C", Status.WALKOVER)


def test_feeds_must_point_to_earlier_contests() -> None:
    with pytest.raises(ValueError, match="contest 1 is fed by a later contest"):
        System("bad", 2, (Contest(1, "F", LoserOf(2), Entry(1)),
                          Contest(2, "F", Entry(0), Entry(1))), ())
    with pytest.raises(ValueError, match="contest 1 reads line 5"):
        System("bad", 2, (Contest(1, "F", Entry(0), Entry(5)),), ())


def test_derive_takes_results_from_any_source() -> None:
    calls: list[int] = []

    def source(state: object) -> Result:
        calls.append(len(calls) + 1)
        return BLUE

    progress = derive(four(), ("A", "B", "C", "D"), source, POINTS)
    assert calls == [1, 2, 3]
    assert progress.placings[1] == ("D",)


def test_exclusion_settles_earlier_unfought_pool_bouts() -> None:
    # Pool of four, order 1-2, 3-4, 1-3, 2-4, 1-4, 2-3. Bout 3 is fought first and excludes
    # athlete 1: bouts 1 and 5, not fought yet, go to the opponents by fusen-gachi.
    bracket = Bracket(build("pool", 4), ("A", "B", "C", "D"), POINTS)
    bracket = bracket.feed(3, Result(Side.BLUE, "hansoku-make", "ippon", excluded=True))
    statuses = [s.status for s in bracket.progress.contests]
    assert statuses == [Status.FUSEN, Status.READY, Status.DECIDED, Status.READY, Status.FUSEN,
                        Status.READY]
    assert bracket.progress.contests[0].winner == "B"
    for number in (2, 4, 6):
        bracket = bracket.feed(number, WHITE)
    # B beat A (fusen-gachi), D and C; C beat D and A; D only A (fusen-gachi).
    assert bracket.progress.placings == {1: ("B",), 2: ("C",), 3: ("D",)}


def test_pool_standings_are_provisional_until_the_pool_is_over() -> None:
    bracket = Bracket(build("pool", 3), ("A", "B", "C"), POINTS).feed(1, BLUE)
    table = bracket.progress.standings["A"]
    assert [(s.athlete, s.wins) for s in table] == [("B", 1), ("A", 0), ("C", 0)]
    assert bracket.progress.placings == {}

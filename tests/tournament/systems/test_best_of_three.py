from __future__ import annotations

import pytest

from ippon.tournament.bracket import Bracket, Status
from ippon.tournament.model import Result, Side, SystemSizeError
from ippon.tournament.systems import build

from ..helpers import POINTS

WHITE, BLUE = Result(Side.WHITE, "ippon", "ippon"), Result(Side.BLUE, "ippon", "ippon")


def test_two_straight_wins_skip_the_third() -> None:
    bracket = Bracket(build("best-of-three", 2), ("A", "B"), POINTS).feed(1, BLUE).feed(2, BLUE)
    assert bracket.progress.contests[2].status is Status.SKIPPED
    assert bracket.progress.finished
    assert bracket.progress.placings == {1: ("B",), 2: ("A",)}


def test_one_all_goes_to_a_third_contest() -> None:
    bracket = Bracket(build("best-of-three", 2), ("A", "B"), POINTS).feed(1, BLUE).feed(2, WHITE)
    assert bracket.progress.contests[2].status is Status.READY
    bracket = bracket.feed(3, WHITE)
    assert bracket.progress.placings == {1: ("A",), 2: ("B",)}


def test_third_waits_for_the_second() -> None:
    bracket = Bracket(build("best-of-three", 2), ("A", "B"), POINTS)
    assert [s.status for s in bracket.progress.contests] == [
        Status.READY, Status.READY, Status.WAITING]


def test_only_two() -> None:
    with pytest.raises(SystemSizeError, match="best-of-three is for exactly 2 athletes, not 3"):
        build("best-of-three", 3)

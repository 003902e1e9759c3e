from __future__ import annotations

import pytest

from ippon.tournament.model import SystemSizeError
from ippon.tournament.systems import build

from ..helpers import athletes, upper_wins


def test_four_lines() -> None:
    progress = upper_wins(build("double-elimination", 4), athletes(4)).progress
    pairs = [(s.round, s.white, s.blue) for s in progress.contests]
    assert pairs == [("W1", "A01", "A02"), ("W1", "A03", "A04"), ("W2", "A01", "A03"),
                     ("L1", "A02", "A04"), ("L2", "A02", "A03"), ("GF", "A01", "A02")]
    assert progress.placings == {1: ("A01",), 2: ("A02",), 3: ("A03",), 4: ("A04",)}


def test_eight_lines_rounds_and_placings() -> None:
    progress = upper_wins(build("double-elimination", 8), athletes(8)).progress
    rounds = [s.round for s in progress.contests]
    assert rounds == (["W1"] * 4 + ["W2"] * 2 + ["W3"] + ["L1"] * 2 + ["L2"] * 2 + ["L3"]
                      + ["L4", "GF"])
    assert sorted(len(names) for names in progress.placings.values()) == [1, 1, 1, 1, 2, 2]
    assert list(progress.placings) == [1, 2, 3, 4, 5, 7]


def test_sizes() -> None:
    with pytest.raises(SystemSizeError, match="double-elimination needs a power of two"):
        build("double-elimination", 2)

from __future__ import annotations

import pytest

from ippon.tournament.model import SystemSizeError
from ippon.tournament.systems import build

from ..helpers import athletes, upper_wins


def test_rounds_and_placings() -> None:
    bracket = upper_wins(build("single-elimination", 16), athletes(16))
    rounds = [s.round for s in bracket.progress.contests]
    assert rounds == ["R16"] * 8 + ["QF"] * 4 + ["SF"] * 2 + ["F"]
    placings = bracket.progress.placings
    assert placings[1] == ("A01",)
    assert placings[2] == ("A09",)
    assert placings[3] == ("A05", "A13")
    assert len(placings[5]) == 4
    assert len(placings[9]) == 8


@pytest.mark.parametrize("lines", [0, 1, 3, 12])
def test_sizes(lines: int) -> None:
    with pytest.raises(SystemSizeError, match="single-elimination needs a power of two"):
        build("single-elimination", lines)

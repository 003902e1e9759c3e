from __future__ import annotations

import pytest

from ippon.tournament.model import SystemSizeError
from ippon.tournament.systems import build

from ..helpers import athletes, upper_wins


def test_crossed_semi_finals_and_placings() -> None:
    bracket = upper_wins(build("double-pool", 7), athletes(7))
    progress = bracket.progress
    # White always wins: pool A (A01-A04) ranks in line order, pool B (A05-A07) too.
    semis = [(s.white, s.blue) for s in progress.contests if s.round == "SF"]
    assert semis == [("A01", "A06"), ("A05", "A02")]
    assert progress.placings == {1: ("A01",), 2: ("A05",), 3: ("A06", "A02"), 5: ("A03", "A07"),
                                 7: ("A04",)}
    rounds = [s.round for s in progress.contests]
    assert rounds[:4] == ["POOL A", "POOL B", "POOL A", "POOL B"]
    assert rounds.count("POOL A") == 6
    assert rounds.count("POOL B") == 3
    assert rounds[-3:] == ["SF", "SF", "F"]


def test_sizes() -> None:
    with pytest.raises(SystemSizeError, match="double-pool takes 4 to 14 athletes, not 3"):
        build("double-pool", 3)

from __future__ import annotations

from itertools import combinations, pairwise

import pytest

from ippon.tournament.model import SystemSizeError
from ippon.tournament.systems import build
from ippon.tournament.systems.pool import BOUT_ORDERS

from ..helpers import athletes, upper_wins


@pytest.mark.parametrize("n", range(1, 8))
def test_everyone_meets_everyone_once(n: int) -> None:
    bouts = BOUT_ORDERS[n]
    assert sorted(tuple(sorted(b)) for b in bouts) == list(combinations(range(1, n + 1), 2))


def back_to_back(n: int) -> int:
    return sum(1 for a, b in pairwise(BOUT_ORDERS[n]) if set(a) & set(b))


@pytest.mark.parametrize("n", range(5, 8))
def test_nobody_fights_twice_in_a_row(n: int) -> None:
    assert back_to_back(n) == 0


def test_four_has_the_fewest_back_to_back_bouts_possible() -> None:
    # Two bouts in a row without a common athlete form one of the three perfect matchings of
    # four athletes, so at most three of the five transitions can be free.
    assert back_to_back(4) == 2


def test_rules_orders_for_three_four_five() -> None:
    assert BOUT_ORDERS[3] == ((1, 2), (2, 3), (1, 3))
    assert BOUT_ORDERS[4] == ((1, 2), (3, 4), (1, 3), (2, 4), (1, 4), (2, 3))
    assert BOUT_ORDERS[5][:4] == ((1, 2), (3, 4), (1, 5), (2, 3))


def test_full_ranks() -> None:
    # White always wins; in the order (1-2, 3-4, 1-3, 2-4, 1-4, 2-3) that gives 3, 2, 1, 0 wins.
    bracket = upper_wins(build("pool", 4), athletes(4))
    assert bracket.progress.placings == {1: ("A01",), 2: ("A02",), 3: ("A03",), 4: ("A04",)}
    assert [c.round for c in bracket.progress.contests] == ["POOL"] * 6


def test_sizes() -> None:
    with pytest.raises(SystemSizeError, match="pool takes 1 to 7 athletes per pool, not 8"):
        build("pool", 8)

"""IJF quarter-final repechage, double repechage (2004/2008) and losers to the finalists."""

from __future__ import annotations

import pytest

from ippon.tournament.bracket import Status
from ippon.tournament.model import SystemSizeError
from ippon.tournament.systems import build

from ..helpers import athletes, upper_wins


def test_quarter_final_repechage() -> None:
    bracket = upper_wins(build("ijf-repechage", 16), athletes(16))
    progress = bracket.progress
    pairs = [(s.round, s.white, s.blue) for s in progress.contests[12:]]
    assert pairs == [
        ("REP", "A03", "A07"), ("REP", "A11", "A15"),  # quarter-final losers A v B, C v D
        ("SF", "A01", "A05"), ("SF", "A09", "A13"),
        ("BRONZE", "A03", "A13"), ("BRONZE", "A11", "A05"),  # crossed to the other half
        ("F", "A01", "A09"),
    ]
    assert progress.placings == {1: ("A01",), 2: ("A09",), 3: ("A03", "A11"),
                                 5: ("A13", "A05"), 7: ("A07", "A15")}


def test_double_repechage_chains_of_the_pool_winners_victims() -> None:
    progress = upper_wins(build("double-repechage", 16), athletes(16)).progress
    pairs = [(s.round, s.white, s.blue) for s in progress.contests[12:]]
    assert pairs == [
        # Each pool winner (A01, A05, A09, A13) beat one athlete in R16, one in the QF.
        ("REP", "A02", "A03"), ("REP", "A06", "A07"), ("REP", "A10", "A11"),
        ("REP", "A14", "A15"),
        ("REP F", "A02", "A06"), ("REP F", "A10", "A14"),
        ("SF", "A01", "A05"), ("SF", "A09", "A13"),
        ("BRONZE", "A02", "A13"), ("BRONZE", "A10", "A05"),
        ("F", "A01", "A09"),
    ]
    assert progress.placings == {1: ("A01",), 2: ("A09",), 3: ("A02", "A10"),
                                 5: ("A13", "A05"), 7: ("A06", "A14")}


def test_double_repechage_chain_is_shorter_after_a_bye() -> None:
    lines = [None if i == 1 else a for i, a in enumerate(athletes(16))]
    progress = upper_wins(build("double-repechage", 16), lines).progress
    chain = progress.contests[12]
    # A01 came through a bye: its quarter-final victim A03 goes on without a contest.
    assert (chain.white, chain.blue, chain.status) == (None, "A03", Status.WALKOVER)
    assert progress.contests[16].white == "A03"


def test_double_repechage_eight_lines_is_the_quarter_final_repechage() -> None:
    double = upper_wins(build("double-repechage", 8), athletes(8)).progress
    ijf = upper_wins(build("ijf-repechage", 8), athletes(8)).progress
    assert double.placings == ijf.placings


def test_losers_to_the_finalists() -> None:
    progress = upper_wins(build("full-repechage", 16), athletes(16)).progress
    pairs = [(s.round, s.white, s.blue) for s in progress.contests[12:]]
    assert pairs == [
        ("SF", "A01", "A05"), ("SF", "A09", "A13"),
        # Finalists A01 and A09 beat A02 (R16) and A03 (QF), A10 and A11.
        ("REP", "A02", "A03"), ("REP", "A10", "A11"),
        ("BRONZE", "A02", "A13"), ("BRONZE", "A10", "A05"),
        ("F", "A01", "A09"),
    ]
    assert progress.placings == {1: ("A01",), 2: ("A09",), 3: ("A02", "A10"),
                                 5: ("A13", "A05"), 7: ("A03", "A11")}


@pytest.mark.parametrize("name", ["ijf-repechage", "double-repechage", "full-repechage"])
def test_at_least_eight_lines(name: str) -> None:
    with pytest.raises(SystemSizeError, match=f"{name} needs a power of two of at least 8"):
        build(name, 4)

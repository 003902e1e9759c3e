"""Properties every competition system keeps, whatever the draw and the results."""

from __future__ import annotations

import random
from math import comb

from hypothesis import given, settings
from hypothesis import strategies as st

from ippon.tournament.bracket import Progress, Status
from ippon.tournament.model import Athlete
from ippon.tournament.systems import build

from .helpers import athletes, play

REPECHAGE = ("ijf-repechage", "double-repechage", "full-repechage")
SIDE_ROUNDS = frozenset({"REP", "REP F", "BRONZE"})


@st.composite
def brackets(draw: st.DrawFn, names: tuple[str, ...]) -> tuple[str, list[Athlete | None]]:
    """A system and its lines: a power of two, each line filled or empty at random."""
    name = draw(st.sampled_from(names))
    minimum = 3 if name in REPECHAGE else 1 if name == "single-elimination" else 2
    lines = 2 ** draw(st.integers(minimum, 6))
    filled = draw(st.lists(st.booleans(), min_size=lines, max_size=lines))
    return name, [a if keep else None for a, keep in zip(athletes(lines), filled, strict=True)]


def decided(progress: Progress) -> int:
    return sum(1 for s in progress.contests if s.status is Status.DECIDED)


def placed(progress: Progress) -> list[Athlete]:
    return [a for names in progress.placings.values() for a in names]


@given(brackets(("single-elimination", "double-elimination", *REPECHAGE)),
       st.randoms(use_true_random=False))
def test_elimination_systems(case: tuple[str, list[Athlete | None]], rng: random.Random) -> None:
    name, lines = case
    progress = play(build(name, len(lines)), lines, rng).progress
    n = sum(1 for a in lines if a is not None)
    assert progress.finished
    assert len(placed(progress)) == len(set(placed(progress)))
    assert set(placed(progress)) <= {a for a in lines if a is not None}
    if name == "double-elimination":
        # Everyone but the champion is beaten twice, except a champion-beating grand finalist.
        assert decided(progress) == max(2 * n - 2, 0)
        assert sorted(placed(progress)) == sorted(a for a in lines if a is not None)
        return
    main = sum(1 for s in progress.contests
               if s.status is Status.DECIDED and s.round not in SIDE_ROUNDS)
    assert main == max(n - 1, 0)
    if name == "single-elimination":
        assert sorted(placed(progress)) == sorted(a for a in lines if a is not None)
    else:
        assert len(placed(progress)) <= 8


@given(st.sampled_from(REPECHAGE), st.integers(3, 7), st.randoms(use_true_random=False))
def test_repechage_systems_with_every_line_filled(name: str, power: int, rng: random.Random
                                                  ) -> None:
    lines = athletes(2**power)
    progress = play(build(name, len(lines)), lines, rng).progress
    expected = {1: 1, 2: 1, 3: 2, 5: 2, 7: 2}
    if name == "full-repechage" and power == 3:
        del expected[7]  # with 8 lines a finalist beat nobody before the quarter-final
    assert {place: len(names) for place, names in progress.placings.items()} == expected
    # Outside the main draw, with r rounds up to the quarter-final: two repechage and two bronze
    # contests; four chains of r - 1, two repechage finals and two bronze contests; two chains
    # of r - 1 and two bronze contests.
    r = power - 2
    side = {"ijf-repechage": 4, "double-repechage": 4 * r, "full-repechage": 2 * r}
    assert decided(progress) == len(lines) - 1 + side[name]


@given(st.integers(1, 7), st.randoms(use_true_random=False))
def test_pool(n: int, rng: random.Random) -> None:
    progress = play(build("pool", n), athletes(n), rng).progress
    assert decided(progress) == comb(n, 2)
    assert sorted(placed(progress)) == athletes(n)
    places = sorted(p for p, names in progress.placings.items() for _ in names)
    # Shared ranks skip the places they take: 1, 1, 3 …
    assert all(places.count(p) + p - 1 <= n for p in places)


@given(st.integers(4, 14), st.randoms(use_true_random=False))
def test_double_pool(n: int, rng: random.Random) -> None:
    progress = play(build("double-pool", n), athletes(n), rng).progress
    a = (n + 1) // 2
    assert decided(progress) == comb(a, 2) + comb(n - a, 2) + 3
    assert sorted(placed(progress)) == athletes(n)


@given(st.randoms(use_true_random=False))
def test_best_of_three(rng: random.Random) -> None:
    progress = play(build("best-of-three", 2), athletes(2), rng).progress
    first, second = progress.contests[0].winner, progress.contests[1].winner
    assert decided(progress) == (2 if first == second else 3)
    assert sorted(placed(progress)) == athletes(2)


ALL = ("single-elimination", "double-elimination", *REPECHAGE)


@settings(max_examples=200)
@given(brackets(ALL), st.randoms(use_true_random=False))
def test_excluded_athletes_fight_no_more_and_get_no_placing(
    case: tuple[str, list[Athlete | None]], rng: random.Random
) -> None:
    name, lines = case
    present = [a for a in lines if a is not None]
    out = rng.sample(present, k=min(len(present), rng.randint(0, 2)))
    progress = play(build(name, len(lines)), lines, rng, exclude=0.2, out=out).progress
    assert progress.finished
    assert not set(placed(progress)) & progress.excluded
    assert len(placed(progress)) == len(set(placed(progress)))
    gone: set[Athlete] = set(out)
    for state in progress.contests:
        athletes_here = {state.white, state.blue} - {None}
        if athletes_here & gone:
            assert state.status is not Status.DECIDED
        if state.result is not None and state.result.excluded and state.loser is not None:
            gone.add(state.loser)
    assert gone == progress.excluded


@given(st.integers(2, 7), st.randoms(use_true_random=False))
def test_excluded_athletes_leave_the_pool_ranking(n: int, rng: random.Random) -> None:
    progress = play(build("pool", n), athletes(n), rng, exclude=0.2).progress
    assert sorted(placed(progress)) == sorted(set(athletes(n)) - progress.excluded)

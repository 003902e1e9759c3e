"""Shared test helpers: play a whole category with random (or scripted) results."""

from __future__ import annotations

import random
from collections.abc import Sequence

from ippon.rules import get_ruleset
from ippon.tournament.bracket import Bracket, ContestState, Recorded, Status, derive
from ippon.tournament.model import Athlete, Result, Side, System

POINTS = get_ruleset("ijf2009").win_points


def athletes(n: int) -> list[Athlete]:
    return [f"A{i:02d}" for i in range(1, n + 1)]


def play(system: System, lines: Sequence[Athlete | None], rng: random.Random,
         exclude: float = 0.0, out: Sequence[Athlete] = ()) -> Bracket:
    """A category played to the end with random results, as a Bracket holding them.
    `exclude` is the chance that a result puts its loser out of the tournament."""

    def fight(state: ContestState) -> Result:
        value = rng.choice(["ippon", "waza-ari", "yuko", None])
        return Result(rng.choice(list(Side)), value=value, excluded=rng.random() < exclude)

    # One derivation pass draws the results; feeding them one by one would be quadratic.
    progress = derive(system, lines, fight, POINTS, out=out)
    results = {s.number: Recorded(s.white, s.blue, s.result) for s in progress.contests
               if s.status is Status.DECIDED and s.white and s.blue and s.result}
    bracket = Bracket(system, tuple(lines), POINTS, out=frozenset(out), results=results)
    assert bracket.progress == progress
    return bracket


def upper_wins(system: System, lines: Sequence[Athlete | None]) -> Bracket:
    """Every contest won by white."""
    bracket = Bracket(system, tuple(lines), POINTS)
    while ready := bracket.progress.ready():
        bracket = bracket.feed(ready[0].number, Result(Side.WHITE, "ippon", "ippon"))
    return bracket

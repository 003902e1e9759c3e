"""Shared test helpers: play a whole category with random (or scripted) results."""

from __future__ import annotations

import random
from collections.abc import Sequence

from ippon.rules import get_ruleset
from ippon.tournament.bracket import Bracket
from ippon.tournament.model import Athlete, Result, Side, System

POINTS = get_ruleset("ijf2009").win_points


def athletes(n: int) -> list[Athlete]:
    return [f"A{i:02d}" for i in range(1, n + 1)]


def play(system: System, lines: Sequence[Athlete | None], rng: random.Random,
         exclude: float = 0.0, out: Sequence[Athlete] = ()) -> Bracket:
    """Feed a random result to every contest as it becomes ready, until none is left.
    `exclude` is the chance that a result puts its loser out of the tournament."""
    bracket = Bracket(system, tuple(lines), POINTS, out=frozenset(out))
    while ready := bracket.progress.ready():
        state = ready[0]
        value = rng.choice(["ippon", "waza-ari", "yuko", None])
        result = Result(rng.choice(list(Side)), value=value, excluded=rng.random() < exclude)
        bracket = bracket.feed(state.number, result)
    return bracket


def upper_wins(system: System, lines: Sequence[Athlete | None]) -> Bracket:
    """Every contest won by white."""
    bracket = Bracket(system, tuple(lines), POINTS)
    while ready := bracket.progress.ready():
        bracket = bracket.feed(ready[0].number, Result(Side.WHITE, "ippon", "ippon"))
    return bracket

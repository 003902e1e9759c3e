"""Team matches (RULES §11.6): the mixed team, its 2017 points variant, the older national format.

A team match is a pure function of the two line-ups and the results of the bouts fought so far:

    >>> japan = dict(zip(MIXED_TEAM.categories, ["ABE", "ONO", "ARAI", "MUKAI", "SONE",
    ...                                          "SAITO"]))
    >>> france = dict(zip(MIXED_TEAM.categories, ["CYSIQUE", "GABA", "TCHEUMEO", "MAKET",
    ...                                           "DICKO", "RINER"]))
    >>> order = bout_order(MIXED_TEAM, random.Random(3))  # starting category drawn by lot
    >>> order
    ['M-73', 'W-70', 'M-90', 'W+70', 'M+90', 'W-57']
    >>> m = team_match(MIXED_TEAM, order, japan, france, [BoutResult("white", "ippon")])
    >>> m.status, m.wins, m.next.category, m.next.white, m.next.blue
    ('in-progress', (1, 0), 'W-70', 'ARAI', 'TCHEUMEO')

Bouts where a team has no athlete are lost by fusen-gachi without being fought, so they need no
result. When all bouts are done and the score is level, the format's tie-breaks apply; a category
drawn by lot (`decider_category`) is then re-fought in golden score.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["MIXED_TEAM", "MIXED_TEAM_2017", "NATIONAL_TEAM_MEN", "NATIONAL_TEAM_WOMEN",
           "Bout", "BoutResult", "NextBout", "TeamError", "TeamFormat", "TeamMatch",
           "bout_order", "bout_points", "decider_category", "team_match"]

TeamSide = Literal["white", "blue"]

# Methods that are worth a full 10 points whatever the score (RULES §11.4, 2017 column).
FULL_VALUE = frozenset({"ippon", "waza-ari-awasete-ippon", "sogo-gachi", "hansoku-make",
                        "kiken-gachi", "fusen-gachi"})


class TeamError(ValueError):
    """A line-up or a bout result does not fit the team match."""


@dataclass(frozen=True, slots=True)
class TeamFormat:
    """`categories` in their traditional order; `first_to` bout wins end the match; `points`:
    level wins are decided by the points of won bouts before the drawn-category re-fight;
    `draws`: a bout may end without a winner (older national team events); `min_athletes`: a
    team needs this many athletes to start [M]."""

    name: str
    categories: tuple[str, ...]
    first_to: int
    points: bool = False
    draws: bool = False
    min_athletes: int = 1


MIXED_TEAM = TeamFormat("mixed team", ("W-57", "M-73", "W-70", "M-90", "W+70", "M+90"),
                        first_to=4, min_athletes=4)
MIXED_TEAM_2017 = TeamFormat("mixed team (2017 points)", MIXED_TEAM.categories, first_to=4,
                             points=True, min_athletes=4)
NATIONAL_TEAM_MEN = TeamFormat("national team, men", ("-66", "-73", "-81", "-90", "+90"),
                               first_to=3, points=True, draws=True, min_athletes=3)
NATIONAL_TEAM_WOMEN = TeamFormat("national team, women", ("-52", "-57", "-63", "-70", "+70"),
                                 first_to=3, points=True, draws=True, min_athletes=3)


@dataclass(frozen=True, slots=True)
class BoutResult:
    """A fought bout: `winner` ("white"/"blue" team, None for a draw where the format allows it),
    `method` in the contest-log vocabulary, `value` the highest score the winner held."""

    winner: TeamSide | None
    method: str | None = None
    value: str | None = None


@dataclass(frozen=True, slots=True)
class Bout:
    category: str
    white: str | None
    blue: str | None
    result: BoutResult
    points: int  # for the winner, by the 2017 table
    golden_score_decider: bool = False


@dataclass(frozen=True, slots=True)
class NextBout:
    category: str
    white: str
    blue: str
    golden_score_decider: bool = False


@dataclass(frozen=True, slots=True)
class TeamMatch:
    """`status`: "in-progress" (`next` is the bout to fight), "needs-decider" (level after every
    bout: draw a category with `decider_category` and pass it back), or "finished" (`winner`).
    `decided_by`: "wins", "points" or "decider"."""

    status: Literal["in-progress", "needs-decider", "finished"]
    bouts: tuple[Bout, ...]
    wins: tuple[int, int]
    points: tuple[int, int]
    next: NextBout | None = None
    winner: TeamSide | None = None
    decided_by: str | None = None


def bout_points(result: BoutResult) -> int:
    """Points of a won bout (2017 table): ippon, fusen-gachi, kiken-gachi and other full-value
    wins 10, waza-ari 1, a win by shido (or any decision) 0."""
    if result.winner is None:
        return 0
    if result.method in FULL_VALUE or result.value == "ippon":
        return 10
    return 1 if result.value == "waza-ari" else 0


def bout_order(fmt: TeamFormat, rng: random.Random | None = None,
               order: Sequence[str] | None = None) -> list[str]:
    """The order of the bouts: `order` (default: the format's traditional order), started at a
    category drawn by lot with `rng` and continued cyclically; without `rng`, as listed."""
    base = list(fmt.categories if order is None else order)
    if sorted(base) != sorted(fmt.categories):
        raise TeamError(f"a {fmt.name} bout order lists each of {', '.join(fmt.categories)} "
                        f"once; got {', '.join(base)}")
    if rng is None:
        return base
    start = rng.randrange(len(base))
    return base[start:] + base[:start]


def decider_category(fmt: TeamFormat, white: Mapping[str, str | None],
                     blue: Mapping[str, str | None], rng: random.Random) -> str:
    """The category re-fought when the match is level: drawn by lot among those where both
    teams have an athlete (all categories if there is none)."""
    both = [c for c in fmt.categories if white.get(c) and blue.get(c)]
    return rng.choice(both or list(fmt.categories))


def team_match(fmt: TeamFormat, order: Sequence[str], white: Mapping[str, str | None],
               blue: Mapping[str, str | None], results: Sequence[BoutResult],
               decider: str | None = None) -> TeamMatch:
    """The state of a team match after `results` (one per bout fought, in order; the last may
    be the decider's). `white` and `blue` map categories to athletes (absent or None: nobody)."""
    bout_order(fmt, order=order)  # validates the order
    for side, lineup in (("white", white), ("blue", blue)):
        unknown = sorted(set(lineup) - set(fmt.categories))
        if unknown:
            raise TeamError(f"{side} team: {', '.join(unknown)} is not a {fmt.name} category "
                            f"({', '.join(fmt.categories)})")
        fielded = sum(1 for c in fmt.categories if lineup.get(c))
        if fielded < fmt.min_athletes:
            raise TeamError(f"{side} team fields {fielded} athletes; a {fmt.name} match needs "
                            f"at least {fmt.min_athletes}")
    pending = list(results)
    bouts: list[Bout] = []
    wins = [0, 0]
    points = [0, 0]

    def state(status: Literal["in-progress", "needs-decider", "finished"],
              next_bout: NextBout | None = None, winner: TeamSide | None = None,
              how: str | None = None) -> TeamMatch:
        if status != "in-progress" and pending:
            raise TeamError(f"{len(pending)} result(s) left over: the match was over after "
                            f"{len(bouts)} bouts")
        return TeamMatch(status, tuple(bouts), (wins[0], wins[1]), (points[0], points[1]),
                         next_bout, winner, how)

    def record(category: str, result: BoutResult, decider_bout: bool = False) -> None:
        if result.winner is None and (decider_bout or not fmt.draws):
            raise TeamError(f"bout {category} needs a winner: golden score applies")
        bout = Bout(category, white.get(category), blue.get(category), result,
                    bout_points(result), decider_bout)
        bouts.append(bout)
        if result.winner is not None:
            k = 0 if result.winner == "white" else 1
            wins[k] += 1
            points[k] += bout.points

    for category in order:
        if max(wins) >= fmt.first_to:
            break
        w, b = white.get(category), blue.get(category)
        if not w or not b:
            if w or b:  # the team without an athlete loses by fusen-gachi
                record(category, BoutResult("white" if w else "blue", "fusen-gachi"))
            continue
        if not pending:
            return state("in-progress", NextBout(category, w, b))
        record(category, pending.pop(0))
    if wins[0] != wins[1]:
        return state("finished", winner="white" if wins[0] > wins[1] else "blue", how="wins")
    if fmt.points and points[0] != points[1]:
        return state("finished", winner="white" if points[0] > points[1] else "blue",
                     how="points")
    if decider is None:
        return state("needs-decider")
    if decider not in fmt.categories:
        raise TeamError(f"the decider {decider!r} is not a {fmt.name} category")
    w, b = white.get(decider), blue.get(decider)
    if not w or not b:
        raise TeamError(f"the decider {decider} needs an athlete on both teams; draw it with "
                        f"decider_category")
    if not pending:
        return state("in-progress", NextBout(decider, w, b, golden_score_decider=True))
    result = pending.pop(0)
    record(decider, result, decider_bout=True)
    return state("finished", winner=result.winner, how="decider")

"""Pool standings: the ranking chain of RULES §11.4.

1. wins; 2. points (the ruleset's value of each win); 3. for the athletes still tied, a mini-table
of the contests among them (for two athletes that is their direct contest), applied again to every
smaller group it leaves tied; 4. shortest total fighting time of won contests, when every such time
is known; 5. lighter official weight, when known; otherwise the rank is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ippon.tournament.model import Athlete

Key = Callable[[Athlete], tuple[float, ...]]
Points = Callable[[str | None], int]
"""The value of a win from the highest score the winner held: `Ruleset.win_points`."""


@dataclass(frozen=True, slots=True)
class PoolContest:
    """A settled pool contest as the ranking sees it."""

    white: Athlete
    blue: Athlete
    winner: Athlete
    points: int
    time: float | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    athlete: Athlete
    rank: int
    wins: int
    points: int


def rank_pool(
    athletes: Sequence[Athlete],
    contests: Sequence[PoolContest],
    weights: Mapping[Athlete, float] | None = None,
) -> tuple[Standing, ...]:
    """Rank `athletes` (in pool order) by `contests`; contests against others still count.

    Athletes sharing a rank are listed in pool order, which stands in for the drawing of lots
    when a later contest needs one of them.
    """
    weights = weights or {}
    groups = _split(list(athletes), lambda a: (-_wins(a, contests), -_points(a, contests)))
    ordered = [tied for group in groups for tied in _break_tie(group, contests, weights)]
    standings: list[Standing] = []
    rank = 1
    for group in ordered:
        for athlete in group:
            standings.append(
                Standing(athlete, rank, _wins(athlete, contests), _points(athlete, contests))
            )
        rank += len(group)
    return tuple(standings)


def _break_tie(
    group: list[Athlete], contests: Sequence[PoolContest], weights: Mapping[Athlete, float]
) -> list[list[Athlete]]:
    if len(group) == 1:
        return [group]
    among = [c for c in contests if c.white in group and c.blue in group]
    won = [c for c in contests if c.winner in group]
    keys: list[Key] = [
        lambda a: (-_wins(a, among), -_points(a, among)),
    ]
    if all(c.time is not None for c in won):
        keys.append(lambda a: (sum(c.time or 0.0 for c in won if c.winner == a),))
    if all(a in weights for a in group):
        keys.append(lambda a: (weights[a],))
    for key in keys:
        parts = _split(group, key)
        if len(parts) > 1:
            return [tied for part in parts for tied in _break_tie(part, contests, weights)]
    return [group]


def _split(group: list[Athlete], key: Key) -> list[list[Athlete]]:
    """Stable sort by `key`, then cut into runs of equal keys."""
    parts: list[list[Athlete]] = []
    previous: tuple[float, ...] | None = None
    for athlete in sorted(group, key=key):
        value = key(athlete)
        if value != previous:
            parts.append([])
        parts[-1].append(athlete)
        previous = value
    return parts


def _wins(athlete: Athlete, contests: Sequence[PoolContest]) -> int:
    return sum(1 for c in contests if c.winner == athlete)


def _points(athlete: Athlete, contests: Sequence[PoolContest]) -> int:
    return sum(c.points for c in contests if c.winner == athlete)

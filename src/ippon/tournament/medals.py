"""Medal tables and ranking points from category placings.

Placings are per category, rank to athletes, as the competition systems give them (and as
`ippon bracket replay` prints them): `{"1": ["A"], "2": ["B"], "3": ["C", "D"], "5": [...]}`.

    >>> table = medal_table({"-73 kg": {1: ["ONO"], 2: ["AN"], 3: ["ORUJOV", "VAN TICHELT"]}},
    ...                     {"ONO": "JPN", "AN": "KOR", "ORUJOV": "AZE", "VAN TICHELT": "BEL"})
    >>> [(row.rank, row.name, row.gold, row.silver, row.bronze) for row in table]
    [(1, 'JPN', 1, 0, 0), (2, 'KOR', 0, 1, 0), (3, 'AZE', 0, 0, 1), (3, 'BEL', 0, 0, 1)]
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

__all__ = ["MedalError", "MedalRow", "medal_table", "ranking_points", "ranking_tiers"]

Placings = Mapping[str, Mapping[int | str, Sequence[str]]]


class MedalError(ValueError):
    """Placings or a tier that a table cannot be built from."""


@dataclass(frozen=True, slots=True)
class MedalRow:
    """One country's (or club's) line; equal medal counts share a rank."""

    rank: int
    name: str
    gold: int
    silver: int
    bronze: int

    @property
    def total(self) -> int:
        return self.gold + self.silver + self.bronze


def medal_table(placings: Placings, group_of: Mapping[str, str | None]) -> list[MedalRow]:
    """The medal table over every category: gold = 1st, silver = 2nd, bronze = each 3rd, by the
    group `group_of` gives each athlete (their country, or their club). Athletes whose group is
    None (no club given) count for no row; an athlete missing from `group_of` is an error.
    Sorted by gold, silver, bronze (most first), then name."""
    counts: dict[str, list[int]] = {}
    for category, ranks in placings.items():
        for rank, athletes in ranks.items():
            place = _rank(rank, category)
            if place > 3:
                continue
            for athlete in athletes:
                if athlete not in group_of:
                    raise MedalError(f"{category}: {athlete} (rank {place}) has no country or "
                                     f"club in the list given")
                group = group_of[athlete]
                if group is not None:
                    counts.setdefault(group, [0, 0, 0])[place - 1] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], -item[1][1], -item[1][2],
                                                       item[0]))
    rows: list[MedalRow] = []
    for position, (name, (gold, silver, bronze)) in enumerate(ordered, start=1):
        same = rows and (rows[-1].gold, rows[-1].silver, rows[-1].bronze) == (gold, silver,
                                                                              bronze)
        rows.append(MedalRow(rows[-1].rank if same else position, name, gold, silver, bronze))
    return rows


def ranking_tiers() -> dict[str, dict[int, int]]:
    """The ranking-point tables (RULES §12), tier -> placing -> points, from the data file."""
    data = _ranking_data()
    return {tier: {int(k): int(v) for k, v in table.items()}
            for tier, table in data["tiers"].items()}


def ranking_points(placings: Mapping[int | str, Sequence[str]], tier: str,
                   won_a_contest: Collection[str] | None = None) -> dict[str, int]:
    """Points per athlete of one category's placings at an event of `tier`. Placings without
    points in the table (9th and lower) give 0. Given `won_a_contest`, athletes not in it get 0
    (RULES §12: points only for an athlete who won at least one contest)."""
    tiers = ranking_tiers()
    if tier not in tiers:
        raise MedalError(f"no ranking-point tier {tier!r}; known: {', '.join(sorted(tiers))}")
    table = tiers[tier]
    points: dict[str, int] = {}
    for rank, athletes in placings.items():
        place = _rank(rank, tier)
        for athlete in athletes:
            earned = won_a_contest is None or athlete in won_a_contest
            points[athlete] = table.get(place, 0) if earned else 0
    return points


def _rank(rank: int | str, where: str) -> int:
    try:
        value = int(rank)
    except ValueError:
        raise MedalError(f"{where}: placing {rank!r} is not a number") from None
    if value < 1:
        raise MedalError(f"{where}: placing {value} must be 1 or more")
    return value


def _ranking_data() -> dict[str, Any]:
    path = resources.files("ippon.tournament").joinpath("data", "ranking_points.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data

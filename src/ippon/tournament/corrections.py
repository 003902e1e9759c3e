"""The impact of a correction, shown before it is committed.

Changing or removing a result re-derives the whole category (see `Bracket.correct`). `impact`
compares the two derivations: the contests whose athletes, status or result change, the recorded
results that become void, and the athletes whose placing changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ippon.tournament.bracket import Bracket, ContestState
from ippon.tournament.model import Athlete, Result


@dataclass(frozen=True, slots=True)
class ContestChange:
    before: ContestState
    after: ContestState

    @property
    def number(self) -> int:
        return self.before.number


@dataclass(frozen=True, slots=True)
class PlacingChange:
    athlete: Athlete
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class Impact:
    contests: tuple[ContestChange, ...]
    void: tuple[int, ...]
    placings: tuple[PlacingChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.contests or self.void or self.placings)


def impact(bracket: Bracket, number: int, result: Result | None) -> Impact:
    """What would change if contest `number` had `result` (None: no result) instead."""
    return diff(bracket, bracket.amend(number, result))


def diff(before: Bracket, after: Bracket) -> Impact:
    """Everything that differs between two derivations of the same category."""
    old, new = before.progress, after.progress
    contests = tuple(
        ContestChange(a, b) for a, b in zip(old.contests, new.contests, strict=True) if a != b
    )
    old_places, new_places = old.place_of(), new.place_of()
    placings = tuple(
        PlacingChange(athlete, old_places.get(athlete), new_places.get(athlete))
        for athlete in dict.fromkeys([*old_places, *new_places])
        if old_places.get(athlete) != new_places.get(athlete)
    )
    return Impact(contests, tuple(n for n in after.void if n not in before.void), placings)

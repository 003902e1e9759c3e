"""Small shared types of the competition engine: sides, results, and the feeds of a contest graph.

A competition system is data: contests whose two places are fed by an entry line, the winner or
loser of an earlier contest, a pool rank, or (for double repechage) an athlete beaten on a winner's
path. `ippon.tournament.bracket` turns that data plus results into who fights whom.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Athlete = str
"""An athlete as the engine sees them: a unique name or id. The engine never looks inside it."""


class Side(StrEnum):
    WHITE = "white"
    BLUE = "blue"

    @property
    def other(self) -> Side:
        return Side.BLUE if self is Side.WHITE else Side.WHITE


# Methods (contest-log vocabulary) that count as a full-value win however the contest ended.
IPPON_METHODS = frozenset({
    "ippon", "waza-ari-awasete-ippon", "sogo-gachi", "hansoku-make", "kiken-gachi", "fusen-gachi",
})


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of one contest, as the bracket needs it.

    `value` is the highest score the winner held ("ippon", "waza-ari", "yuko", "koka"), or None
    for a decision; it gives pool points through the ruleset. `excluded` means the loser is out of
    the tournament (RULES §13): every later contest of theirs is lost by fusen-gachi and they get
    no placing. `time` is the fighting time in seconds, used only by the pool tie-break.
    """

    winner: Side
    method: str | None = None
    value: str | None = None
    excluded: bool = False
    time: float | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """Line `index` of the draw (0-based): an athlete, or None for an empty line."""

    index: int


@dataclass(frozen=True, slots=True)
class WinnerOf:
    contest: int


@dataclass(frozen=True, slots=True)
class LoserOf:
    contest: int


@dataclass(frozen=True, slots=True)
class PoolRank:
    """The athlete ranked `rank` (1-based) in `pool` once every contest of the pool is settled."""

    pool: str
    rank: int


@dataclass(frozen=True, slots=True)
class BeatenBy:
    """The athlete whom the winner of `contest` beat `back` contests earlier on their way.

    back=0 is the loser of `contest` itself, back=1 the loser of the contest the winner came from,
    and so on. Where the winner's path has a bye at that depth the place is empty, which is how a
    double-repechage chain becomes shorter (RULES §11.3.4).
    """

    contest: int
    back: int


Feed = Entry | WinnerOf | LoserOf | PoolRank | BeatenBy


@dataclass(frozen=True, slots=True)
class Contest:
    """One contest of a system. `number` is its position in the order of play (1-based).

    `pool` names the round robin it belongs to. `unless_wins`: the contest is not fought when an
    athlete of its pool already has that many wins (the third contest of a best of three).
    """

    number: int
    round: str
    white: Feed
    blue: Feed
    pool: str | None = None
    unless_wins: int | None = None


@dataclass(frozen=True, slots=True)
class Placing:
    """The athlete that `feed` resolves to once the category is over gets `place`."""

    place: int
    feed: Feed


@dataclass(frozen=True, slots=True)
class System:
    """A competition system for a given number of entry lines: its contests, its placings, and
    the lines of each round-robin pool."""

    name: str
    lines: int
    contests: tuple[Contest, ...]
    placings: tuple[Placing, ...]
    pools: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The engine derives everything in one pass in number order, so feeds must point backwards.
        for position, contest in enumerate(self.contests, start=1):
            if contest.number != position:
                raise ValueError(f"{self.name}: contest {position} is numbered {contest.number}")
            for feed in (contest.white, contest.blue):
                if isinstance(feed, Entry) and not 0 <= feed.index < self.lines:
                    raise ValueError(f"{self.name}: contest {position} reads line {feed.index}")
                if isinstance(feed, WinnerOf | LoserOf | BeatenBy) and feed.contest >= position:
                    raise ValueError(f"{self.name}: contest {position} is fed by a later contest")
            if contest.pool is not None and contest.pool not in self.pools:
                raise ValueError(f"{self.name}: contest {position} is in an unknown pool")


class UnknownSystemError(ValueError):
    """No competition system has that name."""


class SystemSizeError(ValueError):
    """A system cannot be built for that number of lines or athletes."""


class BracketError(ValueError):
    """A result was fed to a contest that cannot take it."""

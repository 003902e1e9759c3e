"""The plain rows that the exchange layer reads and writes: athletes, and a tournament snapshot.

They carry no database ids. An athlete row is what an entry list says about one person; a
snapshot is a whole tournament as another program (JudoShiai) sees it: competitors, categories,
contests and results, with competitors referred to by an opaque `ref` the caller chooses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Literal

from ippon.tournament.categories import Sex
from ippon.tournament.model import Side

__all__ = ["BYE", "AthleteRow", "Bye", "CategoryRow", "Competitor", "MatchRow", "Score", "Sex",
           "Slot", "TournamentInfo", "TournamentSnapshot", "display_name"]


def display_name(surname: str, given_name: str) -> str:
    """The IJF form of a name: 'SURNAME Given' ('MÜLLER Anna', 'ONO Shohei')."""
    return " ".join(part for part in (surname.upper(), given_name) if part)


@dataclass(frozen=True, slots=True)
class AthleteRow:
    """One athlete as an entry list gives them. Names are kept as entered (spaces tidied).

    `birth_year` is always set when `birth_date` is; lists that give only the year leave
    `birth_date` None. `country` is an IOC code or "". `line` is where the row came from in the
    file, for messages; it takes no part in comparisons.
    """

    surname: str
    given_name: str
    sex: Sex | None = None
    birth_date: dt.date | None = None
    birth_year: int | None = None
    club: str = ""
    country: str = ""
    weight_kg: Decimal | None = None
    category: str = ""
    external_id: str = ""
    seed: int | None = None
    line: int | None = field(default=None, compare=False)

    @property
    def display_name(self) -> str:
        return display_name(self.surname, self.given_name)


@dataclass(frozen=True, slots=True)
class Competitor:
    """An athlete inside a tournament snapshot.

    `ref` is the caller's id for them, unique in the snapshot; contests and placings point to it.
    `category` is the category they fight in ("" = not yet placed). `belt` is JudoShiai's grade
    number, an index into its configurable grade names (0 = unknown). `excluded` marks
    hansoku-make out of the tournament (RULES §13); `removed` a competitor deleted in the source
    program, kept in its file but taking no part. `comment` and `coach_id` are free text.
    """

    ref: str
    athlete: AthleteRow
    category: str = ""
    belt: int = 0
    excluded: bool = False
    removed: bool = False
    comment: str = ""
    coach_id: str = ""


@dataclass(frozen=True, slots=True)
class CategoryRow:
    """A category: its name, mat, group (wave on the mat) and final places if known.

    `system` is ippon's name for the competition system ("pool", "full-repechage", ...) or ""
    when the file names one ippon does not know; `places` holds the refs at places 1, 2, 3, 3,
    5, 5, 7, 7 (None where nobody is placed). `team` marks a team category.
    """

    name: str
    mat: int | None = None
    group: int = 0
    system: str = ""
    athletes: int = 0
    places: tuple[str | None, ...] = ()
    team: bool = False


@dataclass(frozen=True, slots=True)
class Score:
    """One side's scoreboard at the end of a contest."""

    ippon: int = 0
    waza_ari: int = 0
    yuko: int = 0
    koka: int = 0
    shido: int = 0
    hansoku_make: bool = False


class Bye(Enum):
    """The empty place of a contest that is a bye (JudoShiai's "ghost")."""

    BYE = "bye"


BYE = Bye.BYE

Slot = str | Literal[Bye.BYE] | None
"""Who stands on one side of a contest: a competitor's ref, a bye, or None (not known yet)."""


@dataclass(frozen=True, slots=True)
class MatchRow:
    """One contest of a category: its number in the category's system, who fights, and the
    result when it has one.

    `winner` is None until the contest is decided (and for a hikiwake, `draw` True). `points` is
    the winner's result class as JudoShiai counts it (10 ippon, 7 waza-ari, 5 yuko, 3 koka, 2
    decision by shido, 1 hantei). `time` is the fighting time in seconds, `golden_score` says
    whether it was decided in golden score, `decided_at` when the result was saved.
    """

    category: str
    number: int
    white: Slot = None
    blue: Slot = None
    white_score: Score = Score()
    blue_score: Score = Score()
    winner: Side | None = None
    points: int = 0
    draw: bool = False
    time: int | None = None
    golden_score: bool = False
    decided_at: dt.datetime | None = None
    mat: int | None = None


@dataclass(frozen=True, slots=True)
class TournamentInfo:
    """The tournament's name, date, place, start time, number of mats, and any other settings
    the source file had (kept so that a round trip does not lose them)."""

    name: str = ""
    date: dt.date | None = None
    place: str = ""
    start_time: str = ""
    mats: int = 0
    properties: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TournamentSnapshot:
    info: TournamentInfo
    competitors: tuple[Competitor, ...] = ()
    categories: tuple[CategoryRow, ...] = ()
    matches: tuple[MatchRow, ...] = ()

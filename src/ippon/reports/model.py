"""What the sheets are made from: plain domain objects a caller assembles (from the database, a
file or a test). The reports never look anything up themselves.

The engine knows athletes only by id; `Person` gives the name and the rest that a sheet prints.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ippon.tournament.bracket import Bracket
from ippon.tournament.model import Athlete


@dataclass(frozen=True, slots=True)
class Person:
    """An athlete as printed. `surname` and `given` are kept as entered, in any script;
    `name` is the IJF form "SURNAME Given". `country` is an IOC code (JPN, GER)."""

    id: Athlete
    surname: str
    given: str = ""
    country: str | None = None
    club: str | None = None
    birth_year: int | None = None
    weight: Decimal | None = None  # official weigh-in, kg

    @property
    def name(self) -> str:
        return f"{self.surname.upper()} {self.given}".strip()

    @property
    def short(self) -> str:
        """For the narrow columns of later rounds: the surname alone."""
        return self.surname.upper()

    @property
    def affiliation(self) -> str:
        """What the sheets print beside a name: the country code, else the club."""
        return self.country or self.club or ""


@dataclass(frozen=True)
class CategoryDraw:
    """One category: its name as printed ("Men -73 kg"), its bracket (system, lines, results)
    and the mat it is fought on."""

    name: str
    bracket: Bracket
    mat: int | None = None


@dataclass(frozen=True)
class Tournament:
    """The event. `people` maps every athlete id of every bracket to the person; an id
    missing there is printed as it is.

    `entered` (category name -> athlete ids) lists who is entered in each category, drawn or
    not: the weigh-in lists print these when given (before the draw there is no bracket).
    `flags` maps a country's IOC code to its flag as SVG text; the bracket and pool sheets
    print it, small, beside the name."""

    title: str
    day: date | None = None
    venue: str = ""
    people: Mapping[Athlete, Person] = field(default_factory=dict)
    categories: Sequence[CategoryDraw] = ()
    entered: Mapping[str, Sequence[Athlete]] = field(default_factory=dict)
    flags: Mapping[str, str] = field(default_factory=dict)

    def person(self, athlete: Athlete) -> Person:
        return self.people.get(athlete) or Person(athlete, athlete)

    def flag(self, person: Person) -> str:
        """The person's flag as a data URL for an <img>, or "" (no country, or no flag)."""
        svg = self.flags.get(person.country or "")
        if not svg:
            return ""
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()

    @property
    def subtitle(self) -> str:
        parts = [self.day.isoformat() if self.day else "", self.venue]
        return " · ".join(p for p in parts if p)

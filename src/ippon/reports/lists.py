"""View-models of the list sheets: weigh-in lists, contest order per mat, category results,
the medal table and certificates. Plain dataclasses built from the engine's objects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ippon.reports.brackets import round_name
from ippon.reports.model import CategoryDraw, Person, Tournament
from ippon.tournament import medals
from ippon.tournament.medals import MedalRow
from ippon.tournament.model import Contest, Feed, LoserOf, PoolRank, WinnerOf
from ippon.tournament.schedule import Plan, Slot, SlotStatus

MEDALS = {1: "gold", 2: "silver", 3: "bronze"}


@dataclass(frozen=True, slots=True)
class WeighInRow:
    number: int
    name: str
    club: str
    country: str
    born: str
    weight: str  # as weighed, "" to be filled in by hand


@dataclass(frozen=True, slots=True)
class WeighInCategory:
    name: str
    rows: tuple[WeighInRow, ...]


def weigh_in(tournament: Tournament, categories: Sequence[CategoryDraw] | None = None, *,
             blank: bool = False) -> tuple[WeighInCategory, ...]:
    """Per category, its athletes in alphabetical order (as a weigh-in official looks them up).
    `blank`: leave the weight column empty even where a weight is known."""
    lines = {c.name: [a for a in c.bracket.lines if a is not None]
             for c in (tournament.categories if categories is None else categories)}
    if tournament.entered:  # drawn or not, every category the caller chose
        chosen = None if categories is None else {c.name for c in categories}
        lines = {name: list(athletes) for name, athletes in tournament.entered.items()
                 if chosen is None or name in chosen}
    out = []
    for name, athletes in lines.items():
        people = sorted((tournament.person(a) for a in athletes),
                        key=lambda p: (p.surname.casefold(), p.given.casefold()))
        rows = tuple(WeighInRow(
            n, p.name, p.club or "", p.country or "",
            str(p.birth_year) if p.birth_year else "",
            "" if blank or p.weight is None else f"{p.weight:.1f}",
        ) for n, p in enumerate(people, start=1))
        out.append(WeighInCategory(name, rows))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class OrderRow:
    order: int
    time: str  # estimated start, HH:MM
    category: str
    round: str
    contest: int
    white: str
    white_affiliation: str
    blue: str
    blue_affiliation: str
    done: bool


@dataclass(frozen=True, slots=True)
class MatOrder:
    mat: int
    rows: tuple[OrderRow, ...]


def mat_order(tournament: Tournament, plan: Plan) -> tuple[MatOrder, ...]:
    """Each mat's contests in the order they are called, with estimated times. A place not
    known yet reads as what decides it ("winner of 12")."""
    categories = {c.name: c for c in tournament.categories}
    mats = []
    for index, slots in enumerate(plan.mats, start=1):
        rows = tuple(_order_row(tournament, categories.get(slot.category), slot, n)
                     for n, slot in enumerate(slots, start=1))
        mats.append(MatOrder(index, rows))
    return tuple(mats)


def _order_row(tournament: Tournament, category: CategoryDraw | None, slot: Slot, order: int
               ) -> OrderRow:
    contest = category.bracket.system.contests[slot.contest - 1] if category else None

    def side(athlete: str | None, feed: Feed | None) -> tuple[str, str]:
        if athlete is not None:
            person = tournament.person(athlete)
            return person.name, person.affiliation
        return _waiting(feed, contest), ""

    white = side(slot.white, contest.white if contest else None)
    blue = side(slot.blue, contest.blue if contest else None)
    return OrderRow(order, f"{slot.start:%H:%M}", slot.category, round_name(slot.round),
                    slot.contest, *white, *blue, done=slot.status is SlotStatus.DONE)


def _waiting(feed: Feed | None, contest: Contest | None) -> str:
    if isinstance(feed, WinnerOf):
        return f"winner of {feed.contest}"
    if isinstance(feed, LoserOf):
        return f"loser of {feed.contest}"
    if isinstance(feed, PoolRank):
        return f"pool {feed.pool} rank {feed.rank}"
    return "to be decided" if contest is not None else ""


@dataclass(frozen=True, slots=True)
class ResultRow:
    place: int
    name: str
    country: str
    club: str


@dataclass(frozen=True, slots=True)
class CategoryResult:
    name: str
    finished: bool
    rows: tuple[ResultRow, ...]


def results(tournament: Tournament) -> tuple[CategoryResult, ...]:
    out = []
    for category in tournament.categories:
        progress = category.bracket.progress
        rows = tuple(_result_row(place, tournament.person(a))
                     for place, names in progress.placings.items() for a in names)
        out.append(CategoryResult(category.name, progress.finished, rows))
    return tuple(out)


def _result_row(place: int, person: Person) -> ResultRow:
    return ResultRow(place, person.name, person.country or "", person.club or "")


def medal_table(tournament: Tournament) -> list[MedalRow]:
    """Medals by country (the club where no country is known) over every category's placings,
    ranked by the engine (`ippon.tournament.medals`): gold, silver, bronze; ties share a rank."""
    placings: dict[str, Mapping[int | str, Sequence[str]]] = {
        c.name: dict(c.bracket.progress.placings.items()) for c in tournament.categories}
    groups = {athlete: tournament.person(athlete).affiliation or None
              for ranks in placings.values() for names in ranks.values() for athlete in names}
    return medals.medal_table(placings, groups)


@dataclass(frozen=True, slots=True)
class Certificate:
    name: str
    affiliation: str
    place: int
    medal: str  # gold, silver, bronze, or "" for the other places
    category: str


def certificates(tournament: Tournament, *, up_to: int = 7) -> tuple[Certificate, ...]:
    """One certificate per placed athlete (places 1 to `up_to`), category by category."""
    out = []
    for category in tournament.categories:
        for place, names in category.bracket.progress.placings.items():
            if place > up_to:
                continue
            for athlete in names:
                person = tournament.person(athlete)
                out.append(Certificate(person.name, person.affiliation, place,
                                       MEDALS.get(place, ""), category.name))
    return tuple(out)


__all__ = [
    "CategoryResult",
    "Certificate",
    "MatOrder",
    "MedalRow",
    "OrderRow",
    "ResultRow",
    "WeighInCategory",
    "WeighInRow",
    "certificates",
    "mat_order",
    "medal_table",
    "results",
    "weigh_in",
]

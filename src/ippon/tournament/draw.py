"""The draw: entrants onto bracket lines or into pools, reproducibly (RULES §11.1, §11.5).

    >>> d = draw([Entrant("A", "FRA"), Entrant("B", "FRA"), Entrant("C", "JPN")], rng_seed=7)
    >>> d.slots   # a power of two, top to bottom; None is an empty line (a bye)
    ['B', None, 'C', 'A']

Seeds take their IJF lines (`ippon.tournament.seeding`), byes go to the seeds first and then
evenly, and the unseeded athletes are placed so that athletes of one country, then of one club,
are as far apart as the seeds allow (the measure and the search are in
`ippon.tournament.separation`). The draw depends only on the entrants and `rng_seed`, never on
the order they are given in: publish the seed and anyone can re-run it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from ippon.tournament import seeding
from ippon.tournament.separation import Label, Solver, shortfalls

__all__ = ["Draw", "DrawError", "DrawReport", "Entrant", "PoolDraw", "SeedLine",
           "Unmet", "draw", "draw_pools"]


class DrawError(ValueError):
    """The entrants cannot be drawn as given (duplicate names, impossible seeds, no entrants)."""


@dataclass(frozen=True, slots=True)
class Entrant:
    """An athlete entered in a category. `id` is what the bracket carries (a unique name);
    `seed` is 1..8 from the ranking list, None for unseeded."""

    id: str
    country: str | None = None
    club: str | None = None
    seed: int | None = None

    @property
    def label(self) -> Label:
        return (self.country or None, self.club or None)


@dataclass(frozen=True, slots=True)
class SeedLine:
    """Where a seed was put: bracket `line` (0-based; rendered 1-based), or a double pool's
    `pool` ("A" or "B"; `line` is then the pool's index)."""

    seed: int
    athlete: str
    line: int
    pool: str | None = None

    def __str__(self) -> str:
        where = f"in pool {self.pool}" if self.pool else f"on line {self.line + 1}"
        return f"Seed {self.seed}: {self.athlete} {where}."


@dataclass(frozen=True, slots=True)
class Unmet:
    """A separation the draw could not meet, because of the seeds or the bracket's shape.
    `level` is "halves", "pools", "eighths", ..., "first-round contests"; `together` holds the
    group's athletes on the crowded side, `apart` those on the other side."""

    kind: str
    group: str
    level: str
    together: tuple[str, ...]
    apart: tuple[str, ...]
    where: str

    def __str__(self) -> str:
        others = ", ".join(self.apart) or "none"
        return (f"{self.kind} {self.group}: not separated into different {self.level}: "
                f"{', '.join(self.together)} in {self.where}, {others} on the other side")


@dataclass(frozen=True, slots=True)
class DrawReport:
    rng_seed: int | str
    seeds: tuple[SeedLine, ...] = ()
    notes: tuple[str, ...] = ()  # e.g. seeds the bracket is too small for
    unmet: tuple[Unmet, ...] = ()
    optimal: bool = True  # False if the separation search hit its budget (pathological input)

    def render(self) -> str:
        lines = [f"Draw with random seed {self.rng_seed!r}."]
        lines += [str(s) for s in self.seeds]
        lines += self.notes
        if self.unmet:
            lines.append("Separations that could not be met without moving a seed or giving up "
                         "a separation at a higher level:")
            lines += [f"- {u}" for u in self.unmet]
        else:
            lines.append("Every separation by country and club is met.")
        if not self.optimal:
            lines.append("The separation search hit its budget; the draw may not be the best.")
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Draw:
    """`slots`: bracket lines top to bottom, entrant id or None (an empty line)."""

    slots: list[str | None]
    report: DrawReport = field(compare=False)


@dataclass(frozen=True, slots=True)
class PoolDraw:
    """`pools`: each pool's athletes in pool order (one pool, or A and B of a double pool)."""

    pools: list[list[str]]
    report: DrawReport = field(compare=False)


def draw(entrants: Sequence[Entrant], rng_seed: int | str, *,
         max_seeds: int = seeding.MAX_SEEDS) -> Draw:
    """Draw an elimination bracket. `max_seeds` lowers the number of seeds (e.g. 4 at a small
    event); a bracket never takes more than half its lines as seeds."""
    people = _checked(entrants)
    rng = random.Random(rng_seed)
    size = seeding.bracket_size(len(people))
    capacity = seeding.seed_capacity(size, max_seeds)
    seeded = sorted((e for e in people if e.seed is not None and e.seed <= capacity),
                    key=lambda e: e.seed or 0)
    dropped = [e for e in people if e.seed is not None and e.seed > capacity]
    seed_lines = [seeding.seed_line(e.seed or 0, size) for e in seeded]
    byes = set(seeding.bye_lines(size, len(people), seed_lines))
    fixed: list[Label | None] = [None] * size
    slots: list[str | None] = [None] * size
    for e, line in zip(seeded, seed_lines, strict=True):
        fixed[line], slots[line] = e.label, e.id
    free = [line not in byes and slots[line] is None for line in range(size)]
    solver = Solver(fixed, free, rng)
    placed = solver.place([(e.id, e.label) for e in people if e not in seeded])
    slots = [s if s is not None else p for s, p in zip(slots, placed, strict=True)]
    report = DrawReport(
        rng_seed,
        tuple(SeedLine(e.seed or 0, e.id, line) for e, line in zip(seeded, seed_lines,
                                                                   strict=True)),
        tuple(f"{e.id} (seed {e.seed}) drawn as unseeded: a bracket of {size} lines takes "
              f"{capacity} seeds." for e in dropped),
        _unmet(slots, {e.id: e for e in people}),
        not solver.exhausted)
    return Draw(slots, report)


# Pool seeds alternate (1 and 4 in pool A, 2 and 3 in pool B) so the pools are equally strong.
_POOL_OF_SEED = {1: 0, 2: 1, 3: 1, 4: 0}


def draw_pools(entrants: Sequence[Entrant], rng_seed: int | str, *, pools: int = 1) -> PoolDraw:
    """Draw one round-robin pool (a random pool order) or the two pools of a double pool: the
    athletes split as evenly as possible (pool A takes the odd one), seeds 1 and 4 in pool A,
    2 and 3 in pool B, countries and clubs separated between the pools as far as possible."""
    people = _checked(entrants)
    rng = random.Random(rng_seed)
    if pools == 1:
        order = [e.id for e in people]
        rng.shuffle(order)
        return PoolDraw([order], DrawReport(rng_seed))
    if pools != 2:
        raise DrawError(f"a draw makes 1 pool or 2 (a double pool), not {pools}")
    if len(people) < 2:
        raise DrawError("a double pool needs at least 2 athletes")
    sizes = ((len(people) + 1) // 2, len(people) // 2)
    half = seeding.bracket_size(sizes[0])
    fixed: list[Label | None] = [None] * (2 * half)
    free = [False] * (2 * half)
    members: list[list[str]] = [[], []]
    seeded: list[Entrant] = []
    for e in sorted((e for e in people if e.seed in _POOL_OF_SEED), key=lambda e: e.seed or 0):
        pool = _POOL_OF_SEED[e.seed or 0]
        if len(members[pool]) < sizes[pool]:  # in tiny pools the later seeds find no room
            fixed[pool * half + len(members[pool])] = e.label
            members[pool].append(e.id)
            seeded.append(e)
    dropped = [e for e in people if e.seed is not None and e not in seeded]
    for pool in (0, 1):
        for k in range(len(members[pool]), sizes[pool]):
            free[pool * half + k] = True
    solver = Solver(fixed, free, rng, max_depth=1)
    placed = solver.place([(e.id, e.label) for e in people if e not in seeded])
    for line, ident in enumerate(placed):
        if ident is not None:
            members[line // half].append(ident)
    for pool_members in members:
        rng.shuffle(pool_members)
    lines: list[str | None] = [None] * (2 * half)
    for pool in (0, 1):
        for k, ident in enumerate(members[pool]):
            lines[pool * half + k] = ident
    by_id = {e.id: e for e in people}
    unmet = _unmet(lines, by_id, root_only=True)
    report = DrawReport(
        rng_seed,
        tuple(SeedLine(e.seed or 0, e.id, _POOL_OF_SEED[e.seed or 0],
                       "AB"[_POOL_OF_SEED[e.seed or 0]]) for e in seeded),
        tuple(f"{e.id} (seed {e.seed}) drawn as unseeded: a double pool of {len(people)} takes "
              f"{len(seeded)} seeds." for e in dropped),
        tuple(Unmet(u.kind, u.group, "pools", u.together, u.apart,
                    "pool A" if u.where == "the top half" else "pool B") for u in unmet),
        not solver.exhausted)
    return PoolDraw(members, report)


def _checked(entrants: Sequence[Entrant]) -> list[Entrant]:
    """Validate, then sort by id, so that the draw does not depend on the input order."""
    if not entrants:
        raise DrawError("there is nobody to draw: the category has no entrants")
    seen: set[str] = set()
    seeds: dict[int, str] = {}
    for e in entrants:
        if not e.id:
            raise DrawError("an entrant has an empty id")
        if e.id in seen:
            raise DrawError(f"{e.id} is entered twice")
        seen.add(e.id)
        if e.seed is not None:
            if not 1 <= e.seed <= seeding.MAX_SEEDS:
                raise DrawError(f"{e.id}: seed {e.seed} is not 1 to {seeding.MAX_SEEDS}")
            if e.seed in seeds:
                raise DrawError(f"seed {e.seed} is given to both {seeds[e.seed]} and {e.id}")
            seeds[e.seed] = e.id
    return sorted(entrants, key=lambda e: e.id)


_FRACTIONS = {8: "eighths", 16: "sixteenths", 32: "thirty-seconds", 64: "sixty-fourths"}


def _unmet(slots: Sequence[str | None], by_id: dict[str, Entrant], root_only: bool = False
           ) -> tuple[Unmet, ...]:
    size = len(slots)
    labels = [None if s is None else by_id[s].label for s in slots]
    out = []
    for depth, node, kind, group, _gap in shortfalls(labels):
        if root_only and depth:
            continue
        width = size >> depth
        lo, mid, hi = node * width, node * width + width // 2, (node + 1) * width

        def members(a: int, b: int, kind: str = kind, group: str = group) -> tuple[str, ...]:
            return tuple(s for s in slots[a:b] if s is not None and _key(by_id[s], kind) == group)

        top, bottom = members(lo, mid), members(mid, hi)
        crowded, (a, b) = (top, (lo, mid)) if len(top) > len(bottom) else (bottom, (mid, hi))
        out.append(Unmet(kind, group, _level(size, width // 2), crowded,
                         bottom if crowded is top else top, _where(size, a, b)))
    return tuple(out)


def _key(e: Entrant, kind: str) -> str | None:
    if kind == "country":
        return e.country or None
    if not e.club:
        return None
    return f"{e.club} ({e.country})" if e.country else e.club


def _level(size: int, child: int) -> str:
    if child <= 2:  # halves of two lines: a pair's two athletes meet in the first round
        return "first-round contests"
    parts = size // child
    return {2: "halves", 4: "pools"}.get(parts, _FRACTIONS.get(parts, f"1/{parts} parts"))


def _where(size: int, a: int, b: int) -> str:
    if b - a == size // 2:
        return "the top half" if a == 0 else "the bottom half"
    if b - a == size // 4:
        return f"pool {'ABCD'[a // (b - a)]}"
    if b - a == 1:
        return f"line {a + 1}"
    return f"lines {a + 1}-{b}"

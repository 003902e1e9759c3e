"""Separation of athletes of the same country, then the same club, in a bracket (RULES §11.5).

**The measure.** The bracket is a binary tree over its lines. At an internal node whose two halves
hold `a` and `b` athletes of one country, the country's *shortfall* there is `|a - b| // 2`: the
number of its athletes who would have to change half for the two counts to differ by at most one.
A country is separated at a level when its shortfall is zero at every node of that level: two
athletes are in opposite halves, three or four in different quarters, more are spread evenly, and
so on down to the first-round contests. Clubs are measured the same way (a club is a club name
within a country). The *score* of a placement is the tuple, ordered by priority,

    (country shortfall at the root, club shortfall at the root,
     country shortfall summed over the nodes one level down, club ..., ..., first round),

and the draw places the unseeded athletes so that this tuple is lexicographically smallest among
all placements that keep the seeds and byes on their lines. Higher levels come first (being in
opposite halves matters more than being in different eighths); at each level country comes first.

**The search.** With that order, the shortfall at a node only depends on how its athletes are split
between its two halves, and it outranks everything below the node; so at each node only the splits
with the smallest shortfall there are candidates, and among them the one whose two halves can be
completed best (found recursively, memoised on the node and the *shape* of what it holds: countries
and clubs without a seed below the node are interchangeable and counted, not named). The random
generator breaks ties between equally good splits and chooses which athletes of a kind go where.
A search budget guards against pathological inputs: if it runs out, the rest of the draw still takes
the best split at each node, but no longer looks ahead, and `exhausted` says so.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import cast

from ippon.tournament.splitting import Composition, Lazy, compositions, least, optimal

__all__ = ["Label", "Solver", "score", "shortfalls"]

Label = tuple[str | None, str | None]
"""What the measure knows of an athlete: (country, club); either may be None."""

_Club = tuple[str | None, str]          # a club is a club name within a country
_Unit = tuple[str | None, tuple[tuple[str | None, int], ...]]  # country, ((club, count), ...)

BUDGET = 20_000   # subtree evaluations per draw
MAX_SPLITS = 2_000  # candidate splits per node


def _club(label: Label) -> _Club | None:
    return None if label[1] is None else (label[0], label[1])


def shortfalls(lines: Sequence[Label | None]) -> list[tuple[int, int, str, str, int]]:
    """Every (depth, node index at that depth, kind, group, shortfall) with shortfall > 0.

    `kind` is "country" or "club"; `group` the country code, or "club (country)".

    `lines` holds each line's label (None for an empty line); its length is a power of two.
    Depth 0 is the root (halves); the last depth splits first-round pairs.
    """
    size = len(lines)
    found: list[tuple[int, int, str, str, int]] = []
    width = size
    depth = 0
    while width > 1:
        half = width // 2
        for node in range(size // width):
            lo = node * width
            top = [x for x in lines[lo:lo + half] if x is not None]
            bottom = [x for x in lines[lo + half:lo + width] if x is not None]
            for kind, key in (("country", _country_key), ("club", _club_key)):
                a = Counter(k for k in map(key, top) if k is not None)
                b = Counter(k for k in map(key, bottom) if k is not None)
                for group in sorted(set(a) | set(b), key=repr):
                    gap = abs(a[group] - b[group]) // 2
                    if gap:
                        found.append((depth, node, kind, group, gap))
        width = half
        depth += 1
    return found


def _country_key(label: Label) -> str | None:
    return label[0]


def _club_key(label: Label) -> str | None:
    return None if label[1] is None else f"{label[1]} ({label[0]})" if label[0] else label[1]


def score(lines: Sequence[Label | None]) -> tuple[int, ...]:
    """The priority-ordered shortfall tuple of the module docstring (length 2 x depth)."""
    depths = max(len(lines).bit_length() - 1, 0)
    totals = [0] * (2 * depths)
    for depth, _node, kind, _group, gap in shortfalls(lines):
        totals[2 * depth + (kind == "club")] += gap
    return tuple(totals)


class Solver:
    """Places unseeded athletes on the free lines of a bracket with the best separation score.

    `fixed` gives each line's seeded athlete label (or None); `free` says which lines take an
    unseeded athlete. `max_depth` stops the tree early (the double-pool split uses depth 1: the
    two halves are the pools and their insides do not matter).
    """

    def __init__(self, fixed: Sequence[Label | None], free: Sequence[bool], rng: random.Random,
                 max_depth: int | None = None) -> None:
        self.size = len(fixed)
        self.rng = rng
        self.depth_limit = (self.size.bit_length() - 1) if max_depth is None else max_depth
        # A score tuple as one integer: digits in base size + 1, which no level's total
        # shortfall reaches, so sums never carry. weights[depth] = (country, club).
        base = self.size + 1
        levels = max(self.size.bit_length() - 1, 0)
        self.weights = [(base ** (2 * (levels - d) - 1), base ** (2 * (levels - d) - 2))
                        for d in range(levels)]
        self.budget = BUDGET
        self.exhausted = False
        self.memo: dict[tuple[int, object], int] = {}
        n = self.size
        self.free = [0] * (2 * n)
        self.seed_countries: list[Counter[str]] = [Counter() for _ in range(2 * n)]
        self.seed_clubs: list[Counter[_Club]] = [Counter() for _ in range(2 * n)]
        for line in range(n):
            self.free[n + line] = int(free[line])
            label = fixed[line]
            if label is not None and label[0] is not None:
                self.seed_countries[n + line][label[0]] += 1
            club = None if label is None else _club(label)
            if club is not None:
                self.seed_clubs[n + line][club] += 1
        for node in range(n - 1, 0, -1):
            self.free[node] = self.free[2 * node] + self.free[2 * node + 1]
            self.seed_countries[node] = self.seed_countries[2 * node] + self.seed_countries[
                2 * node + 1]
            self.seed_clubs[node] = self.seed_clubs[2 * node] + self.seed_clubs[2 * node + 1]
        # What the seeds alone cost below each node, per country and per club: a subtree's value
        # must count it for the groups that have no unseeded athlete there, or two ways of
        # filling a subtree would not be compared on the same footing.
        self.fixed_countries: list[dict[str, int]] = [{} for _ in range(2 * n)]
        self.fixed_clubs: list[dict[_Club, int]] = [{} for _ in range(2 * n)]
        for node in range(n - 1, 0, -1):
            if self._is_bin(node):
                continue
            cw, kw = self.weights[node.bit_length() - 1]
            left, right = 2 * node, 2 * node + 1
            for country in self.seed_countries[node]:
                gap = self.seed_countries[left][country] - self.seed_countries[right][country]
                self.fixed_countries[node][country] = (
                    abs(gap) // 2 * cw + self.fixed_countries[left].get(country, 0)
                    + self.fixed_countries[right].get(country, 0))
            for club in self.seed_clubs[node]:
                gap = self.seed_clubs[left][club] - self.seed_clubs[right][club]
                self.fixed_clubs[node][club] = (
                    abs(gap) // 2 * kw + self.fixed_clubs[left].get(club, 0)
                    + self.fixed_clubs[right].get(club, 0))

    # --- public ---------------------------------------------------------------------------

    def place(self, athletes: Sequence[tuple[str, Label]]) -> list[str | None]:
        """The athlete id on each free line (None elsewhere)."""
        if len(athletes) != self.free[1]:
            raise ValueError(f"{len(athletes)} athletes for {self.free[1]} free lines")
        pools: dict[Label, list[str]] = {}
        for ident, label in athletes:
            pools.setdefault(label, []).append(ident)
        for idents in pools.values():
            self.rng.shuffle(idents)
        out: list[str | None] = [None] * self.size
        self._place(1, _units(Counter({k: len(v) for k, v in pools.items()})), pools, out)
        return out

    # --- search ---------------------------------------------------------------------------

    def _is_bin(self, node: int) -> bool:
        return node >= self.size or node.bit_length() - 1 >= self.depth_limit

    def _total(self, node: int, units: tuple[_Unit, ...]) -> int:
        """The best score (as one integer) the subtree of `node` can reach holding `units`,
        counting every country and club with an athlete there, seeded or not."""
        countries = {c for c, _ in units if c is not None}
        clubs = {(c, k) for c, ks in units for k, _ in ks if k is not None}
        absent = sum(v for c, v in self.fixed_countries[node].items() if c not in countries)
        absent += sum(v for k, v in self.fixed_clubs[node].items() if k not in clubs)
        return absent + self._search(node, units)

    def _search(self, node: int, units: tuple[_Unit, ...]) -> int:
        """The best score of the subtree for the countries and clubs that have an unseeded
        athlete in `units` (their seeds included)."""
        if self._is_bin(node) or self._trivial(node, units):
            return 0
        if self.free[node] == 1:
            return self._forced(node, units[0][0], units[0][1][0][0])
        key = (node, self._shape(node, units))
        cached = self.memo.get(key)
        if cached is not None:
            return cached
        if self.budget <= 0:
            self.exhausted = True
            return 0
        self.budget -= 1
        best = -1
        for own, left, right in self._splits(node, units):
            below = self._total(2 * node, left) + self._total(2 * node + 1, right)
            if best < 0 or own + below < best:
                best = own + below
            if not below:  # nothing below can do better: stop looking
                break
        self.memo[key] = best
        return best

    def _place(self, node: int, units: tuple[_Unit, ...], pools: dict[Label, list[str]],
               out: list[str | None]) -> None:
        if self._is_bin(node) or self.free[node] <= 1 or self._trivial(node, units):
            lines = [x - self.size for x in self._leaves(node) if self.free[x]]
            idents = [pools[(c, k)].pop() for c, clubs in units for k, m in clubs
                      for _ in range(m)]
            self.rng.shuffle(idents)
            for line, ident in zip(lines, idents, strict=True):
                out[line] = ident
            return
        options: list[tuple[int, tuple[_Unit, ...], tuple[_Unit, ...]]] = []
        for _own, left, right in self._splits(node, units, shuffle=True):
            below = self._total(2 * node, left) + self._total(2 * node + 1, right)
            if not below:  # the splits come in random order: the first perfect one will do
                options = [(below, left, right)]
                break
            options.append((below, left, right))
        best = min(v for v, _, _ in options)
        _, left, right = self.rng.choice([o for o in options if o[0] == best])
        self._place(2 * node, left, pools, out)
        self._place(2 * node + 1, right, pools, out)

    def _forced(self, node: int, country: str | None, club: str | None) -> int:
        """The cost below `node` of its only free line taking an athlete of (country, club)."""
        value = 0
        while not self._is_bin(node):
            left, right = 2 * node, 2 * node + 1
            side = 1 if self.free[left] else -1
            cw, kw = self.weights[node.bit_length() - 1]
            if country is not None:
                gap = self.seed_countries[left][country] - self.seed_countries[right][country]
                value += abs(gap + side) // 2 * cw
            if club is not None:
                key = (country, club)
                gap = self.seed_clubs[left][key] - self.seed_clubs[right][key]
                value += abs(gap + side) // 2 * kw
            node = left if side == 1 else right
        return value

    def _leaves(self, node: int) -> range:
        lo, hi = node, node + 1
        while lo < self.size:
            lo, hi = 2 * lo, 2 * hi
        return range(lo, hi)

    def _trivial(self, node: int, units: tuple[_Unit, ...]) -> bool:
        """True when no country or club has two athletes below `node`: any placement is best."""
        seeds_c, seeds_k = self.seed_countries[node], self.seed_clubs[node]
        for country, clubs in units:
            total = sum(m for _, m in clubs)
            if country is not None and total + seeds_c[country] > 1:
                return False
            if any(k is not None and m + seeds_k[(country, k)] > 1 for k, m in clubs):
                return False
        return True

    def _item(self, node: int, country: str | None, club: str | None, m: int
              ) -> tuple[str, bool, int]:
        pinned = club is not None and (country, club) in self.seed_clubs[node]
        return (club if pinned and club is not None else "", club is None, m)

    def _shape(self, node: int, units: tuple[_Unit, ...]) -> object:
        """`units` with the countries and clubs that have no seed below `node` made anonymous."""
        seeds_c = self.seed_countries[node]
        shape = []
        for country, clubs in units:
            items = sorted(self._item(node, country, k, m) for k, m in clubs)
            name = country if country is not None and country in seeds_c else ""
            shape.append((name, country is None, tuple(items)))
        return tuple(sorted(shape))

    def _splits(self, node: int, units: tuple[_Unit, ...], shuffle: bool = False
                ) -> Iterable[tuple[int, tuple[_Unit, ...], tuple[_Unit, ...]]]:
        """Every split of `units` between the two halves of `node` with the least shortfall at
        `node` itself, one per shape; yields (shortfall as an integer, left units, right units).
        With `shuffle`, interchangeable units are taken in random order (the draw's randomness)."""
        left_node, right_node = 2 * node, 2 * node + 1
        classes: dict[object, list[_Unit]] = {}
        for country, clubs in units:
            # Order clubs by their anonymous shape so that interchangeable units line up.
            ordered = tuple(sorted(clubs, key=lambda km: self._item(node, country, *km)))
            unit = (country, ordered)
            classes.setdefault(self._shape(node, (unit,)), []).append(unit)
        tables: list[dict[int, tuple[int, Sequence[object]]]] = []
        members: list[tuple[list[_Unit], list[tuple[int, int, object]] | None]] = []
        for group in classes.values():
            if shuffle:
                group = group[:]
                self.rng.shuffle(group)
            table = self._unit_table(node, group[0])
            if len(group) == 1:  # the usual case: the choice is how to split this unit
                tables.append(dict(table))
                members.append((group, None))
                continue
            # Interchangeable units: the choice is how many of them take each way of splitting.
            options = [(take, cost, xs) for take, (cost, ways) in sorted(table.items())
                       for xs in ways]
            tables.append(dict(compositions(len(group), options)))
            members.append((group, options))
        seen: set[object] = set()
        rng = self.rng if shuffle else None
        for made, (own, picks) in enumerate(optimal(tables, self.free[left_node], rng)):
            if made >= MAX_SPLITS:
                self.exhausted = True
                break
            left: list[_Unit] = []
            right: list[_Unit] = []
            for (group, ways), pick in zip(members, picks, strict=True):
                if ways is None:
                    _split_unit(group[0], cast(tuple[int, ...], pick), left, right)
                    continue
                it = iter(group)
                for (_take, _cost, xs), count in zip(ways, cast(Composition, pick),
                                                     strict=True):
                    for unit in itertools.islice(it, count):
                        _split_unit(unit, cast(tuple[int, ...], xs), left, right)
            lt, rt = tuple(left), tuple(right)
            key = (self._shape(left_node, lt), self._shape(right_node, rt))
            if key not in seen:
                seen.add(key)
                yield own, lt, rt
        if not seen:
            raise ValueError("no split fills the lines; the bracket's free lines are inconsistent")

    def _unit_table(self, node: int, unit: _Unit) -> dict[int, tuple[int, Sequence[object]]]:
        """How one unit (a country's athletes, by club) can be split at `node`: for each number
        sent left, the least cost at this node and the ways to reach it (per-club numbers sent
        left), one per shape, listed only when asked for (clubs of one shape are
        interchangeable)."""
        left, right = 2 * node, 2 * node + 1
        cw, kw = self.weights[node.bit_length() - 1]
        country, clubs = unit
        runs: list[list[tuple[str | None, int]]] = []
        for k, m in clubs:
            if runs and self._item(node, country, *runs[-1][0]) == self._item(node, country, k, m):
                runs[-1].append((k, m))
            else:
                runs.append([(k, m)])
        tables: list[dict[int, tuple[int, Sequence[object]]]] = []
        run_options = []
        for run in runs:
            k, m = run[0]
            options = []
            for x in range(m + 1):
                cost = 0
                if k is not None:
                    a = self.seed_clubs[left][(country, k)] + x
                    cost = abs(a - self.seed_clubs[right][(country, k)] - (m - x)) // 2 * kw
                options.append((x, cost, (x,)))
            tables.append(dict(compositions(len(run), options)))
            run_options.append(options)
        total = sum(m for _, m in clubs)
        table_least = least(tables, total)

        def ways(take: int) -> list[object]:
            out: list[object] = []
            for _cost, picks in optimal(tables, take, known=table_least):
                xs: list[int] = []
                for options, counts in zip(run_options, picks, strict=True):
                    for (x, _c, _p), count in zip(options, cast(Composition, counts),
                                                  strict=True):
                        xs.extend([x] * count)
                out.append(tuple(xs))
            return out

        result: dict[int, tuple[int, Sequence[object]]] = {}
        for take, cost in table_least[0].items():
            if country is not None:
                a = self.seed_countries[left][country] + take
                b = self.seed_countries[right][country] + total - take
                cost += abs(a - b) // 2 * cw
            result[take] = (cost, Lazy(lambda take=take: ways(take)))  # type: ignore[misc]
        return result


def _units(counts: Counter[Label]) -> tuple[_Unit, ...]:
    """Group labels into units: one per country; without a country, one per club, and one for
    the athletes with neither (they never cost anything)."""
    grouped: dict[object, dict[str | None, int]] = {}
    for (country, club), m in sorted(counts.items(), key=repr):
        unit_key: object = country if country is not None else ("", club)
        grouped.setdefault(unit_key, {})[club] = m
    out = []
    for unit_key, clubs in grouped.items():
        country = unit_key if isinstance(unit_key, str) else None
        out.append((country, tuple(clubs.items())))
    return tuple(out)


def _split_unit(unit: _Unit, xs: tuple[int, ...], left: list[_Unit], right: list[_Unit]) -> None:
    country, clubs = unit
    lc = tuple((k, x) for (k, _m), x in zip(clubs, xs, strict=True) if x)
    rc = tuple((k, m - x) for (k, m), x in zip(clubs, xs, strict=True) if m - x)
    if lc:
        left.append((country, lc))
    if rc:
        right.append((country, rc))

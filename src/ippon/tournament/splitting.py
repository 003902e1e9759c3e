"""Least-cost allocations with every tie: the combinatorics under the draw's separation search.

A *class* is a number of interchangeable things (countries of one shape, clubs of one size),
each of which can take one of several *options* (how many of its athletes go to the left half,
at what cost). `compositions` lists, per total sent left, the cheapest ways for a class (how
many of its members take each option); `optimal` combines classes to send exactly a given number
left at the least total cost and yields every such combination, lazily and optionally in random
order, because the search stops at the first one that is good enough.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Mapping, Sequence

__all__ = ["Composition", "Lazy", "compositions", "least", "optimal"]

Composition = tuple[int, ...]
"""How many members of a class take each option, in the order of the options."""


class Lazy(Sequence[object]):
    """A list computed on first use: most ways of splitting are never looked at."""

    def __init__(self, make: Callable[[], list[object]]) -> None:
        self._make: Callable[[], list[object]] | None = make
        self._items: list[object] = []

    def _get(self) -> list[object]:
        if self._make is not None:
            self._items, self._make = self._make(), None
        return self._items

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, index: int) -> object:  # type: ignore[override]
        return self._get()[index]

    def __iter__(self) -> Iterator[object]:
        return iter(self._get())


def compositions(count: int, options: Sequence[tuple[int, int, object]]
                 ) -> dict[int, tuple[int, list[Composition]]]:
    """For `count` interchangeable members with the given options (number sent left, cost,
    payload): per total sent left, the least cost and every composition that reaches it."""
    table: dict[int, tuple[int, list[Composition]]] = {}
    for chosen in itertools.combinations_with_replacement(range(len(options)), count):
        take = sum(options[i][0] for i in chosen)
        cost = sum(options[i][1] for i in chosen)
        counts = [0] * len(options)
        for i in chosen:
            counts[i] += 1
        entry = table.get(take)
        if entry is None or cost < entry[0]:
            table[take] = (cost, [tuple(counts)])
        elif cost == entry[0]:
            entry[1].append(tuple(counts))
    return table


def least(tables: Sequence[Mapping[int, tuple[int, object]]], capacity: int
          ) -> list[dict[int, int]]:
    """best[i][c]: the least cost for classes i.. to send c athletes left (absent: impossible).
    `tables` are per class: total sent left -> (least cost, ways)."""
    best: list[dict[int, int]] = [{} for _ in range(len(tables) + 1)]
    best[-1][0] = 0
    for i in range(len(tables) - 1, -1, -1):
        here = best[i]
        for take, (cost, _) in tables[i].items():
            for rest, rest_cost in best[i + 1].items():
                c = take + rest
                if c <= capacity and (c not in here or cost + rest_cost < here[c]):
                    here[c] = cost + rest_cost
    return best


def optimal(tables: Sequence[Mapping[int, tuple[int, Sequence[object]]]], capacity: int,
            rng: random.Random | None = None, known: list[dict[int, int]] | None = None
            ) -> Iterator[tuple[int, list[object]]]:
    """Every choice of one way per class that sends exactly `capacity` athletes left at the
    least total cost; yields (cost, choices), in random order given `rng`."""
    best = least(tables, capacity) if known is None else known
    if capacity not in best[0]:
        return
    target = best[0][capacity]

    def walk(i: int, cap: int, acc: list[Sequence[object]]) -> Iterator[list[object]]:
        if i == len(tables):
            yield from (list(p) for p in itertools.product(*acc))
            return
        entries = list(tables[i].items())
        if rng is not None:
            rng.shuffle(entries)
        for take, (cost, choices) in entries:
            rest = best[i + 1].get(cap - take)
            if rest is not None and cost + rest == best[i][cap]:
                acc.append(rng.sample(choices, len(choices)) if rng is not None else choices)
                yield from walk(i + 1, cap - take, acc)
                acc.pop()

    for picks in walk(0, capacity, []):
        yield target, picks

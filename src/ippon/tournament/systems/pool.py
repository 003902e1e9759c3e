"""Round robin: everyone meets everyone once; full ranks by the chain of RULES §11.4.

The bout orders for 3, 4 and 5 athletes are those of §11.4; those for 6 and 7 were found by a
search for orders in which nobody fights two bouts in a row (with 7, not even within two bouts).
"""

from __future__ import annotations

from ippon.tournament.model import Entry, PoolRank, System, SystemSizeError
from ippon.tournament.systems.graph import Graph

NAME = "pool"
ROUND = "POOL"

BOUT_ORDERS: dict[int, tuple[tuple[int, int], ...]] = {
    1: (),
    2: ((1, 2),),
    3: ((1, 2), (2, 3), (1, 3)),
    4: ((1, 2), (3, 4), (1, 3), (2, 4), (1, 4), (2, 3)),
    5: ((1, 2), (3, 4), (1, 5), (2, 3), (4, 5), (1, 3), (2, 4), (3, 5), (1, 4), (2, 5)),
    6: ((1, 2), (3, 4), (5, 6), (1, 3), (2, 4), (1, 5), (3, 6), (1, 4), (2, 5), (1, 6), (2, 3),
        (4, 5), (2, 6), (3, 5), (4, 6)),
    7: ((1, 2), (3, 4), (5, 6), (1, 7), (2, 3), (4, 5), (6, 7), (1, 3), (2, 5), (4, 6), (3, 7),
        (1, 5), (2, 6), (4, 7), (3, 5), (1, 6), (2, 4), (5, 7), (3, 6), (1, 4), (2, 7)),
}


def build(athletes: int) -> System:
    check(NAME, athletes)
    graph = Graph(NAME, athletes)
    add_pool(graph, "A", 0, athletes, ROUND)
    for rank in range(1, athletes + 1):
        graph.place(rank, PoolRank("A", rank))
    return graph.system()


def check(name: str, athletes: int) -> None:
    if athletes not in BOUT_ORDERS:
        raise SystemSizeError(f"{name} takes 1 to 7 athletes per pool, not {athletes}")


def add_pool(graph: Graph, pool: str, first_line: int, athletes: int, round: str) -> list[int]:
    """Add the bouts of one pool on lines first_line … first_line + athletes - 1."""
    graph.pools[pool] = tuple(range(first_line, first_line + athletes))
    return [graph.add(round, Entry(first_line + a - 1), Entry(first_line + b - 1), pool=pool)
            for a, b in BOUT_ORDERS[athletes]]

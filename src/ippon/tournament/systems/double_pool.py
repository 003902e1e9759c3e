"""Two pools, crossed semi-finals (A1 v B2, B1 v A2), final.

The first ceil(n/2) lines form pool A, the rest pool B; the two pools' bouts alternate. Placings:
1, 2, 3, 3 (semi-final losers), then the pools' third places share 5, fourth places 7, and so on.
"""

from __future__ import annotations

from itertools import zip_longest

from ippon.tournament.model import LoserOf, PoolRank, System, SystemSizeError, WinnerOf
from ippon.tournament.systems.graph import Graph
from ippon.tournament.systems.pool import BOUT_ORDERS, add_pool

NAME = "double-pool"


def build(athletes: int) -> System:
    size_a = (athletes + 1) // 2
    size_b = athletes - size_a
    if size_b < 2 or size_a not in BOUT_ORDERS:
        raise SystemSizeError(f"{NAME} takes 4 to 14 athletes, not {athletes}")
    graph = Graph(NAME, athletes)
    pool_a = Graph(NAME, athletes)
    pool_b = Graph(NAME, athletes)
    add_pool(pool_a, "A", 0, size_a, "POOL A")
    add_pool(pool_b, "B", size_a, size_b, "POOL B")
    graph.pools = {**pool_a.pools, **pool_b.pools}
    for a, b in zip_longest(pool_a.contests, pool_b.contests):
        for bout in (a, b):
            if bout is not None:
                graph.add(bout.round, bout.white, bout.blue, pool=bout.pool)
    semis = [graph.add("SF", PoolRank("A", 1), PoolRank("B", 2)),
             graph.add("SF", PoolRank("B", 1), PoolRank("A", 2))]
    final = graph.add("F", WinnerOf(semis[0]), WinnerOf(semis[1]))
    graph.place(1, WinnerOf(final))
    graph.place(2, LoserOf(final))
    graph.place(3, *(LoserOf(n) for n in semis))
    for rank in range(3, size_a + 1):
        graph.place(2 * rank - 1, PoolRank("A", rank))
        if rank <= size_b:
            graph.place(2 * rank - 1, PoolRank("B", rank))
    return graph.system()

"""Best of three for a category of two: the first to two wins; the third contest is fought
only at one win each. Round label BO3 for all three."""

from __future__ import annotations

from ippon.tournament.model import Entry, PoolRank, System, SystemSizeError
from ippon.tournament.systems.graph import Graph

NAME = "best-of-three"
ROUND = "BO3"


def build(athletes: int) -> System:
    if athletes != 2:
        raise SystemSizeError(f"{NAME} is for exactly 2 athletes, not {athletes}")
    graph = Graph(NAME, 2)
    graph.pools["A"] = (0, 1)
    for contest in range(3):
        graph.add(ROUND, Entry(0), Entry(1), pool="A", unless_wins=2 if contest == 2 else None)
    graph.place(1, PoolRank("A", 1))
    graph.place(2, PoolRank("A", 2))
    return graph.system()

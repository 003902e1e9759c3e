"""Double elimination: nobody is out before their second defeat.

Winners' bracket rounds W1 … Wk; the losers' bracket alternates a round among its own survivors
(L1, L3, …) with a round where they meet the athletes just beaten in the winners' bracket (L2,
L4, …; every other drop-in is reversed to avoid early rematches); the grand final GF matches the
two brackets' winners, once (no reset contest). Placings: 1, 2, then the losers of each losers'
round share the place after everyone who went further: 3, 4, 5, 5, 7, 7, …
"""

from __future__ import annotations

from ippon.tournament.model import Entry, Feed, LoserOf, System, WinnerOf
from ippon.tournament.systems.graph import Graph, require_power_of_two, winners

NAME = "double-elimination"


def build(lines: int) -> System:
    rounds = require_power_of_two(NAME, lines, 4)
    graph = Graph(NAME, lines)
    feeds: list[Feed] = [Entry(i) for i in range(lines)]
    upper: list[list[int]] = []
    for r in range(rounds):
        upper.append(graph.knockout_round(feeds, f"W{r + 1}"))
        feeds = winners(upper[-1])
    lower: list[list[int]] = [graph.knockout_round([LoserOf(n) for n in upper[0]], "L1")]
    for r in range(1, rounds):
        drops: list[Feed] = [LoserOf(n) for n in upper[r]]
        if r % 2:
            drops.reverse()
        survivors = winners(lower[-1])
        label = f"L{len(lower) + 1}"
        lower.append([graph.add(label, s, d) for s, d in zip(survivors, drops, strict=True)])
        if r < rounds - 1:
            lower.append(graph.knockout_round(winners(lower[-1]), f"L{len(lower) + 1}"))
    final = graph.add("GF", WinnerOf(upper[-1][0]), WinnerOf(lower[-1][0]))
    graph.place(1, WinnerOf(final))
    graph.place(2, LoserOf(final))
    placed = 2
    for numbers in reversed(lower):
        graph.place(placed + 1, *(LoserOf(n) for n in numbers))
        placed += len(numbers)
    return graph.system()

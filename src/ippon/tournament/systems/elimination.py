"""Single elimination. Placings: 1, 2, then the losers of each round share the place after
everyone who went further: 3, 3 (semi-finals), 5 ×4 (quarter-finals), 9 ×8, …"""

from __future__ import annotations

from ippon.tournament.model import Entry, Feed, LoserOf, System, WinnerOf
from ippon.tournament.systems.graph import Graph, require_power_of_two, round_label, winners

NAME = "single-elimination"


def build(lines: int) -> System:
    require_power_of_two(NAME, lines, 2)
    graph = Graph(NAME, lines)
    rounds = main_draw(graph, [Entry(i) for i in range(lines)], stop=1)
    final = rounds[-1][0]
    graph.place(1, WinnerOf(final))
    graph.place(2, LoserOf(final))
    for numbers in reversed(rounds[:-1]):
        graph.place(len(numbers) + 1, *(LoserOf(n) for n in numbers))
    return graph.system()


def main_draw(graph: Graph, feeds: list[Feed], stop: int) -> list[list[int]]:
    """Play knockout rounds down to the round of `stop` contests (included)."""
    rounds: list[list[int]] = []
    while len(feeds) >= 2 * stop:
        rounds.append(graph.knockout_round(feeds, round_label(len(feeds) // 2)))
        feeds = winners(rounds[-1])
    return rounds

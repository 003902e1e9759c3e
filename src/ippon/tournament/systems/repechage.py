"""Elimination with repechage: the IJF quarter-final repechage (RULES §11.2), the double
repechage of Athens 2004 and Beijing 2008 (§11.3), and its "losers to the finalists" variant.

Pools A–D are the four quarters of the draw. Order of play: main draw to the quarter-finals,
repechage, semi-finals, bronze contests, final. Placings: 1, 2, 3, 3 (bronze winners), 5, 5
(bronze losers), 7, 7 (losers of the last repechage contest of each half).
"""

from __future__ import annotations

from ippon.tournament.model import BeatenBy, Entry, Feed, LoserOf, System, WinnerOf
from ippon.tournament.systems.elimination import main_draw
from ippon.tournament.systems.graph import Graph, require_power_of_two, winners

QUARTER_FINAL = "ijf-repechage"
DOUBLE = "double-repechage"
FULL = "full-repechage"


def build_quarter_final(lines: int) -> System:
    """The two quarter-final losers of each half meet; the winner fights for bronze."""
    require_power_of_two(QUARTER_FINAL, lines, 8)
    graph = Graph(QUARTER_FINAL, lines)
    quarters = main_draw(graph, [Entry(i) for i in range(lines)], stop=4)[-1]
    repechage = [graph.add("REP", LoserOf(quarters[0]), LoserOf(quarters[1])),
                 graph.add("REP", LoserOf(quarters[2]), LoserOf(quarters[3]))]
    return _finish(graph, quarters, repechage, [WinnerOf(n) for n in repechage])


def build_double(lines: int) -> System:
    """Everyone beaten by a pool winner (semi-finalist) fights a chain, earliest round first;
    the chain winners of pools A and B (C and D) meet in a repechage final."""
    rounds = require_power_of_two(DOUBLE, lines, 8) - 2  # rounds up to the quarter-final
    graph = Graph(DOUBLE, lines)
    quarters = main_draw(graph, [Entry(i) for i in range(lines)], stop=4)[-1]
    chains = _chains(graph, [(q, list(range(rounds - 1, -1, -1))) for q in quarters])
    repechage = [graph.add("REP F", chains[0], chains[1]), graph.add("REP F", chains[2], chains[3])]
    return _finish(graph, quarters, repechage, [WinnerOf(n) for n in repechage])


def build_full(lines: int) -> System:
    """Everyone beaten by a finalist before the semi-final fights a chain in their half; the
    chain winner meets the losing semi-finalist of the other half for bronze."""
    rounds = require_power_of_two(FULL, lines, 8) - 2  # rounds before the semi-final
    graph = Graph(FULL, lines)
    quarters = main_draw(graph, [Entry(i) for i in range(lines)], stop=4)[-1]
    semis = graph.knockout_round(winners(quarters), "SF")
    before = len(graph.contests)
    chains = _chains(graph, [(s, list(range(rounds, 0, -1))) for s in semis])
    last_chain = [c.number for c in graph.contests[before:]][-2:] if rounds > 1 else []
    bronze = [graph.add("BRONZE", chains[0], LoserOf(semis[1])),
              graph.add("BRONZE", chains[1], LoserOf(semis[0]))]
    final = graph.add("F", WinnerOf(semis[0]), WinnerOf(semis[1]))
    _place(graph, final, bronze, last_chain)
    return graph.system()


def _chains(graph: Graph, paths: list[tuple[int, list[int]]]) -> list[Feed]:
    """One chain per (contest, backs): the athletes its winner beat, in the order of `backs`.
    Chains advance step by step together, so that their contests interleave in play."""
    heads: list[Feed] = [BeatenBy(contest, backs[0]) for contest, backs in paths]
    for step in range(1, len(paths[0][1])):
        for i, (contest, backs) in enumerate(paths):
            heads[i] = WinnerOf(graph.add("REP", heads[i], BeatenBy(contest, backs[step])))
    return heads


def _finish(graph: Graph, quarters: list[int], repechage: list[int], to_bronze: list[Feed]
            ) -> System:
    semis = graph.knockout_round(winners(quarters), "SF")
    # Each half's repechage winner meets the loser of the other half's semi-final.
    bronze = [graph.add("BRONZE", to_bronze[0], LoserOf(semis[1])),
              graph.add("BRONZE", to_bronze[1], LoserOf(semis[0]))]
    final = graph.add("F", WinnerOf(semis[0]), WinnerOf(semis[1]))
    _place(graph, final, bronze, repechage)
    return graph.system()


def _place(graph: Graph, final: int, bronze: list[int], seventh: list[int]) -> None:
    graph.place(1, WinnerOf(final))
    graph.place(2, LoserOf(final))
    graph.place(3, *(WinnerOf(n) for n in bronze))
    graph.place(5, *(LoserOf(n) for n in bronze))
    graph.place(7, *(LoserOf(n) for n in seventh))

"""Benchmark of the competition engine: draw, build and play a 1,500-athlete tournament.

    .venv/bin/python benchmarks/bench_tournament.py                 # 1,500 athletes
    .venv/bin/python benchmarks/bench_tournament.py --athletes 3000 --seed 7

A tournament is generated from a seeded random.Random (not timed): about 150 categories of the
shipped tables (IJF seniors, juniors and cadets, veterans M1-M5, the example kids' table) with a
skewed size spread (many of 2-8, a few of 40-80, as at real events), 40 countries of very
different team sizes (a few large, many small) and 300 clubs nested in them; categories of 8
or more get up to 8 seeds. Then, timed stage by stage:

1. **draw**: every category with `draw` (brackets) or `draw_pools` (pools), by the default
   system for its size (`systems.default_system`);
2. **build**: every category's contest graph (`systems.build`);
3. **play**: every contest derived and given a random result (`bracket.derive`), to the end;
4. **replay**: the recorded results fed back into a `Bracket` and re-derived, as a server does
   after loading a category, and checked against the played placings;
5. **medals**: medal tables by country and by club.

Times are CPU time of the process (`time.process_time`), which other work on a shared machine
skews less than wall-clock time; both are printed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ippon.rules import get_ruleset
from ippon.tournament.bracket import Bracket, ContestState, Progress, Recorded, Status, derive
from ippon.tournament.categories import Sex, load_table
from ippon.tournament.draw import Entrant, draw, draw_pools
from ippon.tournament.medals import medal_table
from ippon.tournament.model import Athlete, Result, Side, System
from ippon.tournament.systems import BRACKETS, build, default_system

POINTS = get_ruleset("ijf2025").win_points
GOAL_SECONDS = 1.0


@dataclass
class Category:
    name: str
    entrants: list[Entrant]
    system: str = ""
    lines: list[str | None] | None = None
    graph: System | None = None
    progress: Progress | None = None


def category_names() -> list[str]:
    names = []
    for key, groups in (("ijf-seniors", None), ("ijf-juniors", None), ("ijf-cadets", None),
                        ("veterans", {"m1", "m2", "m3", "m4", "m5"}),
                        ("kids-example", {"u13", "u15"})):
        table = load_table(key)
        for sex in Sex:
            names += [c.name for c in table.categories(sex)
                      if groups is None or c.age_group.key in groups]
    return names


def generate(athletes: int, rng: random.Random) -> list[Category]:
    names = category_names()
    rng.shuffle(names)
    names = names[: max(1, min(len(names), athletes // 10))]
    # Country team sizes fall off steeply (a host nation and a few big ones, many of 1-3).
    countries = [f"C{i:02d}" for i in range(40)]
    country_weight = [1 / (i + 1) ** 1.1 for i in range(40)]
    clubs = {c: [f"{c}-club{j}" for j in range(max(1, round(300 * w / sum(country_weight))))]
             for c, w in zip(countries, country_weight, strict=True)}
    # Category sizes: heavy-tailed, at least 2, at most 80, adding up to `athletes`.
    weights = [rng.paretovariate(1.6) for _ in names]
    sizes = [max(2, min(80, round(athletes * w / sum(weights)))) for w in weights]
    while sum(sizes) != athletes:
        k = rng.randrange(len(sizes))
        step = 1 if sum(sizes) < athletes else -1
        if 2 <= sizes[k] + step <= 80:
            sizes[k] += step
    out = []
    serial = 0
    for name, size in zip(names, sizes, strict=True):
        entrants = []
        seeds = min(8, size // 2) if size >= 8 else 0
        for k in range(size):
            country = rng.choices(countries, country_weight)[0]
            serial += 1
            entrants.append(Entrant(f"ATHLETE {serial:05d}", country, rng.choice(clubs[country]),
                                    seed=k + 1 if k < seeds else None))
        out.append(Category(name, entrants))
    return out


def random_result(rng: random.Random) -> Callable[[ContestState], Result]:
    def fight(state: ContestState) -> Result:
        return Result(rng.choice((Side.WHITE, Side.BLUE)),
                      value=rng.choice(("ippon", "waza-ari", "waza-ari", None)))
    return fight


def run(athletes: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    categories = generate(athletes, rng)
    timings: dict[str, tuple[float, float]] = {}  # stage -> (CPU seconds, wall seconds)

    def stage(name: str, work: Callable[[], None]) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        work()
        timings[name] = (time.process_time() - cpu, time.perf_counter() - wall)

    def do_draws() -> None:
        for number, cat in enumerate(categories):
            n = len(cat.entrants)
            cat.system = default_system(n)
            draw_seed = seed * 1000 + number
            if cat.system in BRACKETS:
                cat.lines = draw(cat.entrants, draw_seed).slots
            else:
                pools = 2 if cat.system == "double-pool" else 1
                result = draw_pools(cat.entrants, draw_seed, pools=pools)
                cat.lines = [a for pool in result.pools for a in pool]

    def do_build() -> None:
        for cat in categories:
            assert cat.lines is not None
            cat.graph = build(cat.system, len(cat.lines))

    play_rng = random.Random(seed + 1)

    def do_play() -> None:
        fight = random_result(play_rng)
        for cat in categories:
            assert cat.graph is not None
            assert cat.lines is not None
            cat.progress = derive(cat.graph, cat.lines, fight, POINTS)

    def do_replay() -> None:
        for cat in categories:
            assert cat.graph is not None
            assert cat.lines is not None
            assert cat.progress is not None
            results = {s.number: Recorded(s.white, s.blue, s.result)
                       for s in cat.progress.contests
                       if s.status is Status.DECIDED and s.white and s.blue and s.result}
            bracket = Bracket(cat.graph, tuple(cat.lines), POINTS, results=results)
            if bracket.progress.placings != cat.progress.placings:
                raise SystemExit(f"{cat.name}: the replay does not give the played placings")

    tables: dict[str, int] = {}

    def do_medals() -> None:
        placings: dict[str, dict[int | str, list[Athlete]]] = {}
        country: dict[str, str | None] = {}
        club: dict[str, str | None] = {}
        for cat in categories:
            assert cat.progress is not None
            placings[cat.name] = {k: list(v) for k, v in cat.progress.placings.items()}
            for e in cat.entrants:
                country[e.id], club[e.id] = e.country, e.club
        tables["countries"] = len(medal_table(placings, country))
        tables["clubs"] = len(medal_table(placings, club))

    stage("draw", do_draws)
    stage("build", do_build)
    stage("play", do_play)
    stage("replay", do_replay)
    stage("medals", do_medals)
    contests = sum(1 for c in categories if c.progress
                   for s in c.progress.contests if s.status is Status.DECIDED)
    sizes = Counter(len(c.entrants) for c in categories)
    return {"categories": len(categories), "athletes": sum(sizes.elements()),
            "largest": max(sizes), "systems": Counter(c.system for c in categories),
            "contests": contests, "timings": timings, "tables": tables}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--athletes", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    figures = run(args.athletes, args.seed)
    timings = figures["timings"]
    cpu_total = sum(cpu for cpu, _ in timings.values())
    wall_total = sum(wall for _, wall in timings.values())
    systems = ", ".join(f"{name} {n}" for name, n in sorted(figures["systems"].items()))
    print(f"{figures['athletes']} athletes in {figures['categories']} categories "
          f"(largest {figures['largest']}; {systems})")
    print(f"{figures['contests']} contests fought; medal tables of "
          f"{figures['tables']['countries']} countries and {figures['tables']['clubs']} clubs")
    print(f"  {'stage':<7} {'CPU':>9} {'wall':>9}")
    for name, (cpu, wall) in timings.items():
        print(f"  {name:<7} {cpu * 1000:6.1f} ms {wall * 1000:6.1f} ms")
    verdict = "within" if cpu_total < GOAL_SECONDS else "OVER"
    print(f"  {'total':<7} {cpu_total * 1000:6.1f} ms {wall_total * 1000:6.1f} ms "
          f"(CPU time {verdict} the {GOAL_SECONDS:.0f} s goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

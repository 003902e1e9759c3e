"""Benchmark of the rules engine: replay generated contest logs, then query `state_at`.

    .venv/bin/python benchmarks/bench_rules.py            # 100,000 logs
    .venv/bin/python benchmarks/bench_rules.py --quick    # 5,000 logs

Logs are generated from a seeded random.Random, in every era, by a simulated table official who
only presses what the rules accept at that moment (the generator asks a Contest), so the replay
measures the ordinary path: no refused events, a cancel now and then. Generation is not timed.
Times are the process's CPU time, so other work on the machine does not skew the figures."""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator

from ippon.rules import (
    RULESETS,
    Cancel,
    Contest,
    Event,
    Hajime,
    Hantei,
    IllegalEvent,
    Mate,
    Medical,
    Osaekomi,
    Ruleset,
    Score,
    ScoreValue,
    Shido,
    Side,
    SonoMama,
    Toketa,
    Yoshi,
    dump_log,
    parse_log,
)

SIDES: tuple[Side, Side] = ("white", "blue")


def generate(rng: random.Random, rules: Ruleset) -> list[Event]:
    """One plausible contest: exchanges of grips, throws, holds, shido, now and then a
    correction, until the contest ends (or after golden score has run a while)."""
    contest = Contest(rules)
    events: list[Event] = []
    t = 0.0
    line = 0
    throws: list[ScoreValue] = [v for v in rules.scores if v != "ippon"]

    def press(event: Event) -> bool:
        try:
            contest.push(event)
        except IllegalEvent:
            contest.pop()
            return False
        events.append(event)
        return True

    def next_line() -> int:
        nonlocal line
        line += 1 + (rng.random() < 0.02)  # a blank line now and then
        return line

    press(Hajime(t, next_line()))
    for _ in range(80):
        state = contest.state_at(t)
        if state.status == "ended":
            break
        if state.status == "awaiting-golden-score":
            t += rng.uniform(2, 10)
            press(Hajime(round(t, 1), next_line()))
            continue
        if state.status == "awaiting-hantei":
            t += rng.uniform(2, 10)
            flags = (rng.choice(SIDES), rng.choice(SIDES), rng.choice(SIDES))
            press(Hantei(round(t, 1), next_line(), flags))
            break
        side = rng.choice(SIDES)
        if not state.clock_running:
            t += rng.uniform(3, 15)
            if state.osaekomi is not None:
                press(Toketa(round(t, 1), next_line()))
            else:
                press(Hajime(round(t, 1), next_line()))
            continue
        t += rng.expovariate(1 / 18)
        at = round(t, 1)
        roll = rng.random()
        if roll < 0.40:
            press(Mate(at, next_line()))
        elif roll < 0.50:
            value = "ippon" if rng.random() < 0.08 else rng.choice(throws)
            press(Score(at, next_line(), side, value))
        elif roll < 0.60:
            press(Shido(at, next_line(), side))
        elif roll < 0.72 and state.osaekomi is None:
            if press(Osaekomi(at, next_line(), side)):
                t += rng.uniform(1, 24)
                ending: Event = (Toketa if rng.random() < 0.7 else Mate)(round(t, 1), next_line())
                press(ending)
        elif roll < 0.75:
            if press(SonoMama(at, next_line())):
                t += rng.uniform(2, 8)
                press(Yoshi(round(t, 1), next_line()))
        elif roll < 0.78:
            press(Medical(at, next_line(), side))
        elif roll < 0.80 and events:
            target = rng.choice(events)
            if not isinstance(target, Cancel):
                press(Cancel(at, next_line(), target.line))
    return events


Batch = list[tuple[Ruleset, list[Event]]]


def batches(total: int, seed: int, size: int = 5_000) -> Iterator[Batch]:
    rng = random.Random(seed)
    eras = list(RULESETS.values())
    made = 0
    while made < total:
        n = min(size, total - made)
        yield [(eras[(made + i) % len(eras)], generate(rng, eras[(made + i) % len(eras)]))
               for i in range(n)]
        made += n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 logs instead of 100,000")
    parser.add_argument("--logs", type=int, help="how many logs (overrides --quick)")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    total = args.logs or (5_000 if args.quick else 100_000)
    rng = random.Random(args.seed + 1)

    events_total = replay_time = state_time = parse_time = 0.0
    queries = parsed_events = 0
    for batch in batches(total, args.seed):
        # Replay and query in chunks of 500 contests, as a mat's day keeps a few hundred in
        # memory: holding thousands of finished contests would mostly measure the garbage
        # collector walking them.
        for first in range(0, len(batch), 500):
            chunk = batch[first:first + 500]
            start = time.process_time()
            contests = []
            for rules, events in chunk:
                contest = Contest(rules)
                push = contest.push
                for event in events:
                    push(event)
                contests.append(contest)
            replay_time += time.process_time() - start
            events_total += sum(len(events) for _, events in chunk)

            moments = [(contest, [rng.uniform(0, events[-1].at + 30) for _ in range(10)])
                       for contest, (_, events) in zip(contests, chunk, strict=True)]
            start = time.process_time()
            for contest, ts in moments:
                state_at = contest.state_at
                for t in ts:
                    state_at(t)
            state_time += time.process_time() - start
            queries += sum(len(ts) for _, ts in moments)

        texts = [dump_log(events) for _, events in batch[:500]]
        start = time.process_time()
        for text in texts:
            parsed_events += len(parse_log(text))
        parse_time += time.process_time() - start

    print(f"logs replayed:     {total:,} ({events_total:,.0f} events, all seven eras)")
    print(f"replay:            {events_total / replay_time:,.0f} events/s "
          f"({replay_time:.2f} s, {replay_time / events_total * 1e6:.2f} µs per event)")
    print(f"state_at:          {state_time / queries * 1e6:.2f} µs mean over {queries:,} queries")
    print(f"parse (JSON Lines): {parsed_events / parse_time:,.0f} events/s (not part of replay)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

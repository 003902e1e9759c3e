"""Bracket geometry for the draw: bracket size, the IJF seed lines (RULES §11.5) and byes (§11.1).

Lines are numbered 0..size-1 from the top. The bracket's four quarters are the pools A, B, C, D.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["MAX_SEEDS", "bracket_size", "bye_lines", "seed_capacity", "seed_line"]

MAX_SEEDS = 8

# Seed -> (pool, at the pool's bottom line). The two seeds of a pool are on opposite halves of
# it, so if the seeds win the quarter-finals are 1-8, 4-5, 3-6, 2-7 and the semi-finals 1-4, 2-3.
_PLACES = {1: (0, False), 8: (0, True), 4: (1, False), 5: (1, True),
           3: (2, False), 6: (2, True), 2: (3, False), 7: (3, True)}


def bracket_size(entrants: int) -> int:
    """The smallest power of two that holds every entrant."""
    if entrants < 1:
        raise ValueError("a bracket needs at least one entrant")
    return 1 << (entrants - 1).bit_length()


def seed_capacity(size: int, limit: int = MAX_SEEDS) -> int:
    """How many seeds a bracket of `size` lines takes: at most half its lines, so that every seed
    meets an unseeded athlete in the first round, and never more than `limit` (8)."""
    return max(0, min(limit, MAX_SEEDS, size // 2))


def seed_line(seed: int, size: int) -> int:
    """The line of seed 1..8: pool A holds 1 (top) and 8 (bottom), B 4 and 5, C 3 and 6, D 2 and 7.
    Brackets of two lines have no pools: seed 1 is on the top line."""
    if not 1 <= seed <= seed_capacity(size):
        raise ValueError(f"a bracket of {size} lines takes seeds 1 to {seed_capacity(size)}, "
                         f"not {seed}")
    if size < 4:
        return 0
    pool, bottom = _PLACES[seed]
    quarter = size // 4
    return pool * quarter + (quarter - 1 if bottom else 0)


def bye_lines(size: int, entrants: int, seeded_lines: Sequence[int]) -> list[int]:
    """The empty lines, chosen without randomness so that the draw only moves athletes.

    Seeds get byes first, in seed order (`seeded_lines` is ordered seed 1, 2, ...). The other byes
    are spread evenly: at every node of the bracket, the byes of its two halves differ by at most
    one where the seeds' byes allow. A first-round pair never holds two byes, so nobody gets two.
    """
    byes = size - entrants
    if byes < 0 or byes > size // 2:
        raise ValueError(f"{entrants} entrants do not fit a bracket of {size} lines")
    taken: set[int] = set()  # pairs (line // 2) that already hold a bye or a seed's bye
    lines: list[int] = []
    for line in seeded_lines[:byes]:
        lines.append(line ^ 1)
        taken.add(line // 2)
    seeded_pairs = {line // 2 for line in seeded_lines}
    pairs = size // 2
    free = [p not in taken and p not in seeded_pairs for p in range(pairs)]
    have = [p in taken for p in range(pairs)]
    _spread(0, pairs, byes, free, have, 0)
    lines.extend(2 * p + 1 for p in range(pairs) if have[p] and p not in taken)
    return sorted(lines)


def _spread(lo: int, hi: int, target: int, free: list[bool], have: list[bool], index: int) -> None:
    """Put byes on free pairs in [lo, hi) until the range holds `target` byes, half and half."""
    if hi - lo <= 1:
        if hi > lo and target > sum(have[lo:hi]) and free[lo]:
            have[lo] = True
        return
    mid = (lo + hi) // 2
    sides = [(lo, mid), (mid, hi)]
    existing = [sum(have[a:b]) for a, b in sides]
    room = [existing[k] + sum(free[a:b]) for k, (a, b) in enumerate(sides)]
    # The odd bye goes to the side with fewer byes, or alternately top and bottom by node index.
    first = 0 if existing[0] < existing[1] else 1 if existing[1] < existing[0] else index % 2
    ideal = (target + 1) // 2 if first == 0 else target // 2
    # Clamp to what each side can hold and already holds; the closest value is the most even.
    top = min(max(ideal, existing[0], target - room[1]), room[0], target - existing[1])
    want = [top, target - top]
    for k, (a, b) in enumerate(sides):
        _spread(a, b, want[k], free, have, 2 * index + k)

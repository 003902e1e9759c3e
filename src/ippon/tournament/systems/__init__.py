"""Every competition system, by name, and the default system for a category's size."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ippon.tournament.model import System, SystemSizeError, UnknownSystemError
from ippon.tournament.systems import (
    best_of_three,
    double_elimination,
    double_pool,
    elimination,
    pool,
    repechage,
)

BUILDERS: dict[str, Callable[[int], System]] = {
    repechage.QUARTER_FINAL: repechage.build_quarter_final,
    repechage.DOUBLE: repechage.build_double,
    repechage.FULL: repechage.build_full,
    elimination.NAME: elimination.build,
    double_elimination.NAME: double_elimination.build,
    pool.NAME: pool.build,
    best_of_three.NAME: best_of_three.build,
    double_pool.NAME: double_pool.build,
}

# Systems drawn as a bracket (`draw.draw`: a power of two of lines, empty lines allowed); the
# others take athletes in pool order (`draw.draw_pools`).
BRACKETS = frozenset({repechage.QUARTER_FINAL, repechage.DOUBLE, repechage.FULL,
                      elimination.NAME, double_elimination.NAME})

DEFAULT_SYSTEMS: tuple[tuple[int, str], ...] = ((1, pool.NAME), (6, double_pool.NAME),
                                                 (8, repechage.QUARTER_FINAL))
"""From how many athletes on each system applies (RULES §11.4: pools up to 5, 6–7 two pools)."""


def build(name: str, size: int) -> System:
    """The system `name` for `size` lines (brackets) or athletes (pools)."""
    if name not in BUILDERS:
        known = ", ".join(sorted(BUILDERS))
        raise UnknownSystemError(f"unknown competition system {name!r}; expected one of {known}")
    return BUILDERS[name](size)


def default_system(athletes: int, table: Sequence[tuple[int, str]] = DEFAULT_SYSTEMS) -> str:
    """The system for a category of `athletes`: the last row of `table` whose threshold it meets."""
    chosen = [name for threshold, name in table if athletes >= threshold]
    if not chosen:
        raise SystemSizeError(f"no competition system is configured for {athletes} athletes")
    return chosen[-1]


"""Helpers that the system modules share to write their contest graphs."""

from __future__ import annotations

from collections.abc import Sequence

from ippon.tournament.model import Contest, Feed, Placing, System, SystemSizeError, WinnerOf


class Graph:
    """Contests are numbered in the order they are added, which is their order of play."""

    def __init__(self, name: str, lines: int) -> None:
        self.name, self.lines = name, lines
        self.contests: list[Contest] = []
        self.placings: list[Placing] = []
        self.pools: dict[str, tuple[int, ...]] = {}

    def add(self, round: str, white: Feed, blue: Feed, *, pool: str | None = None,
            unless_wins: int | None = None) -> int:
        number = len(self.contests) + 1
        self.contests.append(Contest(number, round, white, blue, pool, unless_wins))
        return number

    def knockout_round(self, feeds: Sequence[Feed], round: str) -> list[int]:
        """Pair adjacent feeds, the upper one white."""
        return [self.add(round, feeds[i], feeds[i + 1]) for i in range(0, len(feeds), 2)]

    def place(self, place: int, *feeds: Feed) -> None:
        self.placings.extend(Placing(place, feed) for feed in feeds)

    def system(self) -> System:
        return System(self.name, self.lines, tuple(self.contests), tuple(self.placings),
                      dict(self.pools))


def round_label(contests: int) -> str:
    """F, SF, QF, then R16, R32, … by the number of athletes the round starts with."""
    return {1: "F", 2: "SF", 4: "QF"}.get(contests, f"R{2 * contests}")


def winners(numbers: Sequence[int]) -> list[Feed]:
    return [WinnerOf(n) for n in numbers]


def require_power_of_two(name: str, lines: int, minimum: int) -> int:
    """Check an elimination bracket size; return the number of rounds of its main draw."""
    if lines < minimum or lines & (lines - 1):
        raise SystemSizeError(
            f"{name} needs a power of two of at least {minimum} lines, not {lines}"
        )
    return lines.bit_length() - 1

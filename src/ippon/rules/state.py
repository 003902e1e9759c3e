"""What the engine tells the world: the scoreboard of one side, the contest at a moment, and
the outcome. All three are immutable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple, TypeAlias

from ippon.rules.events import ScoreValue, Side

Status: TypeAlias = Literal["running", "ended", "awaiting-golden-score", "awaiting-hantei"]
Method: TypeAlias = Literal[
    "ippon", "waza-ari-awasete-ippon", "sogo-gachi", "yusei-gachi", "shido", "hantei",
    "hansoku-make", "kiken-gachi", "fusen-gachi",
]
# "both" only when both athletes receive a direct hansoku-make that excludes, at the same instant.
Excluded: TypeAlias = Literal["white", "blue", "both"]

# The methods that count as a win by ippon (for pool points, RULES §11.4).
IPPON_METHODS = frozenset(
    {"ippon", "waza-ari-awasete-ippon", "sogo-gachi", "hansoku-make", "kiken-gachi", "fusen-gachi"}
)


class Board(NamedTuple):
    """One side's scoreboard. Technical scores (throws, holds, submissions) and penalties given
    to this side; `penalty_*` are the scores this side was credited with by the opponent's shido
    under the 2003 and 2009 ladders."""

    ippon: int = 0
    waza_ari: int = 0
    yuko: int = 0
    koka: int = 0
    shido: int = 0
    hansoku_make: bool = False
    penalty_waza_ari: int = 0
    penalty_yuko: int = 0
    penalty_koka: int = 0
    medical: int = 0

    def effective(self) -> tuple[int, int, int]:
        """(waza-ari, yuko, koka) counting technical and penalty-derived scores alike."""
        return (self.waza_ari + self.penalty_waza_ari, self.yuko + self.penalty_yuko,
                self.koka + self.penalty_koka)


@dataclass(frozen=True, slots=True)
class Outcome:
    winner: Side | None
    method: Method
    # For yusei-gachi: the highest value where the sides differ (in golden score: the value that
    # broke the tie). None for every other method.
    decided_by: ScoreValue | None
    golden_score: bool  # decided in golden score (or by hantei after it)
    excluded: Excluded | None  # excluded from the rest of the tournament
    # The highest score the winner held, for pool points (`Ruleset.win_points`): "ippon" for
    # ippon-like wins, None for a decision (shido, hantei) or when nobody won.
    value: ScoreValue | None


@dataclass(frozen=True, slots=True)
class State:
    """The contest at time `t`, including what time itself did by then (the clock, the bell,
    osaekomi thresholds, the golden-score limit)."""

    t: float
    status: Status
    golden_score: bool  # the contest is in (or was decided in) golden score
    winner: Side | None
    method: Method | None
    decided_by: ScoreValue | None
    excluded: Excluded | None
    white: Board
    blue: Board
    regular_time: float  # the regular clock, never beyond the contest time
    golden_score_time: float  # the golden-score clock, from 0
    clock_running: bool
    osaekomi: Side | None  # who holds, while a hold runs (or is frozen by sono-mama)
    osaekomi_time: float
    # An administrative decision (a correction) gives the value of the win itself.
    decision_value: ScoreValue | None = None
    by_decision: bool = False

    def board(self, side: Side) -> Board:
        return self.white if side == "white" else self.blue

    @property
    def ended(self) -> bool:
        return self.status == "ended"

    @property
    def outcome(self) -> Outcome | None:
        """The result once the contest has ended, else None."""
        if self.status != "ended" or self.method is None:
            return None
        return Outcome(self.winner, self.method, self.decided_by, self.golden_score,
                       self.excluded, self._win_value())

    def _win_value(self) -> ScoreValue | None:
        if self.winner is None or self.method in ("shido", "hantei"):
            return None
        if self.by_decision and self.method not in IPPON_METHODS:
            return self.decision_value
        if self.method in IPPON_METHODS:
            return "ippon"
        waza_ari, yuko, koka = self.board(self.winner).effective()
        if waza_ari:
            return "waza-ari"
        if yuko:
            return "yuko"
        return "koka" if koka else None

"""The fold: the engine's private contest state, what time does to it, and the decisions.

`Fold` is time-independent: clocks are stored as a value at an anchor time, so the state does not
change while time passes unless something happens (the bell, an osaekomi threshold, the
golden-score limit). `advance` applies those time-derived changes up to a moment; `handlers.py`
applies events. Each step copies the previous fold and never mutates it, which keeps the history
valid for `Contest.state_at` and `Contest.pop`.

Times within `EPS` are equal: the table's clock is summed from many intervals, and an event
stamped "exactly at the bell" must not miss it by a rounding error."""

from __future__ import annotations

from typing import NamedTuple

from ippon.rules.events import ScoreValue, Side, opponent
from ippon.rules.ruleset import Ruleset
from ippon.rules.state import Board, Excluded, Method, State, Status

EPS = 1e-6
INF = float("inf")

RUNNING: Status = "running"
ENDED: Status = "ended"
AWAITING_GS: Status = "awaiting-golden-score"
AWAITING_HANTEI: Status = "awaiting-hantei"

TECHNICAL = {"ippon": 0, "waza-ari": 1, "yuko": 2, "koka": 3}
PENALTY = {"waza-ari": 6, "yuko": 7, "koka": 8}
_DIFF_VALUES: tuple[ScoreValue, ...] = ("waza-ari", "yuko", "koka")


def side_name(side: Side) -> str:
    return "White" if side == "white" else "Blue"


class Result(NamedTuple):
    """How the contest ended."""

    winner: Side | None
    method: Method
    decided_by: ScoreValue | None
    excluded: Excluded | None
    at: float  # when it ended
    golden: bool  # in golden score
    decision: bool = False  # given by an administrative decision (a correction)
    value: ScoreValue | None = None  # the decision's value of the win


class Fold:
    __slots__ = (
        "anchor", "blue", "clock", "golden", "gs_shido_loser", "hold_anchor", "hold_base",
        "hold_next", "hold_running", "hold_side", "hold_value", "regular", "result", "running",
        "sono_clock", "sono_mama", "started", "status", "time_up", "white",
    )

    def __init__(self) -> None:
        self.status: Status = RUNNING
        self.golden = False  # in golden score (or awaiting hantei after it)
        self.started = False  # a hajime has been given
        self.time_up = False  # the clock of the current phase reached its limit
        self.running = False  # the contest clock runs
        self.clock = 0.0  # the current phase's clock at `anchor`
        self.anchor = 0.0
        self.regular = 0.0  # the regular clock, frozen once golden score starts
        self.sono_mama = False
        self.sono_clock = False  # the clock ran when sono-mama froze it
        self.hold_side: Side | None = None
        self.hold_base = 0.0  # hold time at `hold_anchor`
        self.hold_anchor = 0.0
        self.hold_running = False
        self.hold_value: ScoreValue | None = None  # the score this hold has credited so far
        self.hold_next = 0  # index of the next osaekomi threshold
        self.white = Board()
        self.blue = Board()
        self.result: Result | None = None  # set when the contest ends
        self.gs_shido_loser: Side | None = None  # first athlete penalised in golden score

    def copy(self) -> Fold:
        new = Fold.__new__(Fold)
        new.status = self.status
        new.golden = self.golden
        new.started = self.started
        new.time_up = self.time_up
        new.running = self.running
        new.clock = self.clock
        new.anchor = self.anchor
        new.regular = self.regular
        new.sono_mama = self.sono_mama
        new.sono_clock = self.sono_clock
        new.hold_side = self.hold_side
        new.hold_base = self.hold_base
        new.hold_anchor = self.hold_anchor
        new.hold_running = self.hold_running
        new.hold_value = self.hold_value
        new.hold_next = self.hold_next
        new.white = self.white
        new.blue = self.blue
        new.result = self.result
        new.gs_shido_loser = self.gs_shido_loser
        return new

    def board(self, side: Side) -> Board:
        return self.white if side == "white" else self.blue

    def set_board(self, side: Side, board: Board) -> None:
        if side == "white":
            self.white = board
        else:
            self.blue = board


def _limit(rules: Ruleset, f: Fold) -> float | None:
    return rules.golden_score_limit if f.golden else rules.contest_time


def bell_time(rules: Ruleset, f: Fold) -> float:
    """When the current phase's clock reaches its limit (INF: not foreseeable)."""
    if f.time_up:
        return INF
    limit = _limit(rules, f)
    if limit is None:
        return INF
    if f.running:
        return f.anchor + (limit - f.clock)
    return f.anchor if f.clock >= limit - EPS else INF


def _threshold_time(rules: Ruleset, f: Fold) -> float:
    if not f.hold_running:
        return INF
    return f.hold_anchor + (rules.osaekomi[f.hold_next][0] - f.hold_base)


def next_change(rules: Ruleset, f: Fold) -> float:
    """When time alone will next change this fold (INF: never)."""
    if f.status == ENDED:
        return INF
    return min(bell_time(rules, f), _threshold_time(rules, f))


def advance(rules: Ruleset, f: Fold, t: float, before_event: bool) -> Fold:
    """Apply what time does up to `t`. Osaekomi thresholds reached at `t` count before an event
    at `t`; the bell at `t` does not (an event stamped at the bell still counts)."""
    while f.status != ENDED:
        # The two computations below are _threshold_time and _bell_time, inlined: this loop
        # runs before every event.
        hold_t = INF
        if f.hold_running:
            hold_t = f.hold_anchor + (rules.osaekomi[f.hold_next][0] - f.hold_base)
        bell_t = INF
        if not f.time_up:
            limit = rules.golden_score_limit if f.golden else rules.contest_time
            if limit is not None:
                if f.running:
                    bell_t = f.anchor + (limit - f.clock)
                elif f.clock >= limit - EPS:
                    bell_t = f.anchor
        if hold_t <= t + EPS and hold_t <= bell_t + EPS:
            f = _reach_threshold(rules, f, hold_t)
        elif bell_t < t - EPS or (not before_event and bell_t <= t + EPS):
            f = _ring_bell(rules, f, bell_t)
        else:
            break
    return f


def _reach_threshold(rules: Ruleset, f: Fold, t: float) -> Fold:
    g = f.copy()
    seconds, value = rules.osaekomi[g.hold_next]
    side = g.hold_side
    assert side is not None
    g.hold_base = seconds
    g.hold_anchor = t
    g.hold_next += 1
    # One score per hold: the new value replaces what the hold credited before.
    counts = list(g.board(side))
    if g.hold_value is not None:
        counts[TECHNICAL[g.hold_value]] -= 1
    counts[TECHNICAL[value]] += 1
    board = Board._make(counts)
    g.set_board(side, board)
    g.hold_value = value
    if value == "ippon":
        end(rules, g, t, side, "ippon")
    elif value == "waza-ari":
        check_waza_ari(rules, g, t, side, board)
    return g


def _ring_bell(rules: Ruleset, f: Fold, t: float) -> Fold:
    g = f.copy()
    limit = _limit(rules, g)
    assert limit is not None
    g.clock = limit
    g.running = False
    g.anchor = t
    g.time_up = True
    if not g.golden:
        g.regular = limit
    decide(rules, g, t)
    return g


def stop_clock(rules: Ruleset, g: Fold, t: float) -> None:
    if g.running:
        clock = g.clock + (t - g.anchor)
        limit = _limit(rules, g)
        if limit is not None and clock > limit - EPS:
            clock = limit
        g.clock = clock
        g.running = False
        g.anchor = t
        if not g.golden:
            g.regular = clock


def end_hold(g: Fold) -> None:
    g.hold_side = None
    g.hold_running = False
    g.hold_value = None
    g.hold_base = 0.0
    g.hold_next = 0


def end(
    rules: Ruleset, g: Fold, t: float, winner: Side | None, method: Method,
    decided_by: ScoreValue | None = None, excluded: Excluded | None = None,
) -> None:
    stop_clock(rules, g, t)
    end_hold(g)
    g.sono_mama = False
    g.status = ENDED
    g.result = Result(winner, method, decided_by, excluded, t, g.golden)


def check_waza_ari(rules: Ruleset, g: Fold, t: float, side: Side, board: Board) -> None:
    """After `side` gains a technical waza-ari: awasete or sogo-gachi end the contest."""
    if rules.awasete and board.waza_ari >= 2:
        end(rules, g, t, side, "waza-ari-awasete-ippon")
    elif (rules.sogo_gachi and rules.sogo_gachi_any_order and board.penalty_waza_ari
          and board.waza_ari):
        end(rules, g, t, side, "sogo-gachi")


def _difference(g: Fold) -> tuple[Side, ScoreValue] | None:
    """The leader and the highest value where the sides differ, or None when level."""
    white, blue = g.white.effective(), g.blue.effective()
    for i in range(3):
        if white[i] != blue[i]:
            return ("white" if white[i] > blue[i] else "blue"), _DIFF_VALUES[i]
    return None


def decide(rules: Ruleset, g: Fold, t: float) -> None:
    """The decisions time and scores make outside the immediate ends: at the end of regular time,
    and after every event in golden score. A running (or frozen) hold defers them (RULES §1.5,
    §1.10)."""
    if g.status == ENDED or g.hold_side is not None:
        return
    if not g.golden:
        if not g.time_up:
            return
        difference = _difference(g)
        if difference is not None:
            end(rules, g, t, difference[0], "yusei-gachi", difference[1])
        elif rules.shido_decides_regular_time and g.white.shido != g.blue.shido:
            end(rules, g, t, "white" if g.white.shido < g.blue.shido else "blue", "shido")
        else:
            g.status = AWAITING_GS
        return
    difference = _difference(g)
    if difference is not None:
        end(rules, g, t, difference[0], "yusei-gachi", difference[1])
    elif g.gs_shido_loser is not None:
        end(rules, g, t, opponent(g.gs_shido_loser), "shido")
    elif rules.gs_shido_difference_decides and g.white.shido != g.blue.shido:
        end(rules, g, t, "white" if g.white.shido < g.blue.shido else "blue", "shido")
    elif g.time_up:
        g.status = AWAITING_HANTEI


def snapshot(rules: Ruleset, f: Fold, t: float) -> State:
    """The public state of a fold that has been advanced to `t`."""
    clock = f.clock + (t - f.anchor) if f.running else f.clock
    hold_time = 0.0
    if f.hold_side is not None:
        hold_time = f.hold_base + (t - f.hold_anchor) if f.hold_running else f.hold_base
    if f.golden:
        regular, golden = f.regular, clock
    else:
        regular, golden = min(clock, rules.contest_time), 0.0
    r = f.result
    if r is None:
        return State(t, f.status, f.golden, None, None, None, None, f.white, f.blue, regular,
                     golden, f.running, f.hold_side, hold_time)
    return State(t, f.status, r.golden, r.winner, r.method, r.decided_by, r.excluded, f.white,
                 f.blue, regular, golden, f.running, f.hold_side, hold_time,
                 r.value if r.decision else None, r.decision)

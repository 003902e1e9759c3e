"""The fold: one contest state derived from the previous one by an event or by time.

`Fold` is the engine's private, time-independent state: clocks are stored as a value at an anchor
time, so the state does not change while time passes unless something happens (the bell, an
osaekomi threshold, the golden-score limit). `advance` applies those time-derived changes up to a
moment; `apply` applies one event. Each step copies the previous fold and never mutates it, which
keeps the history valid for `Contest.state_at` and `Contest.pop`.

Times within `EPS` are equal: the table's clock is summed from many intervals, and an event
stamped "exactly at the bell" must not miss it by a rounding error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ippon.rules.errors import IllegalEvent
from ippon.rules.events import (
    Event,
    Fusen,
    Hajime,
    HansokuMake,
    Hantei,
    Kiken,
    Mate,
    Medical,
    Osaekomi,
    Score,
    ScoreValue,
    Shido,
    Side,
    SonoMama,
    Toketa,
    Yoshi,
)
from ippon.rules.ruleset import Ruleset
from ippon.rules.state import Board, Excluded, Method, State, Status

EPS = 1e-6
INF = float("inf")

RUNNING: Status = "running"
ENDED: Status = "ended"
AWAITING_GS: Status = "awaiting-golden-score"
AWAITING_HANTEI: Status = "awaiting-hantei"

_TECHNICAL = {"ippon": 0, "waza-ari": 1, "yuko": 2, "koka": 3}
_PENALTY = {"waza-ari": 6, "yuko": 7, "koka": 8}
_DIFF_VALUES: tuple[ScoreValue, ...] = ("waza-ari", "yuko", "koka")


def _name(side: Side) -> str:
    return "White" if side == "white" else "Blue"


def _other(side: Side) -> Side:
    return "blue" if side == "white" else "white"


class Fold:
    __slots__ = (
        "anchor", "blue", "clock", "decided_by", "end_golden", "ended_at", "excluded", "golden",
        "gs_shido_loser", "hold_anchor", "hold_base", "hold_next", "hold_running", "hold_side",
        "hold_value", "method", "regular", "running", "sono_clock", "sono_mama", "started",
        "status", "time_up", "white", "winner",
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
        self.winner: Side | None = None
        self.method: Method | None = None
        self.decided_by: ScoreValue | None = None
        self.excluded: Excluded | None = None
        self.ended_at = 0.0
        self.end_golden = False
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
        new.winner = self.winner
        new.method = self.method
        new.decided_by = self.decided_by
        new.excluded = self.excluded
        new.ended_at = self.ended_at
        new.end_golden = self.end_golden
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


def _bell_time(rules: Ruleset, f: Fold) -> float:
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
    return min(_bell_time(rules, f), _threshold_time(rules, f))


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
        counts[_TECHNICAL[g.hold_value]] -= 1
    counts[_TECHNICAL[value]] += 1
    board = Board._make(counts)
    g.set_board(side, board)
    g.hold_value = value
    if value == "ippon":
        _end(rules, g, t, side, "ippon")
    elif value == "waza-ari":
        _check_waza_ari(rules, g, t, side, board)
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
    _decide(rules, g, t)
    return g


def _stop_clock(rules: Ruleset, g: Fold, t: float) -> None:
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


def _end_hold(g: Fold) -> None:
    g.hold_side = None
    g.hold_running = False
    g.hold_value = None
    g.hold_base = 0.0
    g.hold_next = 0


def _end(
    rules: Ruleset, g: Fold, t: float, winner: Side | None, method: Method,
    decided_by: ScoreValue | None = None, excluded: Excluded | None = None,
) -> None:
    _stop_clock(rules, g, t)
    _end_hold(g)
    g.sono_mama = False
    g.status = ENDED
    g.winner = winner
    g.method = method
    g.decided_by = decided_by
    g.excluded = excluded
    g.ended_at = t
    g.end_golden = g.golden


def _check_waza_ari(rules: Ruleset, g: Fold, t: float, side: Side, board: Board) -> None:
    """After `side` gains a technical waza-ari: awasete or sogo-gachi end the contest."""
    if rules.awasete and board.waza_ari >= 2:
        _end(rules, g, t, side, "waza-ari-awasete-ippon")
    elif (rules.sogo_gachi and rules.sogo_gachi_any_order and board.penalty_waza_ari
          and board.waza_ari):
        _end(rules, g, t, side, "sogo-gachi")


def _difference(g: Fold) -> tuple[Side, ScoreValue] | None:
    """The leader and the highest value where the sides differ, or None when level."""
    white, blue = g.white.effective(), g.blue.effective()
    for i in range(3):
        if white[i] != blue[i]:
            return ("white" if white[i] > blue[i] else "blue"), _DIFF_VALUES[i]
    return None


def _decide(rules: Ruleset, g: Fold, t: float) -> None:
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
            _end(rules, g, t, difference[0], "yusei-gachi", difference[1])
        elif rules.shido_decides_regular_time and g.white.shido != g.blue.shido:
            _end(rules, g, t, "white" if g.white.shido < g.blue.shido else "blue", "shido")
        else:
            g.status = AWAITING_GS
        return
    difference = _difference(g)
    if difference is not None:
        _end(rules, g, t, difference[0], "yusei-gachi", difference[1])
    elif g.gs_shido_loser is not None:
        _end(rules, g, t, _other(g.gs_shido_loser), "shido")
    elif rules.gs_shido_difference_decides and g.white.shido != g.blue.shido:
        _end(rules, g, t, "white" if g.white.shido < g.blue.shido else "blue", "shido")
    elif g.time_up:
        g.status = AWAITING_HANTEI


def _over(g: Fold) -> str:
    """Why nothing but a cancel can change an ended contest, for the table official."""
    if g.winner is None:
        return f"Both athletes lost by {g.method}; the contest is over"
    loser = _name(_other(g.winner))
    if g.method == "hansoku-make":
        return f"{loser} already has hansoku-make; the contest is over"
    if g.method == "kiken-gachi":
        return f"{loser} has withdrawn (kiken-gachi); the contest is over"
    if g.method == "fusen-gachi":
        return f"{loser} did not present themselves (fusen-gachi); the contest is over"
    return f"{_name(g.winner)} has already won by {g.method}; the contest is over"


def _both_lose(g: Fold, side: Side, method: Method, at: float) -> bool:
    """A second hansoku-make, kiken or fusen for the other athlete at the same instant: the
    first one ended the contest, but both athletes lose (RULES §6: nobody advances)."""
    return (g.status == ENDED and g.method == method and g.winner == side
            and abs(at - g.ended_at) <= EPS)


def _refuse_when_over(g: Fold, line: int) -> None:
    if g.status == ENDED:
        raise IllegalEvent(line, _over(g))


def _refuse_when_time_is_up(g: Fold, line: int, what: str) -> None:
    if g.status == AWAITING_HANTEI or (g.golden and g.time_up):
        raise IllegalEvent(line, f"Golden score time is over; {what} after it does not count")
    if g.status == AWAITING_GS or g.time_up:
        raise IllegalEvent(line, f"Regular time is over; {what} after the bell does not count")
    if not g.started:
        raise IllegalEvent(line, "The contest has not started (no hajime yet)")


def _hajime(rules: Ruleset, f: Fold, ev: Hajime) -> Fold:
    if f.running and abs(_bell_time(rules, f) - ev.at) <= EPS:
        # Hajime at the very moment of the bell can only mean golden score "without rest"
        # (RULES §1.9): let the bell ring first.
        f = advance(rules, f, ev.at, False)
    _refuse_when_over(f, ev.line)
    if f.status == AWAITING_HANTEI:
        raise IllegalEvent(ev.line, "Golden score time is over; the contest waits for hantei")
    if f.running:
        raise IllegalEvent(ev.line, "The clock is already running")
    if f.sono_mama:
        raise IllegalEvent(ev.line, "The contest is frozen by sono-mama; resume it with yoshi")
    if f.status == RUNNING and f.time_up:
        raise IllegalEvent(ev.line, "Time is over; only the osaekomi still running can score")
    g = f.copy()
    if g.status == AWAITING_GS:
        g.status = RUNNING
        g.golden = True
        g.time_up = False
        g.clock = 0.0
        g.gs_shido_loser = None
        if not rules.gs_carry_over:
            g.white = Board(medical=g.white.medical)
            g.blue = Board(medical=g.blue.medical)
    g.started = True
    g.running = True
    g.anchor = ev.at
    return g


def _mate(rules: Ruleset, f: Fold, ev: Mate) -> Fold:
    _refuse_when_over(f, ev.line)
    g = f.copy()
    _stop_clock(rules, g, ev.at)
    _end_hold(g)
    g.sono_mama = False
    g.sono_clock = False
    _decide(rules, g, ev.at)
    return g


def _sono_mama(rules: Ruleset, f: Fold, ev: SonoMama) -> Fold:
    _refuse_when_over(f, ev.line)
    if f.sono_mama:
        raise IllegalEvent(ev.line, "Sono-mama has already been called")
    if not f.running and not f.hold_running:
        raise IllegalEvent(ev.line, "Nothing is running that sono-mama could freeze")
    g = f.copy()
    g.sono_clock = g.running
    _stop_clock(rules, g, ev.at)
    if g.hold_running:
        g.hold_base += ev.at - g.hold_anchor
        g.hold_anchor = ev.at
        g.hold_running = False
    g.sono_mama = True
    return g


def _yoshi(rules: Ruleset, f: Fold, ev: Yoshi) -> Fold:
    _refuse_when_over(f, ev.line)
    if not f.sono_mama:
        raise IllegalEvent(ev.line, "There is no sono-mama for yoshi to resume")
    g = f.copy()
    g.sono_mama = False
    if g.sono_clock and not g.time_up:
        g.running = True
        g.anchor = ev.at
    g.sono_clock = False
    if g.hold_side is not None:
        g.hold_running = True
        g.hold_anchor = ev.at
    return g


def _osaekomi(rules: Ruleset, f: Fold, ev: Osaekomi) -> Fold:
    _refuse_when_over(f, ev.line)
    _refuse_when_time_is_up(f, ev.line, "an osaekomi")
    if f.hold_side is not None:
        raise IllegalEvent(ev.line, f"{_name(f.hold_side)} is already holding (osaekomi)")
    if f.sono_mama:
        raise IllegalEvent(ev.line, "The contest is frozen by sono-mama; resume it with yoshi")
    if not f.running:
        raise IllegalEvent(ev.line, "The clock is stopped; osaekomi needs hajime first")
    g = f.copy()
    g.hold_side = ev.side
    g.hold_base = 0.0
    g.hold_anchor = ev.at
    g.hold_running = True
    g.hold_value = None
    g.hold_next = 0
    return g


def _toketa(rules: Ruleset, f: Fold, ev: Toketa) -> Fold:
    _refuse_when_over(f, ev.line)
    if f.hold_side is None:
        raise IllegalEvent(ev.line, "There is no osaekomi for toketa to end")
    g = f.copy()
    _end_hold(g)
    _decide(rules, g, ev.at)
    return g


def _score(rules: Ruleset, f: Fold, ev: Score) -> Fold:
    _refuse_when_over(f, ev.line)
    if ev.value not in rules.scores:
        raise IllegalEvent(ev.line, f"There is no {ev.value} under {rules.key} ({rules.title})")
    _refuse_when_time_is_up(f, ev.line, "a score")
    g = f.copy()
    if ev.value == "ippon":
        counts = list(g.board(ev.side))
        counts[0] += 1
        g.set_board(ev.side, Board._make(counts))
        _end(rules, g, ev.at, ev.side, "ippon")
        return g
    counts = list(g.board(ev.side))
    counts[_TECHNICAL[ev.value]] += 1
    board = Board._make(counts)
    g.set_board(ev.side, board)
    if ev.value == "waza-ari":
        _check_waza_ari(rules, g, ev.at, ev.side, board)
    _decide(rules, g, ev.at)
    return g


def _shido(rules: Ruleset, f: Fold, ev: Shido) -> Fold:
    count = f.board(ev.side).shido + 1
    hansoku_make = count >= rules.hansoku_make_shido
    both = hansoku_make and _both_lose(f, ev.side, "hansoku-make", ev.at)
    if not both:
        _refuse_when_over(f, ev.line)
    g = f.copy()
    g.set_board(ev.side, g.board(ev.side)._replace(shido=count, hansoku_make=hansoku_make))
    if both:
        g.winner = None
        return g
    if hansoku_make:  # accumulated: loses this contest only (RULES §13.1)
        _end(rules, g, ev.at, _other(ev.side), "hansoku-make")
        return g
    value: ScoreValue | None = None
    if count <= len(rules.penalty_ladder):
        # Each shido replaces the opponent's previous penalty score with the next one.
        value = rules.penalty_ladder[count - 1]
        other = _other(ev.side)
        counts = list(g.board(other))
        counts[6] = counts[7] = counts[8] = 0
        if value is not None:
            counts[_PENALTY[value]] = 1
        board = Board._make(counts)
        g.set_board(other, board)
        if value == "waza-ari" and rules.sogo_gachi and board.waza_ari:
            _end(rules, g, ev.at, other, "sogo-gachi")
            return g
    if g.golden and g.gs_shido_loser is None and (
        rules.gs_shido_decides or (rules.gs_valueless_shido_decides and value is None)
    ):
        g.gs_shido_loser = ev.side
    _decide(rules, g, ev.at)
    return g


def _excludes(rules: Ruleset, ev: HansokuMake) -> bool:
    return ev.kind == "direct-spirit" or rules.every_direct_hsm_excludes


def _hansoku_make(rules: Ruleset, f: Fold, ev: HansokuMake) -> Fold:
    both = _both_lose(f, ev.side, "hansoku-make", ev.at)
    if not both:
        _refuse_when_over(f, ev.line)
    g = f.copy()
    g.set_board(ev.side, g.board(ev.side)._replace(hansoku_make=True))
    if both:
        g.winner = None
        if _excludes(rules, ev):
            g.excluded = "both" if g.excluded is not None else ev.side
        return g
    _end(rules, g, ev.at, _other(ev.side), "hansoku-make",
         excluded=ev.side if _excludes(rules, ev) else None)
    return g


def _kiken(rules: Ruleset, f: Fold, ev: Kiken) -> Fold:
    if _both_lose(f, ev.side, "kiken-gachi", ev.at):
        g = f.copy()
        g.winner = None
        return g
    _refuse_when_over(f, ev.line)
    g = f.copy()
    _end(rules, g, ev.at, _other(ev.side), "kiken-gachi")
    return g


def _fusen(rules: Ruleset, f: Fold, ev: Fusen) -> Fold:
    if _both_lose(f, ev.side, "fusen-gachi", ev.at):
        g = f.copy()
        g.winner = None
        return g
    _refuse_when_over(f, ev.line)
    if f.started:
        raise IllegalEvent(ev.line, f"{_name(ev.side)} was present: the contest has started "
                                    "(use kiken for a withdrawal)")
    g = f.copy()
    _end(rules, g, ev.at, _other(ev.side), "fusen-gachi")
    return g


def _medical(rules: Ruleset, f: Fold, ev: Medical) -> Fold:
    _refuse_when_over(f, ev.line)
    g = f.copy()
    board = g.board(ev.side)
    g.set_board(ev.side, board._replace(medical=board.medical + 1))
    return g


def _hantei(rules: Ruleset, f: Fold, ev: Hantei) -> Fold:
    _refuse_when_over(f, ev.line)
    if f.status != AWAITING_HANTEI:
        raise IllegalEvent(ev.line, "Hantei is given only when a golden score with a time limit "
                                    "has ended without a score")
    g = f.copy()
    winner: Side = "white" if ev.flags.count("white") >= 2 else "blue"
    _end(rules, g, ev.at, winner, "hantei")
    return g


_Handler = Callable[[Ruleset, Fold, Any], Fold]
_HANDLERS: dict[type, _Handler] = {
    Hajime: _hajime,
    Mate: _mate,
    SonoMama: _sono_mama,
    Yoshi: _yoshi,
    Osaekomi: _osaekomi,
    Toketa: _toketa,
    Score: _score,
    Shido: _shido,
    HansokuMake: _hansoku_make,
    Kiken: _kiken,
    Fusen: _fusen,
    Medical: _medical,
    Hantei: _hantei,
}


def apply(rules: Ruleset, f: Fold, ev: Event) -> Fold:
    """The fold after `ev` (already advanced to `ev.at`); IllegalEvent if the rules refuse it.
    `cancel` is the contest's business, not the fold's."""
    handler = _HANDLERS.get(type(ev))
    if handler is None:
        raise TypeError(f"the fold does not apply {type(ev).__name__} events")
    return handler(rules, f, ev)


def step(rules: Ruleset, f: Fold, ev: Event) -> Fold:
    """Advance to the event's time, then apply it."""
    handler = _HANDLERS.get(type(ev))
    if handler is None:
        raise TypeError(f"the fold does not apply {type(ev).__name__} events")
    return handler(rules, advance(rules, f, ev.at, True), ev)


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
    return State(
        t, f.status, f.end_golden if f.status == ENDED else f.golden, f.winner, f.method,
        f.decided_by, f.excluded, f.white, f.blue, regular, golden, f.running, f.hold_side,
        hold_time,
    )

"""The events' effect on the fold: one handler per event type, each refusing what the rules do
not allow with a message for the table official (IllegalEvent)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from ippon.rules.errors import IllegalEvent
from ippon.rules.events import (
    Decision,
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
    opponent,
)
from ippon.rules.fold import (
    AWAITING_GS,
    AWAITING_HANTEI,
    ENDED,
    EPS,
    PENALTY,
    RUNNING,
    TECHNICAL,
    Fold,
    advance,
    bell_time,
    check_waza_ari,
    decide,
    end,
    end_hold,
    side_name,
    stop_clock,
)
from ippon.rules.ruleset import Ruleset
from ippon.rules.state import Board, Method


def _over(g: Fold) -> str:
    """Why nothing but a cancel can change an ended contest, for the table official."""
    r = g.result
    assert r is not None
    if r.winner is None:
        return f"Both athletes lost by {r.method}; the contest is over"
    loser = side_name(opponent(r.winner))
    if r.method == "hansoku-make":
        return f"{loser} already has hansoku-make; the contest is over"
    if r.method == "kiken-gachi":
        return f"{loser} has withdrawn (kiken-gachi); the contest is over"
    if r.method == "fusen-gachi":
        return f"{loser} did not present themselves (fusen-gachi); the contest is over"
    return f"{side_name(r.winner)} has already won by {r.method}; the contest is over"


def _both_lose(g: Fold, side: Side, method: Method, at: float) -> bool:
    """A second hansoku-make, kiken or fusen for the other athlete at the same instant: the
    first one ended the contest, but both athletes lose (RULES §6: nobody advances)."""
    r = g.result
    return (r is not None and r.method == method and r.winner == side
            and abs(at - r.at) <= EPS)


def _nobody_wins(g: Fold, excluded: Side | None = None) -> None:
    r = g.result
    assert r is not None
    if excluded is not None:
        g.result = r._replace(winner=None, excluded="both" if r.excluded else excluded)
    else:
        g.result = r._replace(winner=None)


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
    if abs(bell_time(rules, f) - ev.at) <= EPS:
        # Hajime at the very moment of the bell (the clock running into it, or stopped by a mate
        # at it) can only mean golden score "without rest" (RULES §1.9): let the bell ring first.
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
    stop_clock(rules, g, ev.at)
    end_hold(g)
    g.sono_mama = False
    g.sono_clock = False
    decide(rules, g, ev.at)
    return g


def _sono_mama(rules: Ruleset, f: Fold, ev: SonoMama) -> Fold:
    _refuse_when_over(f, ev.line)
    if f.sono_mama:
        raise IllegalEvent(ev.line, "Sono-mama has already been called")
    if not f.running and not f.hold_running:
        raise IllegalEvent(ev.line, "Nothing is running that sono-mama could freeze")
    g = f.copy()
    g.sono_clock = g.running
    stop_clock(rules, g, ev.at)
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
        raise IllegalEvent(ev.line, f"{side_name(f.hold_side)} is already holding (osaekomi)")
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
    end_hold(g)
    decide(rules, g, ev.at)
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
        end(rules, g, ev.at, ev.side, "ippon")
        return g
    counts = list(g.board(ev.side))
    counts[TECHNICAL[ev.value]] += 1
    board = Board._make(counts)
    g.set_board(ev.side, board)
    if ev.value == "waza-ari":
        check_waza_ari(rules, g, ev.at, ev.side, board)
    decide(rules, g, ev.at)
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
        _nobody_wins(g)
        return g
    if hansoku_make:  # accumulated: loses this contest only (RULES §13.1)
        end(rules, g, ev.at, opponent(ev.side), "hansoku-make")
        return g
    value: ScoreValue | None = None
    if count <= len(rules.penalty_ladder):
        # Each shido replaces the opponent's previous penalty score with the next one.
        value = rules.penalty_ladder[count - 1]
        other = opponent(ev.side)
        counts = list(g.board(other))
        counts[6] = counts[7] = counts[8] = 0
        if value is not None:
            counts[PENALTY[value]] = 1
        board = Board._make(counts)
        g.set_board(other, board)
        if value == "waza-ari" and rules.sogo_gachi and board.waza_ari:
            end(rules, g, ev.at, other, "sogo-gachi")
            return g
    if g.golden and g.gs_shido_loser is None and (
        rules.gs_shido_decides or (rules.gs_valueless_shido_decides and value is None)
    ):
        g.gs_shido_loser = ev.side
    decide(rules, g, ev.at)
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
        _nobody_wins(g, ev.side if _excludes(rules, ev) else None)
        return g
    end(rules, g, ev.at, opponent(ev.side), "hansoku-make",
         excluded=ev.side if _excludes(rules, ev) else None)
    return g


def _kiken(rules: Ruleset, f: Fold, ev: Kiken) -> Fold:
    if _both_lose(f, ev.side, "kiken-gachi", ev.at):
        g = f.copy()
        _nobody_wins(g)
        return g
    _refuse_when_over(f, ev.line)
    g = f.copy()
    end(rules, g, ev.at, opponent(ev.side), "kiken-gachi")
    return g


def _fusen(rules: Ruleset, f: Fold, ev: Fusen) -> Fold:
    if _both_lose(f, ev.side, "fusen-gachi", ev.at):
        g = f.copy()
        _nobody_wins(g)
        return g
    _refuse_when_over(f, ev.line)
    if f.started:
        raise IllegalEvent(ev.line, f"{side_name(ev.side)} was present: the contest has started "
                                    "(use kiken for a withdrawal)")
    g = f.copy()
    end(rules, g, ev.at, opponent(ev.side), "fusen-gachi")
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
    end(rules, g, ev.at, winner, "hantei")
    return g


def _decision(rules: Ruleset, f: Fold, ev: Decision) -> Fold:
    """Replaces the result, whatever the contest's state: it is the organiser's word after the
    fact. A void decision starts the contest afresh."""
    if ev.winner is None:
        return Fold()
    g = f.copy()
    excluded = opponent(ev.winner) if ev.excluded else None
    method = cast(Method, ev.method or "ippon")
    end(rules, g, ev.at, ev.winner, method,
        decided_by=ev.value if method == "yusei-gachi" else None, excluded=excluded)
    assert g.result is not None
    g.result = g.result._replace(decision=True, value=ev.value)
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
    Decision: _decision,
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

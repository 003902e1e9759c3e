"""`Contest`: an append-only log of events folded into immutable states.

Modelled on python-chess's `Board`: `push` an event, `pop` the last one, ask `state_at(t)` or
`outcome()`. Every entry keeps the fold after it, so `state_at(t)` only adds what time did since
the last event at or before `t`.

Corrections never delete: a `cancel` names the line of an applied event and the whole log is
re-folded without it; both stay in the log. A refused line stays refused: a cancel never brings it
back (the table official saw it refused and enters it again if it was right). An applied line
that the rules refuse once an earlier line is cancelled is refused from then on (until a cancel
of the cancel brings the earlier line back)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from contextlib import suppress
from dataclasses import dataclass
from operator import attrgetter

from ippon.rules.errors import IllegalEvent, LogFormatError
from ippon.rules.events import Cancel, Event
from ippon.rules.fold import INF, Fold, advance, next_change, snapshot
from ippon.rules.handlers import step
from ippon.rules.ruleset import Ruleset
from ippon.rules.state import Outcome, State

_at = attrgetter("at")
_line = attrgetter("line")


@dataclass(frozen=True, slots=True)
class Rejection:
    line: int
    reason: str


class Contest:
    """One contest under one ruleset. Events must come in log order: `at` never decreasing,
    `line` increasing."""

    __slots__ = ("_cancelled", "_events", "_folds", "_initial", "_refolded", "_refused", "rules")

    def __init__(self, rules: Ruleset) -> None:
        self.rules = rules
        self._initial = Fold()
        self._reset()

    def _reset(self) -> None:
        self._events: list[Event] = []
        self._folds: list[Fold] = []  # the fold after each entry, as the log now reads
        self._refused: dict[int, str] = {}  # refused when pushed: line -> reason
        self._refolded: dict[int, str] = {}  # refused by the last re-fold: line -> reason
        self._cancelled: set[int] = set()  # lines an effective cancel names

    # -- the log ---------------------------------------------------------------------------

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event pushed, applied or not, in log order."""
        return tuple(self._events)

    @property
    def rejected(self) -> tuple[Rejection, ...]:
        """The refused lines with the reason, by line."""
        every = {**self._refused, **self._refolded}
        return tuple(Rejection(line, every[line]) for line in sorted(every))

    def is_applied(self, line: int) -> bool:
        """Whether the event on `line` counts now: pushed, not refused, not cancelled."""
        return (self._position(line) is not None and line not in self._refused
                and line not in self._refolded and line not in self._cancelled)

    def push(self, event: Event) -> None:
        """Append `event` to the log. If the rules refuse it, it is kept as a refused line
        (see `rejected`) and IllegalEvent is raised with a message for the table official.
        An event out of log order (earlier `at`, or a `line` not after the last) is not taken:
        LogFormatError."""
        events = self._events
        if events:
            previous = events[-1]
            if event.at < previous.at:
                raise LogFormatError(event.line, f"time runs backwards ({event.at:g} after "
                                                 f"{previous.at:g} on line {previous.line})")
            if event.line <= previous.line:
                raise LogFormatError(event.line, f"line {event.line} does not come after line "
                                                 f"{previous.line}")
        last = self._folds[-1] if self._folds else self._initial
        events.append(event)
        try:
            if type(event) is Cancel:
                self._check_cancel(event)
                self._folds.append(last)
                self._refold()
                return
            fold = step(self.rules, last, event)
        except IllegalEvent as refusal:
            if len(self._folds) < len(events):
                self._folds.append(last)
            self._refused[event.line] = refusal.message
            raise
        self._folds.append(fold)

    def pop(self) -> Event:
        """Take back the last event (an in-memory convenience; a real correction is a cancel)."""
        if not self._events:
            raise IndexError("pop from an empty contest")
        event = self._events[-1]
        if isinstance(event, Cancel) and event.line not in self._refused:
            # Undoing a cancel changes the past: replay the log without it.
            events = self._events[:-1]
            self._reset()
            for earlier in events:
                with suppress(IllegalEvent):
                    self.push(earlier)
            return event
        self._events.pop()
        self._folds.pop()
        self._refused.pop(event.line, None)
        self._refolded.pop(event.line, None)
        return event

    def _check_cancel(self, event: Cancel) -> None:
        target = event.target
        if target >= event.line or self._position(target) is None:
            raise IllegalEvent(event.line, f"There is no event on line {target} to cancel")
        if target in self._refused or target in self._refolded:
            raise IllegalEvent(event.line, f"Line {target} was refused; there is nothing to cancel")
        if target in self._cancelled:
            raise IllegalEvent(event.line, f"Line {target} has already been cancelled")

    def _refold(self) -> None:
        """Recompute which lines are cancelled, then fold the log again from the first line
        whose fate changed (the folds before it stay as they are)."""
        cancelled: set[int] = set()
        # A cancel counts unless a later counting cancel names it; targets lie earlier, so
        # walking backwards settles every cancel before the lines it names.
        for event in reversed(self._events):
            if (type(event) is Cancel and event.line not in self._refused
                    and event.line not in cancelled):
                cancelled.add(event.target)
        changed = cancelled ^ self._cancelled
        self._cancelled = cancelled
        if not changed:
            return
        first = min(changed)
        start = self._position(first)
        assert start is not None
        self._refolded = {line: why for line, why in self._refolded.items() if line < first}
        fold = self._folds[start - 1] if start else self._initial
        for i in range(start, len(self._events)):
            event = self._events[i]
            line = event.line
            if not (type(event) is Cancel or line in self._refused or line in cancelled):
                try:
                    fold = step(self.rules, fold, event)
                except IllegalEvent as refusal:
                    self._refolded[line] = refusal.message
            self._folds[i] = fold

    # -- the contest at a moment --------------------------------------------------------------

    def _position(self, line: int) -> int | None:
        """The index of the entry on `line` (lines increase along the log), or None."""
        i = bisect_left(self._events, line, key=_line)
        return i if i < len(self._events) and self._events[i].line == line else None

    def _fold_at(self, t: float) -> Fold:
        k = bisect_right(self._events, t, key=_at)
        fold = self._folds[k - 1] if k else self._initial
        return advance(self.rules, fold, t, False)

    def state_at(self, t: float) -> State:
        """The contest at time `t`: the events up to `t` plus what time did by then."""
        return snapshot(self.rules, self._fold_at(t), t)

    def settle_time(self) -> float:
        """The moment after the last event when nothing more can change by itself: a running
        clock has run out and a running hold has reached its end. An unlimited golden score with
        the clock running never settles; then this is the time of the last event."""
        t = self._events[-1].at if self._events else 0.0
        fold = self._fold_at(t)
        while (change := next_change(self.rules, fold)) < INF:
            t = max(t, change)
            fold = advance(self.rules, fold, t, False)
        return t

    def final_state(self) -> State:
        """The state once nothing more can change by itself (see `settle_time`)."""
        return self.state_at(self.settle_time())

    def outcome(self, t: float | None = None) -> Outcome | None:
        """The result at `t` (default: once nothing more can change), or None while undecided."""
        state = self.final_state() if t is None else self.state_at(t)
        return state.outcome

"""Properties of the engine that hold for any log, legal or not."""

from __future__ import annotations

import contextlib
import dataclasses

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ippon.rules import (
    SIDES,
    Cancel,
    Contest,
    Event,
    IllegalEvent,
    Mate,
    Ruleset,
    Score,
    Shido,
    State,
    dump_log,
    opponent,
    parse_log,
)

from .strategies import events, rulesets

PROPERTY = settings(max_examples=200, deadline=None)


def replay(rules: Ruleset, log: list[Event]) -> Contest:
    contest = Contest(rules)
    for event in log:
        with contextlib.suppress(IllegalEvent):
            contest.push(event)
    return contest


def timeless(state: State) -> State:
    return dataclasses.replace(state, t=0.0)


@PROPERTY
@given(rulesets, events())
def test_replay_is_deterministic(rules: Ruleset, log: list[Event]) -> None:
    first, second = replay(rules, log), replay(rules, log)
    assert first.final_state() == second.final_state()
    assert first.rejected == second.rejected
    for event in log:
        assert first.state_at(event.at) == second.state_at(event.at)


@PROPERTY
@given(rulesets, events(cancels=False), st.data())
def test_cancelling_an_event_equals_the_log_without_it(
    rules: Ruleset, log: list[Event], data: st.DataObject
) -> None:
    contest = replay(rules, log)
    applied = [event for event in log if contest.is_applied(event.line)]
    assume(applied)
    target = data.draw(st.sampled_from(applied))
    end = log[-1].at + data.draw(st.sampled_from([0.0, 1.0, 30.0]))
    contest.push(Cancel(end, log[-1].line + 1, target.line))
    # A refused line stays refused after a cancel, so the log "without it" leaves those out too.
    refused = {r.line for r in replay(rules, log).rejected}
    without = replay(rules, [e for e in log if e is not target and e.line not in refused])
    for t in sorted({e.at for e in log} | {end, end + 25.0, end + 400.0}):
        assert contest.state_at(t) == without.state_at(t), t


@PROPERTY
@given(rulesets, events(), st.data())
def test_nothing_but_a_cancel_changes_an_ended_contest(
    rules: Ruleset, log: list[Event], data: st.DataObject
) -> None:
    contest = replay(rules, log)
    before = contest.final_state()
    assume(before.ended)
    later = contest.settle_time() + data.draw(st.sampled_from([0.1, 1.0, 100.0]))
    line = log[-1].line + 1
    side = data.draw(st.sampled_from(SIDES))
    intruders: list[Event] = [
        Score(later, line, side, "ippon"), Shido(later, line, side), Mate(later, line),
    ]
    intruder = data.draw(st.sampled_from(intruders))
    with pytest.raises(IllegalEvent, match="over"):
        contest.push(intruder)
    assert timeless(contest.final_state()) == timeless(before)
    assert contest.state_at(later + 50).outcome == before.outcome


@PROPERTY
@given(rulesets, events(), st.lists(st.floats(0, 2000), min_size=2, max_size=30))
def test_the_clock_never_runs_backwards(rules: Ruleset, log: list[Event], ts: list[float]) -> None:
    contest = replay(rules, log)
    previous = None
    for t in sorted(ts + [e.at for e in log]):
        state = contest.state_at(t)
        if previous is not None:
            assert state.regular_time >= previous.regular_time
            assert state.golden_score_time >= previous.golden_score_time or (
                not previous.golden_score and state.golden_score)
            assert state.regular_time <= contest.rules.contest_time
            assert not (previous.ended and not state.ended)
        previous = state


@PROPERTY
@given(rulesets, events(length=25))
def test_the_scoreboard_is_consistent(rules: Ruleset, log: list[Event]) -> None:
    state = replay(rules, log).final_state()
    if state.ended and state.winner is not None:
        assert not state.board(state.winner).hansoku_make or state.method != "hansoku-make"
        if state.method == "hansoku-make":
            assert state.board(opponent(state.winner)).hansoku_make
    for side in ("white", "blue"):
        board = state.board(side)
        assert board.shido <= rules.hansoku_make_shido
        assert board.penalty_waza_ari + board.penalty_yuko + board.penalty_koka <= 1
        assert min(board) >= 0


@PROPERTY
@given(events())
def test_the_log_text_round_trips(log: list[Event]) -> None:
    assert parse_log(dump_log(log)) == log

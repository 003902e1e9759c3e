"""The administrative decision: a correction written into the contest log. It replaces the
result whatever the lines before it decided, a void one starts the contest afresh, a cancel of
it brings the mat's result back, and it reads and writes as a log line."""

from __future__ import annotations

import pytest

from ippon.rules import (
    Cancel,
    Contest,
    Decision,
    Hajime,
    LogFormatError,
    Mate,
    Outcome,
    Score,
    dump_log,
    event_from_json,
    get_ruleset,
    parse_log,
)


def fought() -> Contest:
    contest = Contest(get_ruleset("ijf2025"))
    for event in (Hajime(0.0, 1), Score(10.0, 2, "white", "waza-ari"), Mate(12.0, 3),
                  Hajime(14.0, 4), Score(30.0, 5, "white", "ippon")):
        contest.push(event)
    return contest


def test_a_decision_replaces_the_mats_result() -> None:
    contest = fought()
    assert contest.outcome() == Outcome("white", "ippon", None, False, None, "ippon")
    contest.push(Decision(30.0, 6, "blue", "hansoku-make", None, True, "judges' review"))
    assert contest.outcome() == Outcome("blue", "hansoku-make", None, False, "white", "ippon")
    state = contest.state_at(30.0)
    assert state.white.waza_ari == 1  # the recorded scores stay on the board
    assert state.regular_time == 28.0  # the clock as the mat stopped it


def test_a_yusei_gachi_decision_keeps_its_value_and_a_later_one_wins() -> None:
    contest = fought()
    contest.push(Decision(30.0, 6, "blue", "yusei-gachi", "yuko"))
    assert contest.outcome() == Outcome("blue", "yusei-gachi", "yuko", False, None, "yuko")
    contest.push(Decision(30.0, 7, "white", "shido"))
    assert contest.outcome() == Outcome("white", "shido", None, False, None, None)


def test_cancelling_the_decision_brings_the_recorded_result_back() -> None:
    contest = fought()
    contest.push(Decision(30.0, 6, "blue", "ippon", "ippon"))
    contest.push(Cancel(30.0, 7, 6))
    assert contest.outcome() == Outcome("white", "ippon", None, False, None, "ippon")


def test_a_void_decision_starts_the_contest_again() -> None:
    contest = fought()
    contest.push(Decision(30.0, 6, None))
    assert contest.outcome() is None
    state = contest.state_at(30.0)
    assert state.status == "running"
    assert state.white.waza_ari == 0
    assert not state.clock_running
    contest.push(Hajime(40.0, 7))
    contest.push(Score(50.0, 8, "blue", "ippon"))
    assert contest.outcome() == Outcome("blue", "ippon", None, False, None, "ippon")
    assert contest.state_at(50.0).regular_time == 10.0


def test_a_decision_on_a_contest_never_fought_decides_it() -> None:
    contest = Contest(get_ruleset("ijf2025"))
    contest.push(Decision(0.0, 1, "white", "fusen-gachi", "ippon"))
    assert contest.outcome() == Outcome("white", "fusen-gachi", None, False, None, "ippon")


def test_the_log_line_reads_and_writes() -> None:
    events = [Hajime(0.0, 1), Decision(5.0, 2, "blue", "kiken-gachi", "ippon", False, "hurt"),
              Decision(6.0, 3, None, reason="wrong athletes")]
    text = dump_log(events)
    assert '"type": "decision", "winner": "blue", "method": "kiken-gachi"' in text
    assert '{"at": 6.0, "type": "decision", "winner": null, "reason": "wrong athletes"}' in text
    assert parse_log(text) == events
    with pytest.raises(LogFormatError, match="winner must be"):
        event_from_json({"type": "decision", "at": 1, "winner": "red"}, 1)
    with pytest.raises(LogFormatError, match="method"):
        event_from_json({"type": "decision", "at": 1, "winner": "white", "method": "x"}, 1)
    with pytest.raises(LogFormatError, match="value"):
        event_from_json({"type": "decision", "at": 1, "winner": "white", "method": "ippon",
                         "value": "big"}, 1)
    with pytest.raises(LogFormatError, match="excluded"):
        event_from_json({"type": "decision", "at": 1, "winner": "white", "method": "ippon",
                         "excluded": "yes"}, 1)

from __future__ import annotations

import contextlib
import dataclasses

import pytest

from ippon.rules import (
    Cancel,
    Contest,
    Event,
    Hajime,
    HansokuMake,
    IllegalEvent,
    Kiken,
    LogFormatError,
    Mate,
    Osaekomi,
    Outcome,
    Score,
    Shido,
    SonoMama,
    Toketa,
    Yoshi,
    get_ruleset,
    parse_log,
)


def contest_of(key: str, *events: Event) -> Contest:
    contest = Contest(get_ruleset(key))
    for event in events:
        with contextlib.suppress(IllegalEvent):
            contest.push(event)
    return contest


def test_the_clock_is_a_function_of_time() -> None:
    contest = contest_of("ijf2018", Hajime(10.0, 1), Mate(40.0, 2), Hajime(50.0, 3))
    assert contest.state_at(0.0).regular_time == 0.0
    assert contest.state_at(25.0).regular_time == 15.0
    assert contest.state_at(45.0).regular_time == 30.0
    assert contest.state_at(45.0).clock_running is False
    assert contest.state_at(100.0).regular_time == 80.0
    bell = contest.state_at(500.0)
    assert (bell.regular_time, bell.status, bell.clock_running) == (240.0, "awaiting-golden-score",
                                                                    False)


def test_osaekomi_time_and_the_scores_time_awards() -> None:
    contest = contest_of("ijf2025", Hajime(0.0, 1), Osaekomi(100.0, 2, "white"))
    assert contest.state_at(104.0).white.yuko == 0
    assert contest.state_at(105.0).white.yuko == 1  # visible at once on the scoreboard
    assert contest.state_at(110.0).white[1:3] == (1, 0)  # yuko became waza-ari
    assert contest.state_at(112.5).osaekomi_time == 12.5
    assert contest.state_at(112.5).osaekomi == "white"
    done = contest.state_at(130.0)
    assert (done.status, done.method, done.white.ippon, done.white.waza_ari) == (
        "ended", "ippon", 1, 0)
    assert done.osaekomi is None
    assert contest.settle_time() == 120.0


def test_refusals_name_the_problem_for_the_table_official() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), HansokuMake(10.0, 2, "blue"))
    with pytest.raises(IllegalEvent, match="Blue already has hansoku-make; the contest is over"):
        contest.push(Score(11.0, 3, "white", "waza-ari"))
    assert [(r.line, r.reason) for r in contest.rejected] == [
        (3, "Blue already has hansoku-make; the contest is over")]
    assert not contest.is_applied(3)
    assert contest.is_applied(2)


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ((Score(5.0, 1, "white", "waza-ari"),), "has not started"),
        ((Hajime(0.0, 1), Hajime(1.0, 2)), "already running"),
        ((Hajime(0.0, 1), Yoshi(1.0, 2)), "no sono-mama"),
        ((Toketa(1.0, 1),), "no osaekomi"),
        ((Hajime(0.0, 1), SonoMama(1.0, 2), Osaekomi(2.0, 3, "blue")), "sono-mama"),
        ((Hajime(0.0, 1), Osaekomi(1.0, 2, "blue"), Osaekomi(2.0, 3, "white")),
         "Blue is already holding"),
        ((Hajime(0.0, 1), Score(2.0, 2, "white", "koka")), "There is no koka under ijf2018"),
        ((Hajime(0.0, 1), Score(250.0, 2, "white", "ippon")), "Regular time is over"),
    ],
)
def test_illegal_events(events: tuple[Event, ...], message: str) -> None:
    contest = contest_of("ijf2018", *events[:-1])
    with pytest.raises(IllegalEvent, match=message):
        contest.push(events[-1])


def test_out_of_order_events_are_a_format_error_and_not_taken() -> None:
    contest = contest_of("ijf2018", Hajime(10.0, 1))
    with pytest.raises(LogFormatError, match="backwards"):
        contest.push(Mate(9.0, 2))
    with pytest.raises(LogFormatError, match="does not come after"):
        contest.push(Mate(11.0, 1))
    assert len(contest.events) == 1


def test_pop_takes_back_the_last_event() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), Score(5.0, 2, "blue", "ippon"))
    assert contest.final_state().ended
    assert contest.pop() == Score(5.0, 2, "blue", "ippon")
    assert contest.state_at(5.0).status == "running"
    with pytest.raises(IndexError):
        Contest(get_ruleset("ijf2018")).pop()


def test_pop_of_a_cancel_restores_the_cancelled_event() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), Score(5.0, 2, "blue", "ippon"),
                         Cancel(6.0, 3, 2))
    assert contest.state_at(7.0).status == "running"
    contest.pop()
    assert contest.state_at(7.0).method == "ippon"
    assert contest.is_applied(2)


@pytest.mark.parametrize(
    ("target", "message"),
    [(9, "no event on line 9"), (3, "Line 3 was refused"), (4, "already been cancelled"),
     (6, "no event on line 6")],
)
def test_cancel_refusals(target: int, message: str) -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), Shido(5.0, 2, "white"),
                         Score(6.0, 3, "white", "koka"), Shido(7.0, 4, "blue"), Cancel(8.0, 5, 4))
    with pytest.raises(IllegalEvent, match=message):
        contest.push(Cancel(9.0, 6, target))


def test_a_cancel_can_make_a_later_line_illegal() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), Osaekomi(10.0, 2, "white"),
                         Toketa(15.0, 3), Cancel(16.0, 4, 1))
    assert [r.line for r in contest.rejected] == [2, 3]
    assert "hajime" in contest.rejected[0].reason
    contest.push(Cancel(17.0, 5, 4))  # the cancel of the cancel brings hajime back
    assert contest.rejected == ()
    assert contest.is_applied(2)


def test_the_corrected_history_is_what_state_at_shows() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), Shido(10.0, 2, "white"),
                         Cancel(20.0, 3, 2))
    assert contest.state_at(15.0).white.shido == 0


def test_outcome_and_pool_value() -> None:
    rules = get_ruleset("ijf2003")
    contest = contest_of("ijf2003", Hajime(0.0, 1), Score(10.0, 2, "white", "waza-ari"),
                         Score(20.0, 3, "white", "koka"), Score(30.0, 4, "blue", "yuko"))
    assert contest.outcome(100.0) is None
    outcome = contest.outcome()
    assert outcome == Outcome("white", "yusei-gachi", "waza-ari", False, None, "waza-ari")
    assert rules.win_points(outcome.value) == 7


def test_kiken_wins_whatever_the_board_and_is_worth_ippon() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), Score(10.0, 2, "white", "waza-ari"),
                         Kiken(20.0, 3, "white"))
    outcome = contest.outcome()
    assert outcome is not None
    assert (outcome.winner, outcome.method, outcome.value) == ("blue", "kiken-gachi", "ippon")


def test_both_excluded_at_once() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1),
                         HansokuMake(10.0, 2, "white", "direct-spirit"),
                         HansokuMake(10.0, 3, "blue", "direct-spirit"))
    state = contest.final_state()
    assert (state.winner, state.method, state.excluded) == (None, "hansoku-make", "both")
    assert state.outcome is not None
    assert state.outcome.value is None


def test_a_second_hansoku_make_later_is_refused() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), HansokuMake(10.0, 2, "white"))
    with pytest.raises(IllegalEvent, match="White already has hansoku-make"):
        contest.push(HansokuMake(10.5, 3, "blue"))


def test_carry_over_off_resets_the_board_for_golden_score() -> None:
    rules = dataclasses.replace(get_ruleset("ijf2003"), gs_carry_over=False)
    contest = Contest(rules)
    for event in parse_log('{"at": 0, "type": "hajime"}\n'
                           '{"at": 10, "type": "shido", "side": "white"}\n'
                           '{"at": 11, "type": "shido", "side": "blue"}\n'
                           '{"at": 310, "type": "hajime"}\n'):
        contest.push(event)
    state = contest.state_at(320.0)
    assert (state.white.shido, state.blue.penalty_koka, state.golden_score) == (0, 0, True)


def test_sogo_gachi_in_the_official_order_only() -> None:
    rules = dataclasses.replace(get_ruleset("ijf2003"), sogo_gachi_any_order=False)
    contest = Contest(rules)
    for event in (Hajime(0.0, 1), Shido(10.0, 2, "blue"), Shido(20.0, 3, "blue"),
                  Shido(30.0, 4, "blue"), Score(40.0, 5, "white", "waza-ari")):
        contest.push(event)
    assert contest.state_at(40.0).status == "running"
    assert contest.outcome() == Outcome("white", "yusei-gachi", "waza-ari", False, None,
                                        "waza-ari")


@pytest.mark.parametrize("stop", [True, False])
def test_hajime_at_the_bell_starts_golden_score(stop: bool) -> None:
    events: list[Event] = [Hajime(0.0, 1)]
    if stop:
        events.append(Mate(240.0, 2))
    events += [Hajime(240.0, 3), Score(250.0, 4, "white", "waza-ari")]
    contest = contest_of("ijf2018", *events)
    assert contest.rejected == ()
    outcome = contest.outcome()
    assert outcome is not None
    assert (outcome.method, outcome.golden_score) == ("yusei-gachi", True)
    assert contest.final_state().golden_score_time == 10.0


def test_pop_of_a_cancel_forgets_the_refusals_it_caused() -> None:
    contest = contest_of("ijf2018", Hajime(0.0, 1), Osaekomi(3.0, 2, "white"), Cancel(4.0, 3, 1))
    assert [r.line for r in contest.rejected] == [2]
    contest.pop()
    assert contest.rejected == ()
    contest.pop()
    assert contest.rejected == ()
    assert contest.state_at(5.0).osaekomi is None

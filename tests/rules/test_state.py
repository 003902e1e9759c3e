from __future__ import annotations

from typing import Any

import pytest

from ippon.rules import Board, State


def test_effective_scores_add_penalty_scores() -> None:
    board = Board(waza_ari=1, koka=2, penalty_yuko=1)
    assert board.effective() == (1, 1, 2)


def state(method: str | None, winner: str | None = "white", **board: Any) -> State:
    return State(0.0, "ended" if method else "running", False, winner, method,  # type: ignore[arg-type]
                 None, None, Board(**board), Board(), 240.0, 0.0, False, None, 0.0)


@pytest.mark.parametrize(
    ("method", "board", "value"),
    [("ippon", {}, "ippon"), ("sogo-gachi", {}, "ippon"), ("fusen-gachi", {}, "ippon"),
     ("yusei-gachi", {"waza_ari": 1, "koka": 1}, "waza-ari"),
     ("yusei-gachi", {"penalty_yuko": 1}, "yuko"), ("yusei-gachi", {"koka": 2}, "koka"),
     ("shido", {"yuko": 1}, None), ("hantei", {}, None)],
)
def test_outcome_value_is_the_highest_score_the_winner_held(
    method: str, board: dict[str, Any], value: str | None
) -> None:
    outcome = state(method, **board).outcome
    assert outcome is not None
    assert outcome.value == value


def test_no_outcome_while_running() -> None:
    assert state(None, winner=None).outcome is None
    assert not state(None, winner=None).ended

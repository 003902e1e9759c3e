from __future__ import annotations

import dataclasses

import pytest

from ippon.rules import EVENT_TYPES, Hajime, Score, opponent, type_name


def test_every_issue_event_type_exists() -> None:
    assert set(EVENT_TYPES) == {
        "hajime", "mate", "sono-mama", "yoshi", "osaekomi", "toketa", "score", "shido",
        "hansoku-make", "hantei", "kiken", "fusen", "medical", "cancel", "decision",
    }


@pytest.mark.parametrize("cls", list(EVENT_TYPES.values()))
def test_events_are_frozen_and_slotted_with_at_and_line(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    assert names[:2] == ["at", "line"]
    assert names[-1] == "reason"
    assert hasattr(cls, "__slots__")
    assert cls.__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_type_names_and_opponents() -> None:
    assert type_name(Score(1.0, 2, "white", "koka")) == "score"
    assert type_name(Hajime(0.0, 1)) == "hajime"
    assert opponent("white") == "blue"
    assert opponent("blue") == "white"

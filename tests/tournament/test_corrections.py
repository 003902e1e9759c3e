"""Corrections: the impact is shown before anything is committed, and equals re-deriving from
scratch."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ippon.tournament.bracket import Bracket, Status
from ippon.tournament.corrections import PlacingChange, impact
from ippon.tournament.model import BracketError, Result, Side
from ippon.tournament.systems import build

from .helpers import POINTS, athletes, play, upper_wins

WHITE = Result(Side.WHITE, "ippon", "ippon")
BLUE = Result(Side.BLUE, "ippon", "ippon")


def test_changing_a_quarter_final_voids_everything_downstream() -> None:
    bracket = upper_wins(build("ijf-repechage", 8), athletes(8))
    # Quarter-final 1: A01 beat A02. Now A02 wins it.
    shown = impact(bracket, 1, BLUE)
    assert bracket.progress.placings[1] == ("A01",)  # nothing committed yet
    changed = {c.number for c in shown.contests}
    # QF 1 itself, then what it fed: the repechage A/B (now A01 v A04) and SF 1 (A02 v A03)
    # get new athletes; both bronze contests and the final wait for them again.
    assert changed == {1, 5, 7, 9, 10, 11}
    assert shown.void == (5, 7, 9, 10, 11)
    after = {c.number: c.after for c in shown.contests}
    assert (after[7].white, after[7].blue, after[7].status) == ("A02", "A03", Status.READY)
    assert after[11].status is Status.WAITING
    assert PlacingChange("A01", 1, None) in shown.placings
    corrected = bracket.correct(1, BLUE)
    assert set(corrected.results) == {1, 2, 3, 4, 6, 8}
    assert corrected.progress.ready()[0].number == 5


def test_a_correction_that_keeps_the_winner_changes_only_that_contest() -> None:
    bracket = upper_wins(build("single-elimination", 4), athletes(4))
    shown = impact(bracket, 1, Result(Side.WHITE, "yusei-gachi", "waza-ari"))
    assert [c.number for c in shown.contests] == [1]
    assert shown.void == ()
    assert shown.placings == ()


def test_only_decided_contests_can_be_corrected() -> None:
    bracket = Bracket(build("single-elimination", 4), tuple(athletes(4)), POINTS)
    with pytest.raises(BracketError, match=r"contest 3 \(F\) has no result to correct"):
        impact(bracket, 3, WHITE)


def rebuild(corrected: Bracket) -> Bracket:
    """Feed the kept results to a fresh bracket, one ready contest at a time."""
    fresh = Bracket(corrected.system, corrected.lines, POINTS, out=corrected.out)
    pending = True
    while pending:
        pending = False
        for state in fresh.progress.ready():
            recorded = corrected.results.get(state.number)
            if recorded is not None and (recorded.white, recorded.blue) == (state.white,
                                                                               state.blue):
                fresh = fresh.feed(state.number, recorded.result)
                pending = True
                break
    return fresh


SYSTEMS = [("ijf-repechage", 16), ("double-repechage", 16), ("full-repechage", 16),
           ("single-elimination", 16), ("double-elimination", 8), ("pool", 5),
           ("double-pool", 7), ("best-of-three", 2)]


@given(st.sampled_from(SYSTEMS), st.randoms(use_true_random=False), st.data())
def test_impact_equals_the_diff_of_deriving_from_scratch(
    system_size: tuple[str, int], rng: random.Random, data: st.DataObject
) -> None:
    name, size = system_size
    system = build(name, size)
    lines = [a if rng.random() < 0.8 else None for a in athletes(size)]
    bracket = play(system, lines, rng, exclude=0.1)
    decided = [s.number for s in bracket.progress.contests if s.status is Status.DECIDED]
    if not decided:
        return
    number = data.draw(st.sampled_from(decided))
    result = data.draw(st.sampled_from([
        None, WHITE, BLUE, Result(Side.WHITE, "hansoku-make", "ippon", excluded=True),
        Result(Side.BLUE, "kiken-gachi", "ippon", excluded=True)]))
    shown = impact(bracket, number, result)
    corrected = bracket.correct(number, result)
    fresh = rebuild(corrected)
    assert corrected.progress == fresh.progress
    before, after = bracket.progress, fresh.progress
    assert [c.number for c in shown.contests] == [
        a.number for a, b in zip(before.contests, after.contests, strict=True) if a != b]
    old, new = before.place_of(), after.place_of()
    assert {p.athlete: (p.before, p.after) for p in shown.placings} == {
        a: (old.get(a), new.get(a)) for a in {*old, *new} if old.get(a) != new.get(a)}
    dropped = set(bracket.results) - set(corrected.results) - {number}
    assert set(shown.void) == dropped

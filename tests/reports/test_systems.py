"""Every competition system prints: its drawing or pools, and the engine's placings."""

from __future__ import annotations

import random

import pytest

from ippon.reports import CategoryDraw, Tournament, category_pdf
from ippon.reports.brackets import category_sheet
from ippon.reports.demo import play
from ippon.reports.render import ordinal
from ippon.tournament.systems import BUILDERS

from .helpers import pages, people

SIZES = {"single-elimination": 8, "ijf-repechage": 8, "double-repechage": 16,
         "full-repechage": 16, "double-elimination": 8, "best-of-three": 2, "pool": 4,
         "double-pool": 6}


def test_every_system_is_covered() -> None:
    assert set(SIZES) == set(BUILDERS)


@pytest.mark.parametrize("system", sorted(SIZES))
def test_a_small_category_of_any_system_prints_on_one_page(system: str) -> None:
    roster = people(SIZES[system])
    bracket = play(system, list(roster), random.Random(11))
    t = Tournament("Club Cup", people=roster, categories=(CategoryDraw("U18 -66 kg", bracket),))
    (text,) = pages(category_pdf(t, t.categories[0]))
    for athlete in roster.values():
        assert athlete.name in text
    for place, athletes in bracket.progress.placings.items():
        for athlete in athletes:
            assert f"{ordinal(place)} {roster[athlete].name}" in text
    sheet = category_sheet(t, t.categories[0])
    drawn = [m for d in (sheet.main, *sheet.others) if d is not None for m in d.marks]
    # Everything not in a pool is drawn: each contest outside pools has its joint.
    joints = {j.number for d in (sheet.main, *sheet.others) if d is not None for j in d.joints}
    assert joints == {c.number for c in bracket.system.contests if c.pool is None}
    assert len(drawn) == 2 * len(joints) + len(sheet.others) + (sheet.main is not None)

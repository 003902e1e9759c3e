"""Printing every bracket of a tournament into one PDF, with progress."""

from __future__ import annotations

import pytest

from ippon.reports import Tournament, category_pdf, print_brackets
from ippon.reports.demo import CATEGORIES, demo_tournament

from .helpers import pages


def test_all_brackets_come_as_one_pdf_after_a_progress_step_per_category() -> None:
    demo = demo_tournament(categories=CATEGORIES[:4])  # 32, 13, 40 athletes and a pool of 5
    steps = list(print_brackets(demo))
    assert [(s.done, s.total) for s in steps] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert [s.category for s in steps] == [c.name for c in demo.categories]
    assert all(s.pdf is None for s in steps[:-1])
    pdf = steps[-1].pdf
    assert pdf is not None
    text = pages(pdf)
    # One page each, three for the 64-line bracket.
    assert [s.pages for s in steps] == [1, 2, 5, 6]
    assert len(text) == 6
    single = [len(pages(category_pdf(demo, c))) for c in demo.categories]
    assert single == [1, 1, 3, 1]
    starts = [0, 1, 2, 5]
    for category, start in zip(demo.categories, starts, strict=True):
        assert category.name in text[start]
        champion = category.bracket.progress.placings[1][0]
        assert demo.people[champion].name in " ".join(text)


def test_a_tournament_without_categories_has_nothing_to_print() -> None:
    with pytest.raises(ValueError, match="no categories to print"):
        next(print_brackets(Tournament("Empty")))

"""The template and PDF plumbing."""

from __future__ import annotations

import jinja2
import pytest

from ippon.reports.render import merge, ordinal, render_html


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 5, 7, 9, 11, 12, 13, 21, 22, 23, 111, 112)] == [
        "1st", "2nd", "3rd", "4th", "5th", "7th", "9th", "11th", "12th", "13th", "21st",
        "22nd", "23rd", "111th", "112th"]


def test_names_are_escaped_in_html() -> None:
    html = render_html("results.html", {"title": "<Cup>", "subtitle": "", "categories": [],
                                        "medals": {}})
    assert "&lt;Cup&gt;" in html
    assert "<Cup>" not in html


def test_a_missing_field_fails_instead_of_printing_blank() -> None:
    with pytest.raises(jinja2.UndefinedError):
        render_html("results.html", {"title": "Cup", "subtitle": ""})


def test_nothing_to_merge() -> None:
    with pytest.raises(ValueError, match="nothing to print"):
        merge([])

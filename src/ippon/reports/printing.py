"""Printing every bracket of a tournament as one PDF, with progress as it goes.

`print_brackets` is a generator, so the command line can drive a progress bar and a web
request can report how far a download has got: it yields after each category is laid out, and
the last item carries the PDF.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ippon.reports import render
from ippon.reports.model import CategoryDraw, Tournament
from ippon.reports.sheets import category_document


@dataclass(frozen=True, slots=True)
class Printing:
    """`done` of `total` categories are laid out; `category` is the one just finished.
    `pdf` is set on the last item only."""

    done: int
    total: int
    category: str
    pages: int
    pdf: bytes | None = None


def print_brackets(tournament: Tournament,
                   categories: Sequence[CategoryDraw] | None = None) -> Iterator[Printing]:
    """Lay out each category's sheet (all of the tournament's by default), then join them into
    one PDF. Yields one `Printing` per category; the last one holds the PDF."""
    chosen = list(tournament.categories if categories is None else categories)
    if not chosen:
        raise ValueError("the tournament has no categories to print")
    documents: list[render.Document] = []
    pages = 0
    for done, category in enumerate(chosen, start=1):
        document = category_document(tournament, category)
        documents.append(document)
        pages += render.page_count(document)
        if done < len(chosen):
            yield Printing(done, len(chosen), category.name, pages)
    yield Printing(len(chosen), len(chosen), chosen[-1].name, pages, render.merge(documents))

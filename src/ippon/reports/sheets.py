"""One function per kind of sheet: domain objects in, PDF bytes out."""

from __future__ import annotations

from ippon.reports import render
from ippon.reports.brackets import category_sheet
from ippon.reports.model import CategoryDraw, Tournament


def category_pdf(tournament: Tournament, category: CategoryDraw) -> bytes:
    """A category's sheet: its bracket in the IJF layout, or its pool tables, and placings."""
    return render.render_pdf("category.html", {"sheet": category_sheet(tournament, category)})


def category_document(tournament: Tournament, category: CategoryDraw) -> render.Document:
    return render.layout("category.html", {"sheet": category_sheet(tournament, category)})

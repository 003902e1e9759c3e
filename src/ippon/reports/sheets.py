"""One function per kind of sheet: domain objects in, PDF bytes out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ippon.reports import lists, render
from ippon.reports.brackets import category_sheet
from ippon.reports.model import CategoryDraw, Tournament
from ippon.tournament.schedule import Plan


def _event(tournament: Tournament) -> dict[str, Any]:
    return {"title": tournament.title, "subtitle": tournament.subtitle}


def category_pdf(tournament: Tournament, category: CategoryDraw) -> bytes:
    """A category's sheet: its bracket in the IJF layout, or its pool tables, and placings."""
    return render.merge([category_document(tournament, category)])


def category_document(tournament: Tournament, category: CategoryDraw) -> render.Document:
    return render.layout("category.html", {"sheet": category_sheet(tournament, category)})


def weigh_in_pdf(tournament: Tournament, categories: Sequence[CategoryDraw] | None = None, *,
                 blank: bool = False) -> bytes:
    """Weigh-in lists, a page (or more) per category: name, club, country, birth year, weight
    and a signature column. `blank` leaves the weights to be written in by hand."""
    rows = lists.weigh_in(tournament, categories, blank=blank)
    return render.render_pdf("weigh_in.html", {**_event(tournament), "categories": rows})


def mat_order_pdf(tournament: Tournament, plan: Plan) -> bytes:
    """The contest order of each mat (a page or more per mat) from a schedule plan."""
    mats = lists.mat_order(tournament, plan)
    return render.render_pdf("mat_order.html", {**_event(tournament), "mats": mats})


def results_pdf(tournament: Tournament) -> bytes:
    """The placings of every category."""
    return render.render_pdf("results.html", {
        **_event(tournament), "categories": lists.results(tournament),
        "medals": lists.MEDALS})


def medal_table_pdf(tournament: Tournament) -> bytes:
    """Medals by country, gold first."""
    return render.render_pdf("medals.html", {
        **_event(tournament), "rows": lists.medal_table(tournament),
        "categories": len(tournament.categories)})


def certificates_pdf(tournament: Tournament, *, up_to: int = 7) -> bytes:
    """A certificate (A4 landscape) for every athlete placed 1st to `up_to`."""
    certificates = lists.certificates(tournament, up_to=up_to)
    if not certificates:
        raise ValueError("nobody is placed yet: there are no certificates to print")
    return render.render_pdf("certificates.html", {**_event(tournament),
                                                    "certificates": certificates})

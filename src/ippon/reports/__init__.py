"""Printable sheets (PDF): brackets in the IJF repechage layout, pool sheets, weigh-in lists,
contest order per mat, results, medal table, certificates.

Domain objects in (`Tournament`, `CategoryDraw`, `Person`, a schedule `Plan`), PDF bytes out,
through Jinja2 templates and WeasyPrint. Never touches the database.
"""

from ippon.reports.model import CategoryDraw, Person, Tournament
from ippon.reports.printing import Printing, print_brackets
from ippon.reports.sheets import (
    category_pdf,
    certificates_pdf,
    mat_order_pdf,
    medal_table_pdf,
    results_pdf,
    weigh_in_pdf,
)

__all__ = [
    "CategoryDraw", "Person", "Printing", "Tournament", "category_pdf", "certificates_pdf",
    "mat_order_pdf", "medal_table_pdf", "print_brackets", "results_pdf", "weigh_in_pdf",
]

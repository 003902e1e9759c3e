"""HTML templates to PDF bytes: the one module that calls Jinja2 and WeasyPrint.

Every sheet is a Jinja2 template (`templates/`) filled with a view-model; the same template
can be served as a web page. `render_html` gives the HTML, `render_pdf` the PDF bytes.
Several documents become one PDF with `merge`, so that long jobs can report progress between
documents (`ippon.reports.printing`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any, Protocol

import jinja2

TEMPLATES = "templates"


class Document(Protocol):
    """A laid-out WeasyPrint document (pages), before it is written to PDF: the part of
    `weasyprint.Document` that ippon uses (WeasyPrint has no type information of its own)."""

    @property
    def pages(self) -> list[Any]: ...

    def copy(self, pages: list[Any]) -> Document: ...

    def write_pdf(self) -> bytes: ...


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ippon.reports", TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,  # a misspelt field fails the test, not the print
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["mm"] = _mm
    env.filters["ordinal"] = ordinal
    return env


def _mm(value: float) -> str:
    return f"{value:.2f}mm"


def ordinal(place: int) -> str:
    if 10 <= place % 100 <= 20:
        return f"{place}th"
    return f"{place}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(place % 10, 'th') }"


def render_html(template: str, context: Mapping[str, Any]) -> str:
    return environment().get_template(template).render(**context)


def layout(template: str, context: Mapping[str, Any]) -> Document:
    """Lay the sheet out in pages (the slow part of printing)."""
    import weasyprint  # imported here: it loads Pango, which the rest of ippon does not need

    document: Document = weasyprint.HTML(string=render_html(template, context)).render()
    return document


def page_count(document: Document) -> int:
    return len(document.pages)


def merge(documents: Sequence[Document]) -> bytes:
    """One PDF with the pages of every document, in order."""
    if not documents:
        raise ValueError("there is nothing to print")
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def render_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    return merge([layout(template, context)])

"""Reading sheets back: the text and page count of a PDF, and a PNG preview for people."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf

SHEETS = Path(__file__).resolve().parents[2] / "artifacts" / "sheets"


def pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed to single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def fonts(pdf: bytes) -> set[str]:
    """The names of the fonts embedded in the PDF (subset prefixes removed)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names: set[str] = set()
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            base = str(font.get_object()["/BaseFont"])
            names.add(base.split("+", 1)[-1].lstrip("/"))
    return names


def preview(pdf: bytes, name: str) -> Path:
    """Render the first page to artifacts/sheets/NAME.png (git-ignored) for a person to look
    at, and check that the picture is there."""
    if shutil.which("pdftoppm") is None:
        raise AssertionError("pdftoppm is missing: install poppler-utils (.ci/run does)")
    SHEETS.mkdir(parents=True, exist_ok=True)
    target = SHEETS / name
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", "-",
                    str(target)], input=pdf, check=True)
    png = target.with_suffix(".png")
    assert png.stat().st_size > 10_000, f"{png} is nearly empty"
    return png

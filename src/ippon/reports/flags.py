"""The countries' flags for the printed sheets: the same hand-drawn SVG files the mat and public
pages show, read from the package by path."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

FLAGS = Path(__file__).resolve().parents[1] / "web" / "static" / "flags"


def flag_svgs(countries: Iterable[str | None], folder: Path = FLAGS) -> dict[str, str]:
    """The SVG text of each country's flag that has one (IOC code -> SVG)."""
    found = {}
    for code in {c for c in countries if c}:
        path = folder / f"{code}.svg"
        if code.isalpha() and path.is_file():
            found[code] = path.read_text(encoding="utf-8")
    return found

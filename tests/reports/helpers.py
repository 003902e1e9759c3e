"""Reading sheets back: the text and page count of a PDF, and a PNG preview for people."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pypdf

from ippon.reports import Person

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


# Latin, Cyrillic and Japanese names, as entered.
NAMES = [
    ("Müller", "Stefan", "GER"), ("Иванов", "Александр", "RUS"), ("佐藤", "太郎", "JPN"),
    ("Lefèvre", "Théo", "FRA"), ("Георгиев", "Петър", "BUL"), ("高橋", "翔", "JPN"),
    ("Silva", "João", "BRA"), ("Beridze", "Giorgi", "GEO"), ("Yılmaz", "Emre", "TUR"),
    ("de Vries", "Daan", "NED"), ("Kim", "Min-jun", "KOR"), ("Смирнов", "Дмитрий", "RUS"),
    ("鈴木", "健太", "JPN"), ("Schmidt", "Jonas", "GER"), ("Dubois", "Lucas", "FRA"),
    ("Kaya", "Burak", "TUR"), ("Kapanadze", "Luka", "GEO"), ("Park", "Ji-ho", "KOR"),
    ("Соколов", "Андрей", "RUS"), ("田中", "大輔", "JPN"), ("Santos", "Rafael", "BRA"),
    ("Jansen", "Bram", "NED"), ("Димитров", "Стефан", "BUL"), ("Weiß", "Felix", "GER"),
    ("Moreau", "Hugo", "FRA"), ("Tsiklauri", "Lasha", "GEO"), ("Demir", "Mehmet", "TUR"),
    ("山本", "拓海", "JPN"), ("Oliveira", "Thiago", "BRA"), ("Bakker", "Sem", "NED"),
    ("Лебедев", "Сергей", "RUS"), ("Choi", "Seo-jun", "KOR"),
]


def people(count: int) -> dict[str, Person]:
    out = {}
    for i in range(count):
        surname, given, country = NAMES[i % len(NAMES)]
        if i >= len(NAMES):
            surname = f"{surname}-{chr(ord('A') + i // len(NAMES) - 1)}"  # unique names
        out[f"p{i:02d}"] = Person(f"p{i:02d}", surname, given, country=country)
    return out

"""Benchmark of the entry-list import: read, guess the mapping, validate and find duplicates.

    .venv/bin/python benchmarks/bench_import.py              # 2,000 rows, CSV, XLSX and ODS
    .venv/bin/python benchmarks/bench_import.py --rows 10000

The entry lists are generated from a seeded random.Random: German-style headers, cp1252 CSV with
';', day-first dates, comma decimals, country names and IOC codes, a few likely duplicates.
Generation is not timed. Each format is imported `--repeat` times; the best and the median
wall-clock times are printed (the organiser waits for wall-clock time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

from ippon.exchange.importing import guess_mapping, read_table, validate

HEADER = ["Name", "Vorname", "Geschlecht", "Geburtsdatum", "Verein", "Nation", "Gewicht",
          "Gewichtsklasse", "Judopass", "Setzung"]
SURNAMES = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Dupont", "Martin", "Bernard", "van der Berg", "de Jong", "Jansen", "Novak", "Horvat",
            "Kowalski", "Nowak", "Rossi", "García", "Andersson", "Johansson", "Ono", "Abe"]
GIVEN = ["Anna", "Lena", "Marie", "Zoë", "Sofia", "Max", "Paul", "Jonas", "Lukas", "Noah",
         "Léa", "Chloé", "Hugo", "Louis", "Lars", "Emil", "Ida", "Mia", "Hifumi", "Shohei"]
CLUBS = [f"{kind} {town}" for kind in ("JC", "Judo-Club", "TSV", "Budokan")
         for town in ("Bonn", "Köln", "Mainz", "Trier", "Aachen", "Essen", "Kiel", "Ulm")]
COUNTRIES = ["GER", "Deutschland", "NED", "Niederlande", "FRA", "BEL", "AUT", "Schweiz", "POL"]


def entries(count: int, rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    for i in range(count):
        if rows and rng.random() < 0.02:  # a likely duplicate of an earlier row
            rows.append(list(rng.choice(rows)))
            continue
        born = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(365 * 10))
        weight = round(rng.uniform(20, 100), 1)
        rows.append([rng.choice(SURNAMES), rng.choice(GIVEN), rng.choice("MW"), born,
                     rng.choice(CLUBS), rng.choice(COUNTRIES), weight,
                     f"U{rng.choice([11, 13, 15, 18])} -{rng.choice([30, 34, 38, 42, 46, 50])}",
                     f"DJB-{100000 + i}", rng.choice(["", "", "", "", "1", "2"])])
    return rows


def as_csv(rows: list[list[object]]) -> bytes:
    def cell(value: object) -> str:
        if isinstance(value, dt.date):
            return value.strftime("%d.%m.%Y")
        if isinstance(value, float):
            return str(value).replace(".", ",")
        return str(value)
    lines = [";".join(HEADER)] + [";".join(cell(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def as_xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl  # a test dependency: only needed to make the file

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append([int(v) if isinstance(v, str) and v.isdigit() else v for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
            ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="/"'
            ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>")


def as_ods(rows: list[list[object]]) -> bytes:
    def cell(value: object) -> str:
        if isinstance(value, dt.date):
            return (f'<table:table-cell office:value-type="date" office:date-value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        if isinstance(value, float):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return ('<table:table-cell office:value-type="string"><text:p>'
                f"{escape(str(value))}</text:p></table:table-cell>")
    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
                   for row in [HEADER, *rows])
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content'
               ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
               ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
               ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               '<office:body><office:spreadsheet><table:table table:name="Meldungen">'
               f"{body}</table:table></office:spreadsheet></office:body>"
               "</office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", MANIFEST)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def measure(data: bytes, repeat: int) -> tuple[float, float, int, int]:
    times: list[float] = []
    rows = duplicates = 0
    for _ in range(repeat):
        start = time.perf_counter()
        table = read_table(data)
        result = validate(table, guess_mapping(table.headers), today=dt.date(2026, 11, 28))
        times.append(time.perf_counter() - start)
        if not result.ok:
            sys.exit(f"the generated file did not import: {result.errors[0]}")
        rows, duplicates = len(result.rows), len(result.duplicates)
    return min(times), statistics.median(times), rows, duplicates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = entries(args.rows, random.Random(args.seed))
    makers: dict[str, Callable[[list[list[object]]], bytes]] = {
        "CSV (cp1252, ';')": as_csv, "XLSX": as_xlsx, "ODS": as_ods}
    print(f"import of {args.rows:,} rows: read + map + validate + duplicates, "
          f"best and median of {args.repeat}")
    for name, make in makers.items():
        data = make(rows)
        best, median, imported, duplicates = measure(data, args.repeat)
        print(f"  {name:<18} {len(data) / 1024:8.0f} KiB  best {best * 1000:7.1f} ms  "
              f"median {median * 1000:7.1f} ms  ({imported} rows, {duplicates} duplicate groups)")


if __name__ == "__main__":
    main()

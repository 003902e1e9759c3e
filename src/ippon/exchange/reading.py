"""Bytes of an entry list into a header and rows: CSV in any common delimiter and encoding,
XLSX, ODS and XLS (through calamine).

The format is told from the content, not the file name: organisers rename files, and
spreadsheet programs save "CSV" in the encoding of the machine they run on.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import python_calamine

__all__ = ["Cell", "FileError", "Table", "decode_text", "read_table", "sniff_delimiter"]

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None
"""A value as the file holds it: text from CSV; numbers, dates and text from a spreadsheet."""

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_LINES = 50
_TITLE_ROWS = 5  # rows above the header that may hold a title or a note


class FileError(ValueError):
    """The file cannot be read as an entry list at all; the message says why, for the organiser."""


@dataclass(frozen=True, slots=True)
class Table:
    """The header and the data rows of an entry list.

    `lines[i]` is the line (CSV) or row (spreadsheet) number of `rows[i]` as the organiser sees it
    in their program, 1-based; blank rows are left out but keep their numbers. `header_line` is
    the header's number. `source` says what was read ("CSV, UTF-8, ';'" or "XLSX, sheet
    'Entries'"), `sheets` lists a workbook's sheets so that the organiser can pick another.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    lines: tuple[int, ...]
    header_line: int = 1
    source: str = ""
    sheets: tuple[str, ...] = ()


# --- text files ------------------------------------------------------------------------------

def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read in.

    A byte-order mark decides; UTF-16 without one shows itself by its zero bytes; then UTF-8,
    which almost never decodes text that is not UTF-8; then Windows-1252, what Excel writes on a
    Western European Windows; and ISO-8859-1, which decodes any bytes, last.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8"), "UTF-8 with BOM"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode(data[len(bom):], name), f"{name.upper()} with BOM"
    sample = data[:4000]
    if len(sample) >= 4 and _looks_utf16(sample):
        # Mostly ASCII text in UTF-16: every other byte is zero, the odd ones for little-endian.
        name = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        return _decode(data, name), name.upper()
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "ISO-8859-1"


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise FileError(f"The file says it is {encoding.upper()} but byte {error.start} is not; "
                        "save it again as CSV UTF-8.") from None


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab | that splits the first lines into the most equal, widest rows.

    Each candidate parses the sample with the csv module (so quoted delimiters do not count); the
    best one gives the same number of cells on the most lines, then the most cells.
    """
    sample_lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    sample = "\n".join(sample_lines)
    best, best_key = ",", (0, 0)
    for delimiter in DELIMITERS:
        widths = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        if not widths or max(widths) < 2:
            continue
        header_width = widths[0]
        agreeing = sum(1 for w in widths if w == header_width)
        key = (agreeing, header_width)
        if key > best_key:
            best, best_key = delimiter, key
    return best


def _read_csv(data: bytes) -> Table:
    text, encoding = decode_text(data)
    start = 1
    # Excel writes and reads a first line "sep=;" that names the delimiter.
    hint = re.match(r"sep=([,;\t|])\r?\n", text)
    if hint:
        delimiter, text, start = hint.group(1), text[hint.end():], 2
    else:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    numbered: list[tuple[int, list[str]]] = []
    offset = start - 1
    try:
        for cells in reader:
            numbered.append((start, cells))
            start = offset + reader.line_num + 1
    except csv.Error as error:
        raise FileError(f"line {offset + reader.line_num}: the CSV cannot be read ({error}); "
                        "check the quotes on that line.") from None
    shown = "tab" if delimiter == "\t" else f"'{delimiter}'"
    return _table(numbered, f"CSV, {encoding}, delimiter {shown}")


# --- spreadsheets ----------------------------------------------------------------------------

def _spreadsheet_kind(data: bytes) -> str | None:
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "XLS"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", errors="replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
                    return "ODS"
                raise FileError(f"This is an OpenDocument file of type {mimetype!r}, not a "
                                "spreadsheet; save the entry list as ODS, XLSX or CSV.")
            if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
                return "XLSX"
    except zipfile.BadZipFile:
        raise FileError("The file is a damaged ZIP archive (XLSX and ODS files are ZIP "
                        "archives); save it again from the spreadsheet program.") from None
    raise FileError("The file is a ZIP archive but not an XLSX or ODS spreadsheet.")


def _read_spreadsheet(data: bytes, kind: str, sheet: str | int | None) -> Table:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise FileError(f"The {kind} file is protected by a password; save a copy without "
                        "one.") from None
    except Exception as error:  # calamine raises its own and plain errors for broken files
        raise FileError(f"The {kind} file cannot be read ({error}); save it again from the "
                        "spreadsheet program.") from None
    with workbook:
        names = tuple(workbook.sheet_names)
        if not names:
            raise FileError(f"The {kind} file has no sheets.")
        chosen = _choose_sheet(workbook, names, sheet)
        rows = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    numbered = [(number, list(cells)) for number, cells in enumerate(rows, start=1)]
    table = _table(numbered, f"{kind}, sheet '{chosen}'")
    return Table(table.headers, table.rows, table.lines, table.header_line, table.source, names)


def _choose_sheet(workbook: python_calamine.CalamineWorkbook, names: Sequence[str],
                  sheet: str | int | None) -> str:
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise FileError(f"The workbook has {len(names)} sheet(s); there is no sheet "
                            f"number {sheet + 1}.")
        return names[sheet]
    if isinstance(sheet, str):
        if sheet not in names:
            raise FileError(f"The workbook has no sheet '{sheet}'; its sheets are "
                            + ", ".join(f"'{n}'" for n in names) + ".")
        return sheet
    # The first sheet with something on it: an empty first sheet is a common leftover of the
    # template the entry form was made from.
    for name in names:
        if workbook.get_sheet_by_name(name).to_python(nrows=1):
            return name
    return names[0]


# --- both ------------------------------------------------------------------------------------

def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _header_index(rows: Sequence[Sequence[Cell]]) -> int:
    """Which of the first rows is the header: entry forms often have a title or a note above it.

    The header is the first row with at least two filled cells and at least half as many as the
    fullest of these rows; a one-cell title is never it, unless the list has one column.
    """
    filled = [sum(1 for c in row if not _blank(c)) for row in rows]
    widest = max(filled)
    for index, count in enumerate(filled):
        if count >= 2 and 2 * count >= widest:
            return index
    return 0


def _table(numbered: Iterable[tuple[int, Sequence[Cell]]], source: str) -> Table:
    kept = [(number, tuple(cells)) for number, cells in numbered
            if not all(_blank(c) for c in cells)]
    if not kept:
        raise FileError("The file is empty: there is no header row and no athlete.")
    at = _header_index([cells for _, cells in kept[:_TITLE_ROWS + 1]])
    header_line, header_cells = kept[at]
    headers = tuple("" if c is None else str(c).strip() for c in header_cells)
    # Trailing empty header cells come from formatting that reaches past the data.
    while headers and not headers[-1]:
        headers = headers[:-1]
    body = kept[at + 1:]
    return Table(headers, tuple(cells for _, cells in body), tuple(n for n, _ in body),
                 header_line, source)


def read_table(data: bytes, *, sheet: str | int | None = None) -> Table:
    """Read an entry list: XLSX, ODS or XLS (its first sheet with content, or `sheet` by name or
    0-based number), or else CSV text. The header is the first row that looks like one: a title
    or a note above it is skipped.

    Raises FileError when the file cannot be an entry list (empty, damaged, a password, a ZIP
    archive or document of another kind).
    """
    if not data.strip():
        raise FileError("The file is empty.")
    kind = _spreadsheet_kind(data)
    if kind is not None:
        return _read_spreadsheet(data, kind, sheet)
    if data.startswith(b"SQLite format 3\x00"):
        raise FileError("This is a database file, not an entry list; a JudoShiai tournament "
                        "(.shi) has its own import.")
    if b"\x00" in data[:4000] and not _looks_utf16(data[:4000]):
        raise FileError("This is not a spreadsheet or a CSV text file; export the entry list as "
                        "CSV, XLSX or ODS.")
    return _read_csv(data)


def _looks_utf16(sample: bytes) -> bool:
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    # Text in UTF-16: about half the bytes are zero and they sit on one parity.
    zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(zeros_even, zeros_odd) >= len(sample) // 4 and min(zeros_even, zeros_odd) <= 2

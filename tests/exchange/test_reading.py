"""Entry-list files into header and rows: CSV delimiters and encodings, XLSX, ODS, XLS, and the
files that are no entry list at all."""

from __future__ import annotations

import codecs
import datetime as dt
import io
import sqlite3
import zipfile
from pathlib import Path

import pytest

from ippon.exchange.reading import FileError, decode_text, read_table, sniff_delimiter

from . import spreadsheets

HEADER = ["Surname", "Given name", "Club"]
ROWS = [["Müller", "Anna", "JC Köln, Süd"], ["Dupré", "Zoë", "Judo Club de Paris"]]


def csv_text(delimiter: str) -> str:
    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value or '"' in value else value
    return "\r\n".join(delimiter.join(cell(v) for v in row) for row in [HEADER, *ROWS]) + "\r\n"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_every_delimiter_is_sniffed(delimiter: str) -> None:
    table = read_table(csv_text(delimiter).encode())
    assert table.headers == tuple(HEADER)
    assert [list(r) for r in table.rows] == ROWS
    assert table.lines == (2, 3)


@pytest.mark.parametrize(("encoding", "shown"), [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16-LE with BOM"),
    ("utf-16-le", "UTF-16-LE"), ("utf-16-be", "UTF-16-BE"), ("cp1252", "Windows-1252"),
])
def test_every_encoding_is_sniffed(encoding: str, shown: str) -> None:
    table = read_table(csv_text(";").encode(encoding))
    assert table.headers == tuple(HEADER), "a BOM must not stick to the first header"
    assert [list(r) for r in table.rows] == ROWS
    assert shown in table.source


def test_latin1_when_bytes_are_not_windows_1252() -> None:
    # 0x81 is undefined in Windows-1252; ISO-8859-1 takes any byte.
    text, encoding = decode_text("Björn;\x81".encode("latin-1"))
    assert (text, encoding) == ("Björn;\x81", "ISO-8859-1")


def test_windows_1252_specials() -> None:
    text, encoding = decode_text("Name;Club\nŽibert;“Olimpija”".encode("cp1252"))
    assert encoding == "Windows-1252"
    assert "Žibert" in text
    assert "“Olimpija”" in text


def test_sniffer_ignores_delimiters_inside_quotes() -> None:
    text = 'Name;Club\n"SMITH, John";"A, B, C"\n"DOE, Jane";"D, E"\n'
    assert sniff_delimiter(text) == ";"


def test_line_numbers_count_blank_lines_and_quoted_newlines() -> None:
    data = b'Surname,Given name,Comment\n\nA,B,"two\nlines"\n,,\nC,D,x\n'
    table = read_table(data)
    assert table.lines == (3, 6)
    assert table.rows[0][2] == "two\nlines"


def test_excel_separator_line_names_the_delimiter() -> None:
    # Without the hint, ',' would win: every line has two commas and one ';'.
    table = read_table(b"sep=;\r\nName, Vorname;Club, Ort\r\nA, B;C, D\r\n")
    assert table.headers == ("Name, Vorname", "Club, Ort")
    assert table.header_line == 2
    assert table.lines == (3,)
    assert "delimiter ';'" in table.source


def test_header_may_start_below_blank_lines() -> None:
    table = read_table(b"\n\nSurname;Given name\nA;B\n")
    assert table.header_line == 3
    assert table.lines == (4,)


def test_title_rows_above_the_header_are_skipped() -> None:
    data = spreadsheets.xlsx([["Bonn Open 2026 - entry list"], [None, "closing 20 Nov"], [],
                              ["Surname", "Given name", "Club"], ["Weber", "Anna", "JC"]])
    table = read_table(data)
    assert table.headers == ("Surname", "Given name", "Club")
    assert (table.header_line, table.lines) == (4, (5,))
    one_column = read_table(b"Surname\nWeber\n")
    assert (one_column.headers, one_column.rows) == (("Surname",), (("Weber",),))


def test_xlsx_keeps_dates_numbers_and_finds_the_sheet_with_content() -> None:
    data = spreadsheets.xlsx([["Surname", "Birth date", "Id", "Weight"],
                              ["Müller", dt.date(2011, 2, 3), 12345, 34.5]],
                             before=["Instructions"])
    table = read_table(data)
    assert table.sheets == ("Instructions", "Entries")
    assert "XLSX" in table.source
    assert "Entries" in table.source
    surname, born, ident, weight = table.rows[0]
    assert surname == "Müller"
    assert isinstance(born, dt.date)
    assert born.isoformat().startswith("2011-02-03")
    assert (ident, weight) == (12345, 34.5)


def test_xlsx_sheet_by_name_and_number() -> None:
    data = spreadsheets.xlsx([["Surname"], ["A"]], before=["Notes"])
    assert read_table(data, sheet="Entries").rows == (("A",),)
    assert read_table(data, sheet=1).rows == (("A",),)
    with pytest.raises(FileError, match="no sheet 'Men'; its sheets are 'Notes', 'Entries'"):
        read_table(data, sheet="Men")
    with pytest.raises(FileError, match="no sheet number 3"):
        read_table(data, sheet=2)


def test_ods_written_by_hand() -> None:
    data = spreadsheets.ods([["Surname", "Born", "Weight"], ["Dupré", dt.date(2010, 5, 6), 41.2],
                             [None, None, None], ["Ono", 1993, None]])
    table = read_table(data)
    assert "ODS" in table.source
    assert table.rows[0][0] == "Dupré"
    assert table.rows[0][1] == dt.date(2010, 5, 6)
    assert table.lines == (2, 4)
    assert table.rows[1][1] == 1993


def test_xls_written_by_xlwt() -> None:
    data = spreadsheets.xls([["Surname", "Born"], ["Dupré", dt.date(2010, 5, 6)]])
    table = read_table(data)
    assert "XLS," in table.source
    assert table.rows == (("Dupré", dt.date(2010, 5, 6)),)


def test_empty_files() -> None:
    with pytest.raises(FileError, match="empty"):
        read_table(b"")
    with pytest.raises(FileError, match="empty"):
        read_table(b"\n \r\n")
    with pytest.raises(FileError, match="empty"):
        read_table(b";;\n;;\n")


def test_files_that_are_no_entry_list(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="not a spreadsheet or a CSV"):
        read_table(bytes(range(256)) * 4)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8")
    with pytest.raises(FileError, match="ZIP archive but not an XLSX or ODS"):
        read_table(archive.getvalue())
    with pytest.raises(FileError, match="damaged"):
        read_table(spreadsheets.xlsx([["a"]])[:300])
    with pytest.raises(FileError, match="XLS file cannot be read"):
        read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    database = tmp_path / "t.shi"
    with sqlite3.connect(database) as db:
        db.execute("create table x (a)")
    with pytest.raises(FileError, match=r"JudoShiai tournament \(.shi\) has its own import"):
        read_table(database.read_bytes())


def test_odt_document_is_refused_by_name() -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(FileError, match=r"opendocument\.text', not a spreadsheet"):
        read_table(archive.getvalue())


def test_broken_utf8_with_bom_is_reported() -> None:
    # A BOM promises UTF-8; broken bytes after it mean a damaged file, not another encoding.
    with pytest.raises(FileError, match="says it is UTF-8 but byte 5 is not"):
        decode_text(codecs.BOM_UTF8 + b"Name\n\xff\n")

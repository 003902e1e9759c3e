"""Spreadsheet files made in the tests: XLSX with openpyxl, XLS with xlwt, ODS by hand.

ODS is a ZIP archive whose first member, stored uncompressed, is the mimetype; the sheet is in
content.xml. That is all a reader needs, so the tests write it directly."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

import openpyxl
import xlwt

Value = str | int | float | dt.date | None


def xlsx(rows: Sequence[Sequence[Value]], sheet: str = "Entries",
         before: Sequence[str] = ()) -> bytes:
    """An XLSX workbook; `before` names empty sheets that come first."""
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = before[0] if before else sheet
    for name in before[1:]:
        book.create_sheet(name)
    target = book.create_sheet(sheet) if before else first
    for row in rows:
        target.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls(rows: Sequence[Sequence[Value]], sheet: str = "Entries") -> bytes:
    book = xlwt.Workbook()
    target = book.add_sheet(sheet)
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                target.write(r, c, value, date_style)
            elif value is not None:
                target.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ods_cell(value: Value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value='
                f'"{value.isoformat()}"><text:p>{value.isoformat()}</text:p></table:table-cell>')
    if isinstance(value, int | float):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return (f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p>'
            "</table:table-cell>")


def ods(rows: Sequence[Sequence[Value]], sheet: str = "Entries") -> bytes:
    body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row)
                   + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content'
        ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(sheet)}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest'
        ' xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()

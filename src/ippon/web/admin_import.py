"""Import: upload an entry list, map its columns, preview, decide on likely duplicates, import
all rows or none; or import a JudoShiai `.shi` file (what it brings is shown first, then
imported on the organiser's confirmation, all or nothing).

The upload travels between the steps inside the form (base64), so the server keeps no state
between them and every step validates the whole file again."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ippon.exchange.importing import FIELD_LABELS, Field
from ippon.services import imports, shi_import
from ippon.services.errors import Invalid, ServiceError
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.web.admin import (
    Admin,
    AdminPage,
    attempt,
    done,
    form_of,
    refusal_status,
    upload_of,
)

router = APIRouter(prefix="/admin/t/{tournament_id}", include_in_schema=False)


def _base(page: AdminPage, tournament_id: int) -> dict[str, Any]:
    return {"title": "Import", "section": "import",
            "tournament": page.read(row, t.tournaments, tournament_id, "tournament"),
            "labels": FIELD_LABELS}


@router.get("/import", response_class=HTMLResponse)
def start(tournament_id: int, page: AdminPage) -> Response:
    return page.render("import.html", _base(page, tournament_id))


def _mapping_page(page: AdminPage, tournament_id: int, name: str, data: bytes,
                  mapping: dict[Field, int] | None, sheet: str, refused: str = "") -> Response:
    table = imports.read(data, sheet)
    chosen = imports.guess(table) if mapping is None else mapping
    context = {**_base(page, tournament_id), "name": name, "table": table, "mapping": chosen,
               "sheet": sheet, "data": base64.b64encode(data).decode(), "preview": ()}
    try:
        context["preview"] = imports.first_rows(table, chosen, date.today())
    except Invalid as error:  # no usable columns yet: the organiser picks them, or a sheet
        context["error"] = f"{error}. Choose the columns (or another sheet) below."
    if refused:
        context["error"] = f"{refused}. Choose the columns again."
    return page.render("import_mapping.html", context, status=422 if refused else 200)


@router.post("/import")
async def upload(request: Request, tournament_id: int, actor: Admin,
                 page: AdminPage) -> Response:
    file = await upload_of(request, "file")
    if file is None:
        return page.render("import.html", {**_base(page, tournament_id),
                                           "error": "Choose a file to import first."},
                           status=422)
    try:
        return await run_in_threadpool(_mapping_page, page, tournament_id, file[0], file[1],
                                       None, "")
    except ServiceError as error:
        return page.render("import.html", {**_base(page, tournament_id),
                                           "error": f"{file[0]}: {error}"},
                           status=refusal_status(error))


@router.post("/import/check")
async def check(request: Request, tournament_id: int, actor: Admin,
                page: AdminPage) -> Response:
    """Validate the whole file with the chosen mapping; import it if it is clean and every
    likely duplicate is decided."""
    form = await form_of(request)
    name, sheet = form.get("name", "entry list"), form.get("sheet", "")
    try:
        data = base64.b64decode(form.get("data", ""), validate=True)
    except binascii.Error:
        return page.render("import.html", {**_base(page, tournament_id),
                                           "error": "The upload was damaged; upload the file "
                                                    "again."}, status=422)
    try:
        table = imports.read(data, sheet)
        if sheet != form.get("shown_sheet", sheet):  # another sheet: guess its columns again
            return await run_in_threadpool(_mapping_page, page, tournament_id, name, data,
                                           None, sheet)
        try:
            mapping = imports.mapping_from(form, table.headers)
        except Invalid as error:  # back to the mapping, with the upload and the reason
            shown = await run_in_threadpool(_mapping_page, page, tournament_id, name, data,
                                            None, sheet, str(error))
            return shown
        if form.get("action") == "preview":
            return await run_in_threadpool(_mapping_page, page, tournament_id, name, data,
                                           mapping, sheet)
        checked = await run_in_threadpool(page.read, imports.check, tournament_id, table,
                                          mapping, date.today())
    except ServiceError as error:
        return page.render("import.html", {**_base(page, tournament_id),
                                           "error": f"{name}: {error}"},
                           status=refusal_status(error))
    context = {**_base(page, tournament_id), "name": name, "table": table, "sheet": sheet,
               "mapping": mapping, "data": form.get("data", "")}
    if not checked.ok:
        return page.render("import_errors.html", {
            **context, "errors": [imports.describe(e) for e in checked.errors],
            "lines": len({e.line for e in checked.errors})}, status=422)
    duplicates = checked.result.duplicates
    if duplicates and form.get("decided") != "yes":
        return page.render("import_duplicates.html", {**context, "duplicates": duplicates,
                                                      "rows": len(checked.result.rows)})
    skip = {int(k[5:]) for k in form if k.startswith("skip_") and k[5:].isdigit()}
    result, refused = await attempt(imports.apply, page.svc, actor, tournament_id, table,
                                    mapping, skip_lines=skip, today=date.today())
    if refused is not None or result is None:
        errors = refused.errors if isinstance(refused, imports.ImportRefused) else ()
        return page.render("import_errors.html", {
            **context, "errors": [imports.describe(e) for e in errors],
            "lines": len({e.line for e in errors}), "error": str(refused)},
            status=refusal_status(refused) if refused else 400)
    message = f"{result.athletes} athletes imported from {name}."
    if result.categories_created:
        message += f" New categories: {', '.join(result.categories_created)}."
    if result.skipped_lines:
        message += f" Left out as duplicates: line(s) {', '.join(map(str, result.skipped_lines))}."
    return done(f"/admin/t/{tournament_id}/athletes", message)


def _shi_page(page: AdminPage, tournament_id: int, name: str, data: bytes,
              plan: shi_import.ShiPlan, *, imported: bool = False, status: int = 200
              ) -> Response:
    return page.render("import_shi.html", {
        **_base(page, tournament_id), "name": name, "plan": plan, "counts": plan.counts(),
        "imported": imported, "data": base64.b64encode(data).decode() if not imported else ""},
        status=status)


@router.post("/import/shi")
async def shi(request: Request, tournament_id: int, actor: Admin, page: AdminPage) -> Response:
    """Read the file and show what an import would bring in, for the organiser to confirm."""
    file = await upload_of(request, "file")
    if file is None:
        return page.render("import.html", {**_base(page, tournament_id),
                                           "error": "Choose a JudoShiai .shi file first."},
                           status=422)
    name, data = file
    try:
        plan = await run_in_threadpool(shi_import.preview, page.svc, tournament_id, data)
    except ServiceError as error:
        return page.render("import.html", {**_base(page, tournament_id),
                                           "error": f"{name}: {error}"},
                           status=refusal_status(error))
    return _shi_page(page, tournament_id, name, data, plan, status=200 if plan.ok else 422)


@router.post("/import/shi/confirm")
async def shi_confirm(request: Request, tournament_id: int, actor: Admin,
                      page: AdminPage) -> Response:
    """Import the file shown: everything, or nothing with every problem."""
    form = await form_of(request)
    name = form.get("name", "JudoShiai file")
    try:
        data = base64.b64decode(form.get("data", ""), validate=True)
    except binascii.Error:
        data = b""
    if not data:
        return page.render("import.html", {**_base(page, tournament_id),
                                           "error": "The upload was damaged; upload the file "
                                                    "again."}, status=422)
    result, refused = await attempt(shi_import.apply, page.svc, actor, tournament_id, data)
    if isinstance(refused, shi_import.ShiRefused):
        return _shi_page(page, tournament_id, name, data, refused.plan, status=422)
    if refused is not None or result is None:
        return page.render("import.html", {**_base(page, tournament_id),
                                           "error": f"{name}: {refused}"},
                           status=refusal_status(refused) if refused else 400)
    return _shi_page(page, tournament_id, name, data, result, imported=True)

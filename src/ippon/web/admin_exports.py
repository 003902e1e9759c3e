"""Exports and printing: downloads of a tournament's results (CSV, XLSX, JSON, contest logs,
JudoShiai) and its sheets as PDF (every bracket, one category, weigh-in lists, mat order,
results, medal table, certificates).

The page needs an admin session like every organiser's page; the downloads answer 401 without
credentials and 403 to other roles (they hold names, birth years and weights). A refusal (an
unknown tournament, nothing drawn yet) comes back as the service's message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool

from ippon.services import exports, people
from ippon.services.context import Actor, Services
from ippon.services.errors import NotFound
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.web import auth
from ippon.web.admin import AdminPage

router = APIRouter(prefix="/admin/t/{tournament_id}", include_in_schema=False)
Admin = Annotated[Actor, Depends(auth.admin)]

# Download name -> (format, CSV table).
DOWNLOADS = {"placings.csv": ("csv", "placings"), "contests.csv": ("csv", "contests"),
             "results.xlsx": ("xlsx", "placings"), "results.json": ("json", "placings"),
             "contest-logs.zip": ("jsonl", "placings"), "judoshiai.shi": ("shi", "placings")}
SHEET_TITLES = {"brackets": "Every bracket and pool sheet, in one PDF",
                "weigh-in": "Weigh-in lists", "mat-order": "Contest order of each mat",
                "results": "Results", "medals": "Medal table", "certificates": "Certificates"}


def _file(data: bytes, name: str, media_type: str) -> Response:
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})


async def _read(request: Request, use: Callable[[Connection], Response]) -> Response:
    """Run `use` on a read connection in the thread pool (printing takes seconds)."""
    svc: Services = auth.services(request)

    def run() -> Response:
        with svc.db.read() as conn:
            return use(conn)

    return await run_in_threadpool(run)


@router.get("/exports", response_class=HTMLResponse)
def exports_page(tournament_id: int, page: AdminPage) -> Response:
    return page.render("exports.html", {
        "title": "Exports and printing", "section": "exports",
        "tournament": page.read(row, t.tournaments, tournament_id, "tournament"),
        "downloads": DOWNLOADS, "sheets": SHEET_TITLES,
        "categories": [c for c in page.read(people.categories, tournament_id) if c["drawn"]]})


@router.get("/exports/{name}")
async def download(request: Request, tournament_id: int, name: str, _: Admin) -> Response:
    if name not in DOWNLOADS:
        raise NotFound(f"there is no download {name!r}; there are {', '.join(DOWNLOADS)}")
    format_, table = DOWNLOADS[name]

    def use(conn: Connection) -> Response:
        return _file(*exports.export(conn, tournament_id, format_, table=table))

    return await _read(request, use)


@router.get("/print/category/{category_id}.pdf")
async def category_pdf(request: Request, tournament_id: int, category_id: int,
                       _: Admin) -> Response:
    def use(conn: Connection) -> Response:
        pdf, name = exports.category_sheet_pdf(conn, tournament_id, category_id)
        return _file(pdf, exports.file_name(conn, tournament_id, name, ".pdf"),
                     "application/pdf")

    return await _read(request, use)


@router.get("/print/{kind}.pdf")
async def sheet_pdf(request: Request, tournament_id: int, kind: str, _: Admin) -> Response:
    if kind not in SHEET_TITLES:
        raise NotFound(f"there is no sheet {kind!r}; there are {', '.join(SHEET_TITLES)}")

    def use(conn: Connection) -> Response:
        return _file(exports.sheet(conn, tournament_id, kind),
                     exports.file_name(conn, tournament_id, kind, ".pdf"), "application/pdf")

    return await _read(request, use)

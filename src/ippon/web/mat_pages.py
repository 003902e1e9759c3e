"""The mat's pages: the table official's control page (behind the mat's token or PIN) and the
big-screen display (public, read-only, with a mirrored variant for the far side of the mat).

The pages are HTML shells plus small ES modules (`static/mat/`): the live picture comes from the
mat's SSE stream and commands go over the official's WebSocket, both served by other routers. The
only data route here gives one contest as the mat snapshot shows it, so that a page can keep
showing a contest that has just left the mat's queue (its result, a cancel of the deciding
event).

Both pages speak the visitor's language as the public pages do: `?lang=` (a big screen has no
one to click), else the `ippon_lang` cookie that `/language` sets, else the browser's
Accept-Language. The templates' words come from the gettext catalogues; the words the scripts
write come in the start-up JSON (`text`), with the refusals of the rules (`refusals`) and the
countries' names (`countries`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ippon import i18n
from ippon.i18n.extract import script_messages
from ippon.rules import RULESETS
from ippon.services.accounts import authenticate
from ippon.services.context import Actor
from ippon.services.errors import NotFound, Unauthenticated
from ippon.services.registration import row
from ippon.services.scheduling import mat_of_contest
from ippon.services.snapshots import contest_live
from ippon.store import schema as t
from ippon.web import mat_text
from ippon.web.auth import identify, origin_of, services

HERE = Path(__file__).parent
STATIC = HERE / "static"
FLAGS = frozenset(p.stem for p in (STATIC / "flags").glob("*.svg"))
templates = Jinja2Templates(directory=HERE / "templates")
i18n.install(templates.env)
router = APIRouter(include_in_schema=False)

# What the browser needs to know of each era: the scores it offers (highest first), the
# osaekomi thresholds (for the hold's sound and the score a running hold reaches).
ERAS: dict[str, dict[str, Any]] = {
    key: {"title": r.title, "scores": list(r.scores),
          "osaekomi": [[seconds, value] for seconds, value in r.osaekomi],
          "hansoku_make_shido": r.hansoku_make_shido}
    for key, r in RULESETS.items()}


def install(app: FastAPI) -> None:
    """Add the mat's pages and their static files to `app`."""
    app.include_router(router)
    app.mount("/static/mat", StaticFiles(directory=STATIC / "mat"), name="mat-static")
    app.mount("/static/flags", StaticFiles(directory=STATIC / "flags"), name="flags")


def _mat(request: Request, mat_id: int) -> dict[str, Any]:
    with services(request).db.read() as conn:
        return dict(row(conn, t.mats, mat_id, "mat"))


def language(request: Request) -> str:
    """`?lang=`, else the cookie, else the browser's Accept-Language (as the public pages)."""
    return i18n.negotiate(request.query_params.get("lang") or request.cookies.get(i18n.COOKIE),
                          request.headers.get("accept-language"))


def language_links(request: Request) -> list[tuple[str, str, str]]:
    """(code, own name, link) for each language: `/language` remembers the choice and comes
    back to this page (with its query, less any `lang`)."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    back = request.url.path + ("?" + urlencode(query) if query else "")
    return [(code, name, "/language?" + urlencode({"lang": code, "next": back}))
            for code, name in i18n.LANGUAGES.items()]


@cache
def _words(lang: str) -> dict[str, Any]:
    """What the scripts need to write in `lang`."""
    return {"lang": lang, "text": i18n.for_script(lang, script_messages()),
            "refusals": mat_text.for_script(lang),
            "countries": {code: i18n.country_name(code, lang) for code in sorted(FLAGS)}}


def _boot(mat: dict[str, Any], lang: str, **extra: Any) -> str:
    """The page's start-up data, as JSON safe inside a <script> element."""
    data = {"mat": {"id": mat["id"], "number": mat["number"], "name": mat["name"]},
            "eras": ERAS, "flags": sorted(FLAGS), **_words(lang), **extra}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


def _context(request: Request, mat: dict[str, Any], lang: str, **extra: Any) -> dict[str, Any]:
    return {"mat": mat, "lang": lang, "languages": language_links(request), **extra}


async def _official(request: Request, mat_id: int, token: str | None) -> Actor | None:
    """The official (or admin) allowed to command this mat: by the token in the link (a QR
    code), else by the session cookie a PIN sign-in left."""
    actor: Actor | None = None
    if token:
        try:
            actor, _ = await run_in_threadpool(authenticate, services(request), token,
                                               origin_of(request))
        except Unauthenticated:
            actor = None
    else:
        try:
            found = await identify(request)
        except HTTPException:  # an ended or expired session: sign in again
            found = None
        actor = None if found is None else found[0]
    if actor is None or actor.role not in ("admin", "official"):
        return None
    if actor.role == "official" and actor.mat_id != mat_id:
        return None
    return actor


@router.get("/mats/{mat_id}/control", response_class=HTMLResponse)
async def control(request: Request, mat_id: int, token: str | None = None) -> Response:
    """The table official's page; without a valid credential, the mat's PIN form."""
    mat = await run_in_threadpool(_mat, request, mat_id)
    actor = await _official(request, mat_id, token)
    lang = language(request)
    headers = {"Vary": "Cookie, Accept-Language"}
    if actor is None:
        return templates.TemplateResponse(
            request, "mat/signin.html",
            _context(request, mat, lang, boot=_boot(mat, lang), wrong_token=bool(token)),
            status_code=401 if token else 200, headers=headers)
    return templates.TemplateResponse(
        request, "mat/control.html",
        _context(request, mat, lang, boot=_boot(mat, lang, actor=actor.name, token=token)),
        headers={"Cache-Control": "no-store", **headers})


@router.get("/mats/{mat_id}/display", response_class=HTMLResponse)
def display(request: Request, mat_id: int, result_seconds: float = 20) -> Response:
    """The big screen: the scoreboard during a contest, the next pairings between contests."""
    return _display(request, mat_id, mirrored=False, result_seconds=result_seconds)


@router.get("/mats/{mat_id}/display/mirrored", response_class=HTMLResponse)
def display_mirrored(request: Request, mat_id: int, result_seconds: float = 20) -> Response:
    """The same scoreboard with the sides swapped, for a screen seen from the other side."""
    return _display(request, mat_id, mirrored=True, result_seconds=result_seconds)


def _display(request: Request, mat_id: int, *, mirrored: bool,
             result_seconds: float) -> Response:
    mat = _mat(request, mat_id)
    lang = language(request)
    boot = _boot(mat, lang, mirrored=mirrored,
                 result_seconds=max(0.0, min(result_seconds, 600.0)))
    return templates.TemplateResponse(request, "mat/display.html",
                                       _context(request, mat, lang, boot=boot, mirrored=mirrored),
                                       headers={"Vary": "Cookie, Accept-Language"})


@router.get("/mats/{mat_id}/contests/{contest_id}")
def contest(request: Request, mat_id: int, contest_id: int) -> dict[str, Any]:
    """One contest of this mat as the mat snapshot shows its current contest (public, like the
    category pages), with the server time it was taken."""
    svc = services(request)
    now = svc.clock()
    with svc.db.read() as conn:
        found = dict(row(conn, t.contests, contest_id, "contest"))
        if mat_of_contest(conn, contest_id) != mat_id:
            raise NotFound(f"contest {contest_id} is not on mat {mat_id}")
        return {"server_time": now.timestamp(), "contest": contest_live(conn, found, now)}

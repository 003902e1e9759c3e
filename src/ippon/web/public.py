"""The public pages: the tournament home, each category's drawing, athletes, clubs and
countries for coaches, the medal table and the announcer's page. Read-only: every route of
`router` is a GET, and none of them changes anything but the visitor's language cookie. The one
write, an announcer marking a call as made, has its own router (`calls`) and needs the announcer
(or admin) role and the session's CSRF token.

Each page is a full HTML document that works without JavaScript. Its live part (`<main
id="live">`) is also served at `/live/<the page's path>` as server-sent events, each the part
rendered again after a change (`ippon.web.public_live`); a small script swaps it in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool

from ippon import i18n
from ippon.services import announcing
from ippon.services import public as views
from ippon.services.accounts import csrf_token
from ippon.services.context import Actor, Services
from ippon.services.errors import NotFound
from ippon.web import public_text, sse
from ippon.web.auth import identify, role, services
from ippon.web.public_live import Feeds, Topics

HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False)
calls = APIRouter(include_in_schema=False)  # the announcer's one write
DESK_ROLES = ("admin", "announcer")
Announcer = Annotated[Actor, Depends(role(*DESK_ROLES))]
YEAR = 365 * 24 * 3600

env = jinja2.Environment(
    loader=jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(HERE / "templates"),
        # The category drawing is the printed sheet's own macro: screen and paper agree.
        jinja2.PrefixLoader({"reports": jinja2.PackageLoader("ippon.reports", "templates")}),
    ]),
    autoescape=jinja2.select_autoescape(["html"]),
    undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True)
i18n.install(env)
public_text.install(env)

Built = tuple[str, dict[str, Any], Topics]  # template, its context, topics followed
# Scores on a mat move nobody's estimated time much: an athlete's page takes them in at most
# this often, while a change of their own category (a result, a call) shows within
# CATEGORY_DELAY: the category's drawing, watched by hundreds, is rendered first, alone, and
# its athletes' pages (a handful of viewers each) just after, instead of all competing at once.
ETA_DELAY = 10.0
CATEGORY_DELAY = 0.5


@dataclass(frozen=True, slots=True)
class Page:
    """One public page: its path (with the query that changes it), how it is built, and at
    most how often its live version is rendered again (seconds)."""

    path: str
    build: Callable[[Connection, datetime, str], Built]
    interval: float = 0.0


def install(app: FastAPI) -> None:
    """Add the public pages and their static files to `app`; `/` becomes the public home."""
    app.include_router(router)
    app.include_router(calls)
    app.mount("/static/public", StaticFiles(directory=HERE / "static" / "public"),
              name="public-static")


def language(request: Request) -> str:
    """The visitor's choice (`?lang=`, else the cookie), else the browser's Accept-Language."""
    return i18n.negotiate(request.query_params.get("lang") or request.cookies.get(i18n.COOKIE),
                          request.headers.get("accept-language"))


def feeds(request: Request) -> Feeds:
    state = request.app.state
    if not hasattr(state, "public_feeds"):
        state.public_feeds = Feeds(services(request).hub)
    found: Feeds = state.public_feeds
    return found


def render(svc: Services, page: Page, lang: str, *, fragment: bool) -> tuple[str, Topics]:
    """The page (or only its live part) in `lang`, and the topics it follows. Runs in a worker
    thread: it reads the database."""
    with svc.db.read() as conn:
        template, context, topics = page.build(conn, svc.clock(), lang)
    compiled = env.get_template(template)
    context = {**context, "lang": lang, "path": page.path, "fragment": fragment}
    if fragment:
        # One line: the same page for a browser (which collapses white space anyway), a third
        # of the bytes for every viewer, and one `data:` line per event.
        html = "".join(compiled.blocks["live"](compiled.new_context(context)))
        return " ".join(html.split()), topics
    return compiled.render(context), topics


async def _html(request: Request, page: Page) -> Response:
    html, _ = await run_in_threadpool(render, services(request), page, language(request),
                                      fragment=False)
    return HTMLResponse(html, headers={"Cache-Control": "no-cache",
                                       "Vary": "Cookie, Accept-Language"})


# The pages


def _home(tid: int) -> Page:
    def build(conn: Connection, now: datetime, lang: str) -> Built:
        return "public/home.html", {"view": views.home(conn, tid, now)}, {
            f"tournament:{tid}": 0.0}
    return Page(f"/tournaments/{tid}", build)


def _category(cid: int) -> Page:
    def build(conn: Connection, now: datetime, lang: str) -> Built:
        view = views.category_view(conn, cid, now)
        sheet = None if view.sheet is None else public_text.localise_sheet(view.sheet, lang)
        return "public/category.html", {"view": view, "sheet": sheet}, {f"category:{cid}": 0.0}
    return Page(f"/categories/{cid}", build)


def _athlete(aid: int) -> Page:
    def build(conn: Connection, now: datetime, lang: str) -> Built:
        topics = {topic: ETA_DELAY if topic.startswith("mat:") else CATEGORY_DELAY
                  for topic in views.topics_of_athlete(conn, aid)}
        return "public/athlete.html", {"view": views.athlete_view(conn, aid, now)}, topics
    return Page(f"/athletes/{aid}", build, interval=0.5)


def _group(tid: int, *, club: int | None = None, country: str | None = None) -> Page:
    def build(conn: Connection, now: datetime, lang: str) -> Built:
        view = views.group_view(conn, tid, now, club_id=club, country=country)
        return "public/group.html", {"view": view}, {f"tournament:{tid}": 0.0}
    where = f"clubs/{club}" if club is not None else f"countries/{(country or '').upper()}"
    return Page(f"/tournaments/{tid}/{where}", build, interval=1.0)


def _medals(tid: int, by: str) -> Page:
    def build(conn: Connection, now: datetime, lang: str) -> Built:
        return "public/medals.html", {"view": views.medals(conn, tid, by)}, {
            f"tournament:{tid}": 0.0}
    query = "?by=club" if by == "club" else ""
    return Page(f"/tournaments/{tid}/medals{query}", build, interval=1.0)


def _announcer(tid: int, *, desk: bool = False, csrf: str = "") -> Page:
    """The announcer's page; `desk` is the signed-in announcer's, with a button per call. The
    buttons in the live part carry no secret (they belong to a form outside it, which holds
    the visitor's CSRF token), so every announcer's desk shares one live feed."""
    def build(conn: Connection, now: datetime, lang: str) -> Built:
        view = views.announcements(conn, tid, now)
        # Weigh-ins change categories only: follow them too, for the weigh-in calls.
        topics = {f"tournament:{tid}": 0.0} | {f"category:{c.category.id}": 0.0
                                               for c in view.weigh_in}
        return "public/announcer.html", {"view": view, "desk": desk, "csrf": csrf}, topics
    query = "?desk=1" if desk else ""
    return Page(f"/tournaments/{tid}/announcer{query}", build, interval=0.5)


async def _desk_csrf(request: Request) -> str | None:
    """The CSRF token of a visitor signed in as announcer or admin with the session cookie
    (the buttons' form posts with it), else None: the page is the public one."""
    try:
        found = await identify(request)
    except HTTPException:  # an ended or expired session
        return None
    if found is None:
        return None
    actor, secret, from_cookie = found
    if not from_cookie or actor.role not in DESK_ROLES:
        return None
    return csrf_token(request.app.state.secret_key, secret)


def _resolve(path: str, query: dict[str, str]) -> Page:
    """The page at `path`, for its live stream."""
    parts = [p for p in path.split("/") if p]
    match parts:
        case ["tournaments", tid] if tid.isdigit():
            return _home(int(tid))
        case ["categories", cid] if cid.isdigit():
            return _category(int(cid))
        case ["athletes", aid] if aid.isdigit():
            return _athlete(int(aid))
        case ["tournaments", tid, "clubs", club] if tid.isdigit() and club.isdigit():
            return _group(int(tid), club=int(club))
        case ["tournaments", tid, "countries", code] if tid.isdigit() and len(code) == 3:
            return _group(int(tid), country=code)
        case ["tournaments", tid, "medals"] if tid.isdigit():
            return _medals(int(tid), query.get("by", "country"))
        case ["tournaments", tid, "announcer"] if tid.isdigit():
            return _announcer(int(tid), desk=query.get("desk") == "1")
    raise NotFound(f"there is no public page at {path}")


@router.get("/", response_class=HTMLResponse)
async def index(request: Request) -> Response:
    """The front door: the tournament's home, or the list when there are several."""
    svc = services(request)

    def listing() -> list[views.TournamentInfo]:
        with svc.db.read() as conn:
            return views.tournaments(conn)

    found = await run_in_threadpool(listing)
    if len(found) == 1:
        return RedirectResponse(f"/tournaments/{found[0].id}", status_code=307)
    lang = language(request)
    html = env.get_template("public/index.html").render(
        tournaments=found, lang=lang, path="/", fragment=False)
    return HTMLResponse(html, headers={"Cache-Control": "no-cache"})


@router.get("/tournaments/{tid}", response_class=HTMLResponse)
async def tournament_home(request: Request, tid: int) -> Response:
    return await _html(request, _home(tid))


@router.get("/categories/{cid}", response_class=HTMLResponse)
async def category(request: Request, cid: int) -> Response:
    return await _html(request, _category(cid))


@router.get("/athletes/{aid}", response_class=HTMLResponse)
async def athlete(request: Request, aid: int) -> Response:
    return await _html(request, _athlete(aid))


@router.get("/tournaments/{tid}/clubs/{club}", response_class=HTMLResponse)
async def club(request: Request, tid: int, club: int) -> Response:
    return await _html(request, _group(tid, club=club))


@router.get("/tournaments/{tid}/countries/{code}", response_class=HTMLResponse)
async def country(request: Request, tid: int, code: str) -> Response:
    return await _html(request, _group(tid, country=code))


@router.get("/tournaments/{tid}/medals", response_class=HTMLResponse)
async def medal_table(request: Request, tid: int, by: str = "country") -> Response:
    return await _html(request, _medals(tid, "club" if by == "club" else "country"))


@router.get("/tournaments/{tid}/announcer", response_class=HTMLResponse)
async def announcer(request: Request, tid: int) -> Response:
    csrf = await _desk_csrf(request)
    if csrf is None:
        return await _html(request, _announcer(tid))
    return await _html(request, _announcer(tid, desk=True, csrf=csrf))


@calls.post("/tournaments/{tid}/announcer/calls")
async def mark_call(request: Request, actor: Announcer, tid: int) -> Response:
    """A desk button: `called=<key>` marks the call made, `undo=<key>` undoes it; then back to
    the page (post/redirect/get, so it works without JavaScript)."""
    form = await request.form()
    called, undo = form.get("called"), form.get("undo")
    if isinstance(called, str) and called:
        key, made = called, True
    elif isinstance(undo, str) and undo:
        key, made = undo, False
    else:
        raise HTTPException(422, "send called=<call key> or undo=<call key>")
    await run_in_threadpool(announcing.mark_called, services(request), actor, tid, key, made)
    return RedirectResponse(f"/tournaments/{tid}/announcer", status_code=303)


@router.get("/language")
def choose_language(lang: str, next: str = "/") -> Response:
    """Remember the visitor's language (a cookie) and go back to the page they were on."""
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    if lang in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, lang, max_age=YEAR, samesite="lax", httponly=True)
    return response


@router.get("/live/{path:path}")
async def live(request: Request, path: str) -> StreamingResponse:
    """The page's live part as `page` events: HTML, rendered once for all its viewers."""
    page = _resolve(path, dict(request.query_params))
    if page.path.endswith("?desk=1") and await _desk_csrf(request) is None:
        raise HTTPException(403, "the announcer's desk needs an announcer's or admin's session")
    lang = language(request)
    svc = services(request)
    hub_feeds = feeds(request)

    async def again() -> tuple[str, Topics]:
        return await run_in_threadpool(render, svc, page, lang, fragment=True)

    # A page that does not exist answers 404 here, before the stream starts.
    feed, viewer = await hub_feeds.open(f"{page.path}|{lang}", again, page.interval)
    last_seen = request.headers.get("last-event-id")

    # Each event is encoded once per version for all its viewers.
    return sse.response(hub_feeds.watch(feed, viewer, last_seen))


def language_links(path: str) -> list[tuple[str, str, str]]:
    """(code, own name, link) for each language, back to `path`."""
    return [(code, name, "/language?" + urlencode({"lang": code, "next": path}))
            for code, name in i18n.LANGUAGES.items()]


env.globals["language_links"] = language_links

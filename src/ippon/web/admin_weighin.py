"""The weigh-in desk: a search box that takes a scanner's Enter, the weight, the check against
the limit and tolerance, a move to another category (confirmed first), the list of who has not
weighed in, and absentees."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ippon.services import people, weighing
from ippon.services.errors import Invalid, ServiceError
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.web.admin import Admin, AdminPage, attempt, done, form_of, refusal_status

router = APIRouter(prefix="/admin/t/{tournament_id}/weigh-in", include_in_schema=False)


def _context(page: AdminPage, tournament_id: int, q: str) -> dict[str, Any]:
    found = page.read(people.search, tournament_id, q, per_page=10) if q.strip() else None
    if found is not None:
        page.read(weighing.suggest, tournament_id, found.rows)
    missing, missing_total = page.read(weighing.not_weighed, tournament_id, limit=100)
    return {"title": "Weigh-in", "section": "weigh-in", "q": q, "found": found,
            "tournament": page.read(row, t.tournaments, tournament_id, "tournament"),
            "categories": page.read(people.categories, tournament_id),
            "missing": missing, "missing_total": missing_total}


@router.get("", response_class=HTMLResponse)
def desk(request: Request, tournament_id: int, page: AdminPage, q: str = "") -> Response:
    context = _context(page, tournament_id, q)
    if request.headers.get("hx-request"):
        return page.render("_weighin_found.html", context)
    return page.render("weighin.html", context)


def _back(tournament_id: int, q: str) -> str:
    return f"/admin/t/{tournament_id}/weigh-in?q={quote(q)}"


def _entry(form: dict[str, str], name: str = "entry_id") -> int:
    value = form.get(name, "")
    if not value.isdigit():
        raise Invalid("choose an athlete's entry first")
    return int(value)


@router.post("/weigh")
async def weigh(request: Request, tournament_id: int, actor: Admin, page: AdminPage) -> Response:
    form = await form_of(request)
    q = form.get("q", "")
    try:
        entry_id, kg = _entry(form), weighing.parse_weight(form.get("weight", ""))
    except Invalid as error:
        return _refused(page, tournament_id, q, error)
    result, refused = await attempt(weighing.weigh, page.svc, actor, entry_id=entry_id,
                                    weight=kg)
    if refused is not None or result is None:
        return _refused(page, tournament_id, q, refused)
    if not result.accepted:
        return page.render("weighin.html", {**_context(page, tournament_id, q),
                                            "error": f"Not accepted: {result.message}. Weigh "
                                                     "again, or move the athlete to another "
                                                     "category.", "over": entry_id},
                           status=409)
    return done(_back(tournament_id, ""), f"Accepted: {result.message}.")


def _refused(page: AdminPage, tournament_id: int, q: str,
             error: ServiceError | None) -> Response:
    return page.render("weighin.html", {**_context(page, tournament_id, q),
                                        "error": str(error)},
                       status=refusal_status(error) if error else 400)


@router.post("/place")
async def place(request: Request, tournament_id: int, actor: Admin,
                page: AdminPage) -> Response:
    """Weigh an athlete who has no category yet: the table gives the category."""
    form = await form_of(request)
    q = form.get("q", "")
    try:
        athlete_id = _entry(form, "athlete_id")
        kg = weighing.parse_weight(form.get("weight", ""))
    except Invalid as error:
        return _refused(page, tournament_id, q, error)
    message, refused = await attempt(weighing.weigh_unplaced, page.svc, actor,
                                     athlete_id=athlete_id, weight=kg)
    if refused is not None:
        return _refused(page, tournament_id, q, refused)
    return done(_back(tournament_id, ""), f"Accepted: {message}.")


@router.post("/move")
async def move(request: Request, tournament_id: int, actor: Admin, page: AdminPage) -> Response:
    """Without `confirm=yes`, the confirmation page; with it, the move."""
    form = await form_of(request)
    q = form.get("q", "")
    try:
        entry_id, target = _entry(form), _entry(form, "category_id")
    except Invalid as error:
        return _refused(page, tournament_id, q, error)
    if form.get("confirm") != "yes":
        entry = page.read(row, t.entries, entry_id, "entry")
        return page.render("weighin_confirm.html", {
            **_context(page, tournament_id, q), "action": "move", "entry_id": entry_id,
            "category_id": target,
            "athlete": page.read(row, t.athletes, entry["athlete_id"], "athlete"),
            "old": page.read(row, t.categories, entry["category_id"], "category"),
            "new": page.read(row, t.categories, target, "category")})
    message, refused = await attempt(weighing.move, page.svc, actor, entry_id=entry_id,
                                     category_id=target)
    if refused is not None:
        return _refused(page, tournament_id, q, refused)
    return done(_back(tournament_id, q), f"The athlete was {message}.")


@router.post("/absent")
async def absent(request: Request, tournament_id: int, actor: Admin,
                 page: AdminPage) -> Response:
    form = await form_of(request)
    q = form.get("q", "")
    try:
        entry_id = _entry(form)
    except Invalid as error:
        return _refused(page, tournament_id, q, error)
    if form.get("confirm") != "yes":
        entry = page.read(row, t.entries, entry_id, "entry")
        return page.render("weighin_confirm.html", {
            **_context(page, tournament_id, q), "action": "absent", "entry_id": entry_id,
            "athlete": page.read(row, t.athletes, entry["athlete_id"], "athlete"),
            "old": page.read(row, t.categories, entry["category_id"], "category")})
    message, refused = await attempt(weighing.mark_absent, page.svc, actor, entry_id=entry_id)
    if refused is not None:
        return _refused(page, tournament_id, q, refused)
    return done(_back(tournament_id, ""), f"The athlete was {message}.")

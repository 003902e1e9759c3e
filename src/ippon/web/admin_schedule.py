"""The schedule: fixed mats and time blocks per category, plan and re-plan with the scheduler,
estimated times per mat and per athlete, and manual moves with the constraints they break."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ippon.services import planning
from ippon.services.errors import Invalid, ServiceError
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.web.admin import Admin, AdminPage, attempt, done, form_of, refusal_status

router = APIRouter(prefix="/admin/t/{tournament_id}/schedule", include_in_schema=False)
SHOWN_PER_MAT = 40


def _context(page: AdminPage, tournament_id: int, show_all: bool = False,
             q: str = "") -> dict[str, Any]:
    context: dict[str, Any] = {
        "title": "Schedule", "section": "schedule", "q": q, "show_all": show_all,
        "shown": None if show_all else SHOWN_PER_MAT,
        "tournament": page.read(row, t.tournaments, tournament_id, "tournament")}
    try:
        context["day"] = page.read(planning.day, tournament_id)
    except ServiceError as error:
        context.update(day=None, error=str(error))
        return context
    context["etas"] = page.read(planning.etas, tournament_id, q) if q else []
    return context


@router.get("", response_class=HTMLResponse)
def schedule_page(tournament_id: int, page: AdminPage, all: bool = False,
                  q: str = "") -> Response:
    return page.render("schedule.html", _context(page, tournament_id, all, q))


def _refused(page: AdminPage, tournament_id: int, error: ServiceError) -> Response:
    return page.render("schedule.html", {**_context(page, tournament_id),
                                         "error": str(error)}, status=refusal_status(error))


def _back(tournament_id: int) -> str:
    return f"/admin/t/{tournament_id}/schedule"


@router.post("/plan")
async def plan(request: Request, tournament_id: int, actor: Admin,
               page: AdminPage) -> Response:
    live = (await form_of(request)).get("replan") == "yes"
    now = page.svc.clock() if live else None
    result, refused = await attempt(planning.plan_day, page.svc, actor, tournament_id, now=now)
    if refused is not None or result is None:
        return _refused(page, tournament_id, refused or Invalid("planning failed"))
    return done(_back(tournament_id), ("Re-planned" if live else "Planned") +
                f": the last contest should end at {result.finish:%H:%M}.")


@router.post("/constraints")
async def constraints(request: Request, tournament_id: int, actor: Admin,
                      page: AdminPage) -> Response:
    form = await form_of(request)
    fixed: dict[str, dict[str, Any]] = {}
    for key, value in form.items():
        if key.startswith("mat:"):
            name = key[4:]
            fixed[name] = {"mat": int(value) if value.isdigit() else None,
                           "not_before": form.get(f"block:{name}", ""),
                           "after": form.get(f"after:{name}", "") or None}
    _, refused = await attempt(planning.set_fixed, page.svc, actor, tournament_id, fixed,
                               final_block=form.get("final_block") == "yes")
    if refused is not None:
        return _refused(page, tournament_id, refused)
    return done(_back(tournament_id), "Saved. Plan the day again to apply them.")


@router.post("/move")
async def move(request: Request, tournament_id: int, actor: Admin,
               page: AdminPage) -> Response:
    form = await form_of(request)
    try:
        mat = int(form.get("mat", ""))
        number = int(form["contest"]) if form.get("contest", "").strip() else None
        position = int(form["position"]) - 1 if form.get("position", "").strip() else None
    except ValueError:
        return _refused(page, tournament_id,
                        Invalid("the mat, contest and place are whole numbers"))
    broken, refused = await attempt(planning.move, page.svc, actor, tournament_id,
                                    category=form.get("category", ""), mat=mat, number=number,
                                    position=position, at=form.get("at", ""))
    if refused is not None or broken is None:
        return _refused(page, tournament_id, refused or Invalid("the move failed"))
    what = form.get("category", "") + (f" contest {number}" if number else "")
    if broken:
        return done(_back(tournament_id), f"Moved {what} to mat {mat}. The plan now breaks "
                                          f"{len(broken)} constraint(s): see below.")
    return done(_back(tournament_id), f"Moved {what} to mat {mat}; no constraint is broken.")

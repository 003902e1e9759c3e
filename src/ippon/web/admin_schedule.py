"""The schedule: fixed mats and time blocks per category, plan and re-plan with the scheduler,
estimated times per mat and per athlete, and manual moves with the constraints they break."""

from __future__ import annotations

from datetime import datetime
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
    # The same expected starts as the public pages: the plan followed from now.
    context["etas"] = (page.read(planning.etas, tournament_id, q, now=page.svc.clock())
                       if q else [])
    day = context["day"]
    if day.plan is not None:
        context["timelines"] = [_timeline(day.bands(m), slots)
                                for m, slots in enumerate(day.plan.mats, start=1)]
    return context


def _timeline(bands: list[tuple[datetime, datetime, str]], slots: Any) -> list[Any]:
    """A mat's slots with its breaks and nights between them, in time order (a band is a
    (start, end, label) tuple; the template shows it as a band across the table)."""
    out: list[Any] = []
    waiting = sorted(bands)
    for slot in slots:
        while waiting and waiting[0][0] <= slot.start:
            out.append(waiting.pop(0))
        out.append(slot)
    if slots:
        out += [b for b in waiting if b[0] <= slots[-1].end]
    return out


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
    form = await form_of(request)
    live = form.get("replan") in ("yes", "rebalance")
    now = page.svc.clock() if live else None
    result, refused = await attempt(planning.plan_day, page.svc, actor, tournament_id, now=now,
                                    rebalance=form.get("replan") == "rebalance")
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
            on, split = form.get(f"day:{name}", ""), form.get(f"mats:{name}", "")
            fixed[name] = {"mat": int(value) if value.isdigit() else None,
                           "mats": int(split) if split.isdigit() else None,
                           "not_before": form.get(f"block:{name}", ""),
                           "after": form.get(f"after:{name}", "") or None,
                           "day": int(on) if on.isdigit() else None}
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


@router.post("/days")
async def days(request: Request, tournament_id: int, actor: Admin,
               page: AdminPage) -> Response:
    """Each day's hours and the breaks: rows of the form, an empty break row is skipped."""
    form = await form_of(request)
    hours: list[dict[str, str]] = []
    while f"start:{len(hours) + 1}" in form:
        n = len(hours) + 1
        hours.append({k: form.get(f"{k}:{n}", "") for k in ("start", "end", "finals")})
    breaks: list[dict[str, Any]] = []
    row_number = 0
    while f"break-start:{row_number}" in form:
        get = form.get
        start, end = get(f"break-start:{row_number}", ""), get(f"break-end:{row_number}", "")
        if start.strip() or end.strip():
            mats = get(f"break-mats:{row_number}", "").replace(",", " ").split()
            if not all(m.isdigit() for m in mats):
                return _refused(page, tournament_id,
                                Invalid("list a break's mats as numbers, e.g. 1, 2"))
            day = get(f"break-day:{row_number}", "1")
            breaks.append({"day": int(day) if day.isdigit() else 1, "start": start,
                           "end": end, "mats": [int(m) for m in mats],
                           "label": get(f"break-label:{row_number}", "")})
        row_number += 1
    _, refused = await attempt(planning.set_days, page.svc, actor, tournament_id, hours,
                               breaks)
    if refused is not None:
        return _refused(page, tournament_id, refused)
    return done(_back(tournament_id), "Days and breaks saved. Plan the day again to apply "
                                      "them.")

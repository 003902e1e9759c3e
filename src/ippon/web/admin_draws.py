"""Categories and draws: generate categories from the table, merge and split small ones, draw,
review the draw report, redraw, lock, and see each bracket or pool as it will be fought."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ippon.services import categorising, people
from ippon.services.errors import Invalid, ServiceError
from ippon.services.registration import row
from ippon.services.snapshots import category_snapshot
from ippon.store import schema as t
from ippon.web.admin import Admin, AdminPage, attempt, done, form_of, refusal_status

router = APIRouter(prefix="/admin/t/{tournament_id}/categories", include_in_schema=False)


def _list(page: AdminPage, tournament_id: int) -> dict[str, Any]:
    categories = page.read(people.categories, tournament_id)
    with page.svc.db.read() as conn:
        for c in categories:
            c["locked"] = categorising.locked(conn, c["id"])
    return {"title": "Categories and draws", "section": "categories", "categories": categories,
            "tournament": page.read(row, t.tournaments, tournament_id, "tournament")}


@router.get("", response_class=HTMLResponse)
def categories(tournament_id: int, page: AdminPage) -> Response:
    return page.render("categories.html", _list(page, tournament_id))


@router.post("/generate")
async def generate(tournament_id: int, actor: Admin, page: AdminPage) -> Response:
    created, refused = await attempt(categorising.generate, page.svc, actor, tournament_id)
    if refused is not None or created is None:
        return page.render("categories.html", {**_list(page, tournament_id),
                                               "error": str(refused)},
                           status=refusal_status(refused) if refused else 400)
    return done(f"/admin/t/{tournament_id}/categories",
                f"{len(created)} categories created from the table." if created
                else "Every category of the table for these athletes exists already.")


def _detail(page: AdminPage, tournament_id: int, category_id: int) -> dict[str, Any]:
    with page.svc.db.read() as conn:
        snapshot = category_snapshot(conn, category_id, page.svc.clock())
        if snapshot["category"]["tournament_id"] != tournament_id:
            raise Invalid("this category belongs to another tournament")
        report = categorising.report(conn, category_id)
        is_locked = categorising.locked(conn, category_id)
        athlete_of = dict(conn.execute(sa.select(t.entries.c.id, t.entries.c.athlete_id).where(
            t.entries.c.category_id == category_id)).all())
    for entry in snapshot["entries"]:
        entry["athlete_id"] = athlete_of.get(entry["entry_id"])
    rounds: dict[str, list[dict[str, Any]]] = {}
    for contest in snapshot["contests"]:
        rounds.setdefault(contest["round"] or "?", []).append(contest)
    others = [c for c in page.read(people.categories, tournament_id)
              if c["id"] != category_id and c["gender"] == snapshot["category"]["gender"]
              and not c["drawn"]]
    return {"title": snapshot["category"]["name"], "section": "categories", "c": snapshot,
            "report": report, "locked": is_locked, "rounds": rounds, "others": others,
            "tournament": page.read(row, t.tournaments, tournament_id, "tournament")}


@router.get("/{category_id}", response_class=HTMLResponse)
def category(tournament_id: int, category_id: int, page: AdminPage) -> Response:
    return page.render("category.html", _detail(page, tournament_id, category_id))


async def _act(page: AdminPage, tournament_id: int, shown: int, message: str,
               write: Callable[..., Any], **kwargs: Any) -> Response:
    """Run a write on the category `shown`; back to its page (a split: the new category's)."""
    result, refused = await attempt(write, page.svc, page.actor, **kwargs)
    if refused is not None:
        return _refused(page, tournament_id, shown, refused)
    target = result if write is categorising.split else shown
    return done(f"/admin/t/{tournament_id}/categories/{target}", message)


def _refused(page: AdminPage, tournament_id: int, category_id: int,
             error: ServiceError) -> Response:
    return page.render("category.html", {**_detail(page, tournament_id, category_id),
                                         "error": str(error)}, status=refusal_status(error))


def _seed(form: dict[str, str]) -> int | None:
    text = form.get("seed", "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) >= 2**31:
        raise Invalid("the random seed is a whole number below 2147483648, or empty")
    return int(text)


@router.post("/{category_id}/draw")
async def draw(request: Request, tournament_id: int, category_id: int, actor: Admin,
               page: AdminPage) -> Response:
    form = await form_of(request)
    try:
        seed = _seed(form)
    except Invalid as error:
        return _refused(page, tournament_id, category_id, error)
    redraw = form.get("redraw") == "yes"
    if redraw and form.get("confirm") != "yes":
        with page.svc.db.read() as conn:
            shown = categorising.report(conn, category_id)
        if shown is not None and shown.imported:  # the file's draw would be lost
            return _refused(page, tournament_id, category_id, Invalid(
                "tick the box to confirm that JudoShiai's draw is replaced"))
    return await _act(page, tournament_id, category_id,
                      "Drawn again." if redraw else "Drawn. Review the report, then lock.",
                      categorising.redraw if redraw else categorising.draw_now,
                      category_id=category_id, seed=seed)


@router.post("/{category_id}/lock")
async def lock(request: Request, tournament_id: int, category_id: int, actor: Admin,
               page: AdminPage) -> Response:
    locking = (await form_of(request)).get("lock") == "yes"
    return await _act(page, tournament_id, category_id,
                      "Draw locked." if locking else "Draw unlocked.", categorising.set_lock,
                      category_id=category_id, lock=locking)


@router.post("/{category_id}/merge")
async def merge(request: Request, tournament_id: int, category_id: int, actor: Admin,
                page: AdminPage) -> Response:
    target = (await form_of(request)).get("target_id", "")
    if not target.isdigit():
        return _refused(page, tournament_id, category_id,
                        Invalid("choose the category to merge into"))
    result, refused = await attempt(categorising.merge, page.svc, actor,
                                    source_id=category_id, target_id=int(target))
    if refused is not None:
        return _refused(page, tournament_id, category_id, refused)
    return done(f"/admin/t/{tournament_id}/categories/{target}",
                f"Merged: {result} athlete(s) moved here.")


@router.post("/{category_id}/split")
async def split(request: Request, tournament_id: int, category_id: int, actor: Admin,
                page: AdminPage) -> Response:
    form = await form_of(request)
    chosen = [int(k[6:]) for k in form if k.startswith("entry_") and k[6:].isdigit()]
    return await _act(page, tournament_id, category_id, "Split: the new category is below.",
                      categorising.split, category_id=category_id, entry_ids=chosen,
                      name=form.get("name", ""))

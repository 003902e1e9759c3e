"""Corrections: choose a decided contest, give the right result, see everything it changes
downstream (contests, placings, printed sheets), then save; the audit log keeps both results."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ippon.services import corrections, people
from ippon.services.errors import Invalid, ServiceError
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.web.admin import Admin, AdminPage, attempt, done, form_of, refusal_status

router = APIRouter(prefix="/admin/t/{tournament_id}/corrections", include_in_schema=False)


def _base(page: AdminPage, tournament_id: int) -> dict[str, Any]:
    return {"title": "Corrections", "section": "corrections",
            "methods": corrections.METHODS, "values": corrections.VALUES,
            "tournament": page.read(row, t.tournaments, tournament_id, "tournament")}


@router.get("", response_class=HTMLResponse)
def choose(tournament_id: int, page: AdminPage, category: int | None = None) -> Response:
    return page.render("corrections.html", {
        **_base(page, tournament_id), "category": category,
        "categories": [c for c in page.read(people.categories, tournament_id) if c["drawn"]],
        "contests": page.read(corrections.decided, tournament_id, category)})


def _contest(page: AdminPage, tournament_id: int, contest_id: int) -> dict[str, Any]:
    contest = page.read(row, t.contests, contest_id, "contest")
    if contest["tournament_id"] != tournament_id:
        raise Invalid("this contest belongs to another tournament")
    found = [c for c in page.read(corrections.decided, tournament_id, contest["category_id"],
                                  limit=1000) if c["id"] == contest_id]
    return {**_base(page, tournament_id), "contest": contest,
            "shown": found[0] if found else None}


@router.get("/{contest_id}", response_class=HTMLResponse)
def contest_page(tournament_id: int, contest_id: int, page: AdminPage) -> Response:
    return page.render("correction.html", _contest(page, tournament_id, contest_id))


def _change(form: dict[str, str]) -> corrections.Change:
    winner = form.get("winner", "")
    return corrections.Change(winner=winner or None, method=form.get("method") or None,
                              value=form.get("value") or None,
                              excluded=form.get("excluded") == "yes",
                              reason=form.get("reason", ""))


@router.post("/{contest_id}")
async def correct(request: Request, tournament_id: int, contest_id: int, actor: Admin,
                  page: AdminPage) -> Response:
    """Without `confirm=yes`: the impact, and a button to save. With it: save."""
    form = await form_of(request)
    change = _change(form)
    context = _contest(page, tournament_id, contest_id)
    if not form.get("reason", "").strip():
        return page.render("correction.html", {**context, "form": form,
                                               "error": "Say why the result is corrected: the "
                                                        "reason goes into the contest log."},
                           status=400)
    if form.get("confirm") != "yes":
        try:
            shown = page.read(corrections.preview, contest_id, change)
        except ServiceError as error:
            return page.render("correction.html", {**context, "error": str(error),
                                                   "form": form},
                               status=refusal_status(error))
        return page.render("correction.html", {**context, "preview": shown, "form": form})
    saved, refused = await attempt(corrections.correct, page.svc, actor,
                                   contest_id=contest_id, change=change)
    if refused is not None or saved is None:
        return page.render("correction.html", {**context, "error": str(refused),
                                               "form": form},
                           status=refusal_status(refused) if refused else 400)
    category = context["contest"]["category_id"]
    return done(f"/admin/t/{tournament_id}/corrections?category={category}",
                f"Corrected contest {saved.contest['number']} of {saved.category}: "
                f"{len(saved.contests)} contest(s) and {len(saved.placings)} placing(s) "
                "changed.")

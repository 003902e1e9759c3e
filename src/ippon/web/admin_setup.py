"""The tournament list and the setup page: name, dates, venue, mats, ruleset, age group,
category table, rest time, contest time, weigh-in tolerance, competition system per size."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ippon.rules import RULESETS
from ippon.rules.age_groups import age_groups
from ippon.services import setup
from ippon.services.errors import Invalid, ServiceError
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.tournament.categories import available_tables
from ippon.tournament.systems import BUILDERS
from ippon.web.admin import Admin, AdminPage, attempt, done, form_of, refusal_status

router = APIRouter(prefix="/admin", include_in_schema=False)
SYSTEM_ROWS = 4


def choices() -> dict[str, Any]:
    return {"rulesets": {k: r.title for k, r in RULESETS.items()}, "age_groups": age_groups(),
            "tables": available_tables(), "systems": sorted(BUILDERS),
            "system_rows": SYSTEM_ROWS}


def settings_from(form: dict[str, str]) -> setup.Settings:
    """The setup form as settings; `Invalid` names the field the organiser must correct."""
    def number(name: str, label: str, kind: type[int] | type[float] = int) -> Any:
        try:
            return kind(form.get(name, "").replace(",", ".").strip())
        except ValueError:
            raise Invalid(f"{label}: {form.get(name, '')!r} is not a number") from None

    def day(name: str, label: str) -> date:
        try:
            return date.fromisoformat(form.get(name, "").strip())
        except ValueError:
            raise Invalid(f"{label}: enter a date such as 2026-06-01") from None

    starts = day("starts_on", "First day")
    systems = []
    for i in range(SYSTEM_ROWS):
        size, name = form.get(f"size_{i}", "").strip(), form.get(f"system_{i}", "").strip()
        if size and name:
            systems.append((number(f"size_{i}", "Category size"), name))
    return setup.Settings(
        name=form.get("name", ""), place=form.get("place", ""), starts_on=starts,
        ends_on=day("ends_on", "Last day") if form.get("ends_on") else starts,
        ruleset=form.get("ruleset", "ijf2025"), age_group=form.get("age_group", "seniors"),
        category_table=form.get("category_table", "ijf-seniors"),
        mats=number("mats", "Mats"), rest_minutes=number("rest_minutes", "Rest time"),
        contest_minutes=number("contest_minutes", "Minutes per contest", float),
        official_tolerance_kg=number("official_tolerance_kg", "Weigh-in tolerance", float),
        systems=tuple(systems), first_contest=form.get("first_contest", "09:00") or "09:00",
        timezone=form.get("timezone", "Europe/Berlin") or "Europe/Berlin")


@router.get("", response_class=HTMLResponse)
def home(page: AdminPage) -> Response:
    return page.render("home.html", {"title": "Tournaments",
                                     "tournaments": page.read(setup.tournaments),
                                     "defaults": setup.Settings("", date.today(), date.today(),
                                                                mats=4),
                                     **choices()})


@router.post("/tournaments")
async def create(request: Request, actor: Admin, page: AdminPage) -> Response:
    form = await form_of(request)
    refused: ServiceError | None
    try:
        settings = settings_from(form)
    except Invalid as error:
        new_id, refused = None, error
    else:
        new_id, refused = await attempt(setup.create, page.svc, actor, settings)
    if refused is not None or new_id is None:
        return page.render("home.html", {"title": "Tournaments", "error": str(refused),
                                         "tournaments": page.read(setup.tournaments),
                                         "defaults": None, "form": form, **choices()},
                           status=refusal_status(refused) if refused else 400)
    return done(f"/admin/t/{new_id}/setup", "Tournament created. Next: import or enter the "
                                            "athletes.")


@router.get("/t/{tournament_id}")
def tournament_home(tournament_id: int, page: AdminPage) -> Response:
    return RedirectResponse(f"/admin/t/{tournament_id}/setup", status_code=303)


def _context(page: AdminPage, tournament_id: int) -> dict[str, Any]:
    return {"title": "Setup", "section": "setup",
            "tournament": page.read(row, t.tournaments, tournament_id, "tournament"),
            "settings": page.read(setup.load, tournament_id), **choices()}


@router.get("/t/{tournament_id}/setup", response_class=HTMLResponse)
def setup_page(tournament_id: int, page: AdminPage) -> Response:
    return page.render("setup.html", _context(page, tournament_id))


@router.post("/t/{tournament_id}/setup")
async def save(request: Request, tournament_id: int, actor: Admin, page: AdminPage) -> Response:
    form = await form_of(request)
    try:
        settings = settings_from(form)
    except Invalid as error:
        refused: Any = error
    else:
        _, refused = await attempt(setup.save, page.svc, actor, tournament_id, settings)
    if refused is not None:
        return page.render("setup.html", {**_context(page, tournament_id),
                                          "error": str(refused)},
                           status=refusal_status(refused))
    return done(f"/admin/t/{tournament_id}/setup", "Setup saved.")

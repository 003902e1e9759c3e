"""Registration: athletes with search (name, club, IOC code, id or barcode), the entry form,
clubs and countries."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ippon.services import people, weighing
from ippon.services.errors import Invalid
from ippon.services.registration import row
from ippon.store import schema as t
from ippon.web.admin import Admin, AdminPage, attempt, done, form_of, refusal_status

router = APIRouter(prefix="/admin/t/{tournament_id}", include_in_schema=False)


def _context(page: AdminPage, tournament_id: int, q: str, p: int) -> dict[str, Any]:
    return {"title": "Athletes", "section": "athletes", "q": q,
            "tournament": page.read(row, t.tournaments, tournament_id, "tournament"),
            "found": page.read(people.search, tournament_id, q, page=p),
            "categories": page.read(people.categories, tournament_id)}


@router.get("/athletes", response_class=HTMLResponse)
def athletes(request: Request, tournament_id: int, page: AdminPage, q: str = "",
             p: int = 1) -> Response:
    context = _context(page, tournament_id, q, p)
    if request.headers.get("hx-request"):  # the search box asks for the results only
        return page.render("_athlete_results.html", context)
    return page.render("athletes.html", context)


def registration_from(form: dict[str, str]) -> people.Registration:
    year = form.get("birth_year", "").strip()
    if not year.isdigit():
        raise Invalid(f"Birth year: {year!r} is not a year such as 2011")
    category = form.get("category_id", "").strip()
    declared = form.get("declared_weight", "").strip()
    return people.Registration(
        family_name=form.get("family_name", ""), given_name=form.get("given_name", ""),
        gender=form.get("gender", ""), birth_year=int(year), club=form.get("club", ""),
        country=form.get("country", ""),
        category_id=int(category) if category.isdigit() else None,
        external_id=form.get("external_id", ""),
        declared_weight=float(weighing.parse_weight(declared)) if declared else None)


@router.post("/athletes")
async def register(request: Request, tournament_id: int, actor: Admin,
                   page: AdminPage) -> Response:
    form = await form_of(request)
    try:
        registration = registration_from(form)
    except Invalid as error:
        refused: Any = error
    else:
        _, refused = await attempt(people.register, page.svc, actor, tournament_id,
                                   registration)
    if refused is not None:
        return page.render("athletes.html", {**_context(page, tournament_id, "", 1),
                                             "error": str(refused), "form": form},
                           status=refusal_status(refused))
    name = f"{registration.family_name.strip().upper()} {registration.given_name.strip()}"
    return done(f"/admin/t/{tournament_id}/athletes", f"{name} is registered.")


@router.get("/clubs", response_class=HTMLResponse)
def clubs(tournament_id: int, page: AdminPage, q: str = "") -> Response:
    return page.render("clubs.html", {
        "title": "Clubs and countries", "section": "athletes", "q": q,
        "tournament": page.read(row, t.tournaments, tournament_id, "tournament"),
        "clubs": page.read(people.clubs, tournament_id, q),
        "countries": page.read(people.countries, tournament_id)})

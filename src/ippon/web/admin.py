"""The organiser's pages: server-rendered HTML with htmx, one module per page (`admin_*.py`).

Every page needs an admin session (the cookie `/api/login` sets); without one it sends the
browser to the sign-in page. Every form posts with the session's CSRF token, and every write
goes through a service that checks the admin role again and writes the audit log. Routes only
parse the form, call a service and render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ippon.services.accounts import csrf_token
from ippon.services.context import Actor, Services
from ippon.services.errors import ServiceError
from ippon.web import auth
from ippon.web.errors import status_of

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
T = TypeVar("T")

SECTIONS = (("setup", "Setup"), ("athletes", "Athletes"), ("import", "Import"),
            ("weigh-in", "Weigh-in"), ("categories", "Categories and draws"),
            ("schedule", "Schedule"), ("corrections", "Corrections"))


class SignIn(Exception):
    """A page was asked for without an admin session: go to the sign-in page."""

    def __init__(self, path: str) -> None:
        self.path = path


@dataclass(frozen=True, slots=True)
class Page:
    """The signed-in admin and the CSRF token their forms carry."""

    request: Request
    actor: Actor
    csrf: str

    @property
    def svc(self) -> Services:
        return auth.services(self.request)

    def render(self, template: str, context: Mapping[str, Any], *, status: int = 200,
               headers: Mapping[str, str] | None = None) -> HTMLResponse:
        return templates.TemplateResponse(
            self.request, f"admin/{template}",
            {"csrf": self.csrf, "actor": self.actor, "sections": SECTIONS,
             "done": self.request.query_params.get("done", ""), **context},
            status_code=status, headers={"Cache-Control": "no-store", **(headers or {})})

    def read(self, use: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a read-only query on a connection: `use(conn, *args)`."""
        with self.svc.db.read() as conn:
            return use(conn, *args, **kwargs)


async def _page(request: Request) -> Page:
    try:
        found = await auth.identify(request)
    except HTTPException:  # an ended or expired session
        found = None
    if found is None:
        raise SignIn(request.url.path)
    if found[0].role != "admin":  # signed in, as an announcer or a mat's official
        raise HTTPException(403, "the organiser's pages need an admin account")
    actor, secret, from_cookie = found
    token = csrf_token(request.app.state.secret_key, secret) if from_cookie else ""
    return Page(request, actor, token)


AdminPage = Annotated[Page, Depends(_page)]
Admin = Annotated[Actor, Depends(auth.admin)]  # writes: the role, and the CSRF token


async def form_of(request: Request) -> dict[str, str]:
    """The posted form's text fields (files are read with `upload_of`)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


async def upload_of(request: Request, name: str) -> tuple[str, bytes] | None:
    value = (await request.form()).get(name)
    if isinstance(value, UploadFile) and value.filename:
        return value.filename, await value.read()
    return None


def done(url: str, message: str) -> RedirectResponse:
    """After a write: back to a page, which shows what was done (post/redirect/get)."""
    joiner = "&" if "?" in url else "?"
    return RedirectResponse(f"{url}{joiner}done={quote(message)}", status_code=303)


async def attempt(write: Callable[..., T], *args: Any, **kwargs: Any
                  ) -> tuple[T | None, ServiceError | None]:
    """Run a write in the thread pool; a refusal comes back to be shown on the page."""
    try:
        return await run_in_threadpool(write, *args, **kwargs), None
    except ServiceError as error:
        return None, error


def refusal_status(error: ServiceError) -> int:
    return status_of(error)


router = APIRouter(prefix="/admin", include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login(request: Request, next: str = "/admin") -> Response:
    # Back to an organiser's page or the announcer's desk; never to another site.
    ours = next.startswith(("/admin", "/tournaments/")) and not next.startswith("//")
    safe = next if ours else "/admin"
    return templates.TemplateResponse(request, "admin/login.html", {"next": safe})


def install(app: FastAPI) -> None:
    """Add the organiser's pages and their static files (htmx, style) to `app`."""
    from ippon.web import (
        admin_corrections,
        admin_draws,
        admin_import,
        admin_people,
        admin_schedule,
        admin_setup,
        admin_weighin,
    )

    async def sign_in(request: Request, error: Exception) -> Response:
        assert isinstance(error, SignIn)
        return RedirectResponse(f"/admin/login?next={quote(error.path)}", status_code=303)

    app.add_exception_handler(SignIn, sign_in)
    app.include_router(router)
    for module in (admin_setup, admin_people, admin_import, admin_weighin, admin_draws,
                   admin_schedule, admin_corrections):
        app.include_router(module.router)
    app.mount("/static/admin", StaticFiles(directory=HERE / "static" / "admin"),
              name="admin-static")

"""The JSON API. Routes only parse, call a service and shape the answer; plain `def` routes run
in the thread pool, where the (synchronous) services belong."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from ippon.rules import dump_log, event_from_json
from ippon.services import accounts, announcing, draws, matches, registration, results, scheduling
from ippon.services.accounts import csrf_token
from ippon.services.context import Actor
from ippon.services.errors import Unauthenticated
from ippon.store import schema as t
from ippon.web.auth import COOKIE, admin, identify, official, origin_of, role, services

router = APIRouter(prefix="/api")
Admin = Annotated[Actor, Depends(admin)]
Official = Annotated[Actor, Depends(official)]
Announcer = Annotated[Actor, Depends(role("admin", "announcer"))]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]  # a row id: out of range is a 422, not a crash
RowId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class Created(BaseModel):
    id: int


class TournamentIn(BaseModel):
    name: Name
    starts_on: date
    place: str = Field("", max_length=200)
    ruleset: str = "ijf2025"


class ClubIn(BaseModel):
    name: Name
    country: str | None = Field(None, min_length=3, max_length=3)


class AthleteIn(BaseModel):
    family_name: Name
    given_name: str = Field("", max_length=120)
    gender: Literal["m", "f"]
    birth_year: int = Field(ge=1900, le=2100)
    club_id: RowId | None = None
    country: str | None = Field(None, min_length=3, max_length=3)


class CategoryIn(BaseModel):
    name: Annotated[str, Field(min_length=1, max_length=80)]
    gender: Literal["m", "f"]
    age_group: str = Field("seniors", max_length=40)
    max_weight: float | None = Field(None, gt=0, le=400)
    min_weight: float | None = Field(None, ge=0, le=400)
    ruleset: str | None = None
    system: str = Field("auto", max_length=40)
    mat_id: RowId | None = None


class EntryIn(BaseModel):
    athlete_id: RowId
    seed: int | None = Field(None, ge=1, le=8)
    declared_weight: float | None = Field(None, ge=10, le=300, allow_inf_nan=False)


class WeightIn(BaseModel):
    weight: float = Field(allow_inf_nan=False)


class DrawIn(BaseModel):
    seed: int | None = Field(None, ge=0, le=2**31 - 1)


class MatIn(BaseModel):
    number: int = Field(ge=1, le=99)
    name: str | None = Field(None, max_length=80)


class AssignIn(BaseModel):
    mat_id: RowId


class CommandIn(BaseModel):
    client_id: str = Field(min_length=1, max_length=64)
    command: dict[str, Any]


class CredentialIn(BaseModel):
    mat_id: RowId | None = None
    kind: Literal["token", "pin"] = "token"
    role: Literal["official", "announcer"] = "official"
    label: str = Field("", max_length=120)


class UserIn(BaseModel):
    username: Annotated[str, Field(min_length=1, max_length=80)]
    password: Annotated[str, Field(min_length=1, max_length=200)]
    role: Literal["admin", "announcer"] = "admin"


class CallIn(BaseModel):
    key: Annotated[str, Field(min_length=1, max_length=announcing.MAX_KEY)]
    made: bool = True


class LoginIn(BaseModel):
    username: Annotated[str, Field(max_length=80)]
    password: Annotated[str, Field(max_length=200)]


class PinIn(BaseModel):
    mat_id: RowId
    pin: Annotated[str, Field(max_length=20)]


# -- public reads ---------------------------------------------------------------------------

@router.get("/clock")
def clock(request: Request) -> dict[str, float]:
    """The server's time (seconds since the epoch): browsers measure their offset with it."""
    return {"server_time": services(request).clock().timestamp()}


@router.get("/tournaments")
def tournaments(request: Request) -> list[dict[str, Any]]:
    with services(request).db.read() as conn:
        return [{"id": r.id, "name": r.name, "place": r.place, "starts_on": r.starts_on}
                for r in conn.execute(sa.select(t.tournaments).order_by(t.tournaments.c.id))]


def _snapshot(request: Request, topic: str) -> Response:
    return Response(services(request).snapshot(topic).data, media_type="application/json")


@router.get("/tournaments/{tournament_id}")
def tournament(request: Request, tournament_id: Id) -> Response:
    return _snapshot(request, f"tournament:{tournament_id}")


@router.get("/mats/{mat_id}")
def mat(request: Request, mat_id: Id) -> Response:
    return _snapshot(request, f"mat:{mat_id}")


@router.get("/categories/{category_id}")
def category(request: Request, category_id: Id) -> Response:
    return _snapshot(request, f"category:{category_id}")


@router.get("/contests/{contest_id}/log", response_class=PlainTextResponse)
def contest_log(request: Request, contest_id: Id) -> str:
    """The contest's public log (JSON Lines, docs/contest-log.md): replay it to check."""
    with services(request).db.read() as conn:
        registration.row(conn, t.contests, contest_id, "contest")
        rows = conn.execute(sa.select(t.contest_events).where(
            t.contest_events.c.contest_id == contest_id).order_by(t.contest_events.c.seq))
        return dump_log([event_from_json({**r.payload, "at": r.at}, r.seq) for r in rows])


# -- sessions -------------------------------------------------------------------------------

def _session(request: Request, response: Response, session: accounts.Session) -> dict[str, Any]:
    response.set_cookie(COOKIE, session.token, httponly=True, samesite="strict",
                        max_age=int(request.app.state.settings.session_hours * 3600))
    return {"token": session.token, "role": session.role, "mat_id": session.mat_id,
            "expires_at": session.expires_at.isoformat(),
            "csrf_token": csrf_token(request.app.state.secret_key, session.token)}


@router.post("/login")
def login(request: Request, response: Response, body: LoginIn) -> dict[str, Any]:
    session = accounts.login_password(
        services(request), username=body.username, password=body.password,
        origin=origin_of(request), hours=request.app.state.settings.session_hours)
    return _session(request, response, session)


@router.post("/login/pin")
def login_pin(request: Request, response: Response, body: PinIn) -> dict[str, Any]:
    session = accounts.login_pin(services(request), mat_id=body.mat_id, pin=body.pin,
                                 origin=origin_of(request),
                                 hours=request.app.state.settings.session_hours)
    return _session(request, response, session)


@router.get("/me")
async def me(request: Request) -> dict[str, Any]:
    found = await identify(request)
    if found is None:
        return {"role": "public"}
    actor, secret, from_cookie = found
    return {"role": actor.role, "name": actor.name, "mat_id": actor.mat_id,
            "csrf_token": csrf_token(request.app.state.secret_key, secret) if from_cookie
            else None}


@router.post("/logout")
def logout(request: Request, response: Response) -> dict[str, str]:
    secret = request.cookies.get(COOKIE) or request.headers.get("authorization", "")[7:]
    if not secret:
        raise Unauthenticated("you are not signed in")
    accounts.logout(services(request), secret)
    response.delete_cookie(COOKIE)
    return {"status": "signed out"}


# -- administration -------------------------------------------------------------------------

@router.post("/tournaments", status_code=201)
def create_tournament(request: Request, actor: Admin, body: TournamentIn) -> Created:
    return Created(id=registration.create_tournament(services(request), actor,
                                                     **body.model_dump()))


@router.post("/clubs", status_code=201)
def create_club(request: Request, actor: Admin, body: ClubIn) -> Created:
    return Created(id=registration.create_club(services(request), actor, **body.model_dump()))


@router.post("/tournaments/{tournament_id}/athletes", status_code=201)
def create_athlete(request: Request, actor: Admin, tournament_id: Id, body: AthleteIn) -> Created:
    return Created(id=registration.create_athlete(
        services(request), actor, tournament_id=tournament_id, **body.model_dump()))


@router.post("/tournaments/{tournament_id}/categories", status_code=201)
def create_category(request: Request, actor: Admin, tournament_id: Id,
                    body: CategoryIn) -> Created:
    return Created(id=registration.create_category(
        services(request), actor, tournament_id=tournament_id, **body.model_dump()))


@router.post("/tournaments/{tournament_id}/mats", status_code=201)
def create_mat(request: Request, actor: Admin, tournament_id: Id, body: MatIn) -> Created:
    return Created(id=scheduling.create_mat(services(request), actor,
                                            tournament_id=tournament_id, **body.model_dump()))


@router.post("/categories/{category_id}/entries", status_code=201)
def enter(request: Request, actor: Admin, category_id: Id, body: EntryIn) -> Created:
    return Created(id=registration.enter(services(request), actor, category_id=category_id,
                                         **body.model_dump()))


@router.post("/categories/{category_id}/mat")
def assign_mat(request: Request, actor: Admin, category_id: Id, body: AssignIn) -> dict[str, str]:
    scheduling.assign_category(services(request), actor, category_id=category_id,
                               mat_id=body.mat_id)
    return {"status": "assigned"}


@router.post("/categories/{category_id}/draw", status_code=201)
def draw(request: Request, actor: Admin, category_id: Id, body: DrawIn) -> Created:
    return Created(id=draws.draw_category(services(request), actor, category_id=category_id,
                                          seed=body.seed))


@router.post("/entries/{entry_id}/weigh-in")
def weigh_in(request: Request, actor: Admin, entry_id: Id, body: WeightIn) -> dict[str, str]:
    status = registration.weigh_in(services(request), actor, entry_id=entry_id,
                                   weight=body.weight)
    return {"status": status}


@router.post("/entries/{entry_id}/withdraw")
def withdraw(request: Request, actor: Admin, entry_id: Id) -> dict[str, str]:
    registration.withdraw(services(request), actor, entry_id=entry_id)
    return {"status": "withdrawn"}


@router.post("/credentials", status_code=201)
def issue_credential(request: Request, actor: Admin, body: CredentialIn) -> dict[str, Any]:
    credential_id, secret = accounts.issue_credential(services(request), actor,
                                                      **body.model_dump())
    return {"id": credential_id, "secret": secret, "kind": body.kind, "mat_id": body.mat_id}


@router.post("/credentials/{credential_id}/revoke")
def revoke_credential(request: Request, actor: Admin, credential_id: Id) -> dict[str, str]:
    accounts.revoke_credential(services(request), actor, credential_id=credential_id)
    return {"status": "revoked"}


@router.post("/users", status_code=201)
def create_user(request: Request, actor: Admin, body: UserIn) -> Created:
    return Created(id=accounts.create_user(services(request), actor, **body.model_dump()))


@router.get("/audit")
def audit(request: Request, actor: Admin, limit: int = 100) -> list[dict[str, Any]]:
    with services(request).db.read() as conn:
        rows = conn.execute(sa.select(t.audit_log).order_by(t.audit_log.c.id.desc())
                            .limit(max(1, min(limit, 1000)))).mappings()
        return [dict(r) for r in rows]


@router.get("/contests/{contest_id}/correction-impact")
def correction_impact(request: Request, actor: Admin, contest_id: Id,
                      winner: Literal["white", "blue", "none"]) -> dict[str, Any]:
    """What a corrected result would change downstream, before it is entered."""
    return results.correction_impact(services(request), contest_id=contest_id,
                                     winner=None if winner == "none" else winner)


# -- the announcer --------------------------------------------------------------------------

@router.post("/tournaments/{tournament_id}/calls")
def mark_call(request: Request, actor: Announcer, tournament_id: Id,
              body: CallIn) -> dict[str, Any]:
    """Mark a call of the announcer's page as made (or undo it with `made: false`)."""
    state = announcing.mark_called(services(request), actor, tournament_id, body.key, body.made)
    return {"key": body.key, "made": state is not None,
            "at": None if state is None else state.at.isoformat(),
            "by": None if state is None else state.by}


# -- the mat --------------------------------------------------------------------------------

@router.post("/contests/{contest_id}/commands")
def command(request: Request, actor: Official, contest_id: Id,
            body: CommandIn) -> dict[str, Any]:
    """One table-official command over HTTP (the WebSocket channel is the usual way)."""
    ack = matches.command(services(request), actor, contest_id=contest_id,
                          client_id=body.client_id, payload=body.command)
    return {"client_id": body.client_id, "seq": ack.seq, "duplicate": ack.duplicate,
            "status": ack.status}

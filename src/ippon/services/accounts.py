"""Who may write: admin users with passwords, per-mat official credentials (a long token for a QR
code, or a short PIN) that an admin can revoke, sessions that expire, and login rate limiting.

Every secret is stored hashed: passwords and PINs with argon2, long random tokens with SHA-256
(they carry 256 bits of chance, so a slow hash adds nothing and lookups stay O(1))."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy.engine import Connection

from ippon.services.access import require
from ippon.services.context import SYSTEM, Actor, Services
from ippon.services.errors import Conflict, Invalid, TooManyAttempts, Unauthenticated
from ippon.services.registration import row
from ippon.store import schema as t

MAX_FAILURES = 10  # failed logins from one origin ...
FAILURE_WINDOW = timedelta(minutes=10)  # ... within this window lock that origin out
MIN_PASSWORD = 10
_hasher = PasswordHasher()


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Session:
    token: str  # shown once: the cookie or bearer value
    role: str
    expires_at: datetime
    mat_id: int | None


def instance_secret(svc: Services, configured: str = "") -> str:
    """The key that signs CSRF tokens: the configured one, else one generated on first start
    and kept in the database, so that every process agrees."""
    if configured:
        return configured
    with svc.db.write() as conn:
        found = conn.execute(sa.select(t.instance.c.value)
                             .where(t.instance.c.key == "secret_key")).scalar()
        if found is None:
            found = secrets.token_urlsafe(32)
            conn.execute(t.instance.insert().values(key="secret_key", value=found))
        return str(found)


def csrf_token(secret_key: str, session_token: str) -> str:
    return hmac.new(secret_key.encode(), digest(session_token).encode(), "sha256").hexdigest()


def has_admin(svc: Services) -> bool:
    with svc.db.read() as conn:
        return conn.execute(sa.select(t.users.c.id).where(t.users.c.role == "admin",
                                                          ~t.users.c.disabled)).first() is not None


def create_user(svc: Services, actor: Actor, *, username: str, password: str,
                role: Literal["admin", "announcer"] = "admin") -> int:
    require(actor, "admin")
    if not username.strip() or len(username) > 80:
        raise Invalid("the user name must be 1 to 80 characters")
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"the password needs at least {MIN_PASSWORD} characters")
    with svc.transaction(actor) as tx:
        if tx.conn.execute(sa.select(t.users.c.id)
                           .where(t.users.c.username == username)).first() is not None:
            raise Conflict(f"the user {username!r} exists already")
        user_id = tx.insert(t.users, {"username": username, "password_hash": _hasher.hash(password),
                                      "role": role, "created_at": tx.now})
        tx.audit("user.create", "user", user_id, after={"username": username, "role": role})
        return user_id


def _throttle(conn: Connection, origin: str, now: datetime) -> None:
    failures = conn.execute(sa.select(sa.func.count()).select_from(t.login_attempts).where(
        t.login_attempts.c.origin == origin, ~t.login_attempts.c.succeeded,
        t.login_attempts.c.at > now - FAILURE_WINDOW)).scalar_one()
    if failures >= MAX_FAILURES:
        raise TooManyAttempts(f"too many failed logins from {origin}; wait ten minutes")


def _attempt(svc: Services, origin: str, ok: bool) -> None:
    with svc.db.write() as conn:
        conn.execute(t.login_attempts.insert().values(origin=origin, at=svc.clock(),
                                                      succeeded=ok))


def login_password(svc: Services, *, username: str, password: str, origin: str,
                   hours: float) -> Session:
    with svc.db.read() as conn:
        _throttle(conn, origin, svc.clock())
        user = conn.execute(sa.select(t.users).where(t.users.c.username == username,
                                                     ~t.users.c.disabled)).mappings().first()
    try:
        if user is None:
            raise VerificationError
        _hasher.verify(user["password_hash"], password)
    except VerificationError:
        _attempt(svc, origin, False)
        raise Unauthenticated("wrong user name or password") from None
    _attempt(svc, origin, True)
    return _open(svc, Actor(f"{user['role']}:{username}", user["role"], origin),
                 user_id=user["id"], token_id=None, mat_id=None, hours=hours)


def login_pin(svc: Services, *, mat_id: int, pin: str, origin: str, hours: float) -> Session:
    """A table official signs in with the mat's PIN; the session is bound to that mat."""
    now = svc.clock()
    with svc.db.read() as conn:
        _throttle(conn, origin, now)
        candidates = conn.execute(sa.select(t.tokens).where(
            t.tokens.c.mat_id == mat_id, t.tokens.c.kind == "pin",
            t.tokens.c.revoked_at.is_(None))).mappings().all()
    for candidate in candidates:
        try:
            _hasher.verify(candidate["secret_hash"], pin)
        except VerificationError:
            continue
        _attempt(svc, origin, True)
        actor = Actor(f"{candidate['role']}:mat {mat_id} (pin {candidate['id']})",
                      candidate["role"], origin, mat_id)
        return _open(svc, actor, user_id=None, token_id=candidate["id"], mat_id=mat_id,
                     hours=hours)
    _attempt(svc, origin, False)
    raise Unauthenticated("wrong PIN for this mat")


def _open(svc: Services, actor: Actor, *, user_id: int | None, token_id: int | None,
          mat_id: int | None, hours: float) -> Session:
    token = secrets.token_urlsafe(32)
    with svc.transaction(actor) as tx:
        expires = tx.now + timedelta(hours=hours)
        tx.conn.execute(t.sessions.insert().values(
            lookup=digest(token), user_id=user_id, token_id=token_id, role=actor.role,
            mat_id=mat_id, actor=actor.name, created_at=tx.now, expires_at=expires))
        tx.audit("session.open", "session", digest(token)[:12], after={"role": actor.role})
    return Session(token, actor.role, expires, mat_id)


def logout(svc: Services, token: str) -> None:
    with svc.db.write() as conn:
        conn.execute(t.sessions.update().where(t.sessions.c.lookup == digest(token))
                     .values(ended_at=svc.clock()))


def issue_credential(svc: Services, actor: Actor, *, mat_id: int | None, kind: str,
                     role: str = "official", label: str = "") -> tuple[int, str]:
    """A new credential; the secret is returned once and only its hash is kept."""
    require(actor, "admin")
    if kind not in ("token", "pin"):
        raise Invalid("kind must be 'token' (for a QR code) or 'pin' (typed on the mat)")
    if role not in ("official", "announcer"):
        raise Invalid("role must be 'official' or 'announcer'")
    if role == "official" and mat_id is None:
        raise Invalid("an official's credential is for one mat: give mat_id")
    secret = secrets.token_urlsafe(32) if kind == "token" else f"{secrets.randbelow(10**6):06d}"
    with svc.transaction(actor) as tx:
        if mat_id is not None:
            row(tx.conn, t.mats, mat_id, "mat")
        values: dict[str, Any] = {
            "mat_id": mat_id, "role": role, "kind": kind, "label": label,
            "lookup": digest(secret) if kind == "token" else None,
            "secret_hash": digest(secret) if kind == "token" else _hasher.hash(secret),
            "created_by": actor.name, "created_at": tx.now}
        token_id = tx.insert(t.tokens, values)
        tx.audit("credential.issue", "credential", token_id,
                 after={"mat_id": mat_id, "role": role, "kind": kind, "label": label})
        return token_id, secret


def revoke_credential(svc: Services, actor: Actor, *, credential_id: int) -> None:
    """Revoke a credential and end every session opened with it."""
    require(actor, "admin")
    with svc.transaction(actor) as tx:
        found = row(tx.conn, t.tokens, credential_id, "credential")
        if found["revoked_at"] is not None:
            return
        tx.conn.execute(t.tokens.update().where(t.tokens.c.id == credential_id)
                        .values(revoked_at=tx.now))
        tx.conn.execute(t.sessions.update().where(t.sessions.c.token_id == credential_id,
                                                  t.sessions.c.ended_at.is_(None))
                        .values(ended_at=tx.now))
        tx.audit("credential.revoke", "credential", credential_id,
                 before={"revoked_at": None}, after={"revoked_at": tx.now})


def authenticate(svc: Services, secret: str, origin: str) -> tuple[Actor, bool]:
    """The actor behind a session or credential token, and whether it is a session (cookie
    sessions need CSRF protection). Unauthenticated if unknown, expired, ended or revoked."""
    now = svc.clock()
    lookup = digest(secret)
    with svc.db.read() as conn:
        session = conn.execute(
            sa.select(t.sessions, t.tokens.c.revoked_at)
            .outerjoin(t.tokens, t.tokens.c.id == t.sessions.c.token_id)
            .where(t.sessions.c.lookup == lookup)).mappings().first()
        if session is not None:
            if session["ended_at"] is not None or session["revoked_at"] is not None:
                raise Unauthenticated("this session has ended; sign in again")
            if session["expires_at"] <= now:
                raise Unauthenticated("this session has expired; sign in again")
            return Actor(session["actor"], session["role"], origin, session["mat_id"]), True
        token = conn.execute(sa.select(t.tokens).where(t.tokens.c.lookup == lookup)
                             ).mappings().first()
    if token is None:
        raise Unauthenticated("unknown credentials")
    if token["revoked_at"] is not None:
        raise Unauthenticated("this credential has been revoked")
    name = f"{token['role']}:mat {token['mat_id']} (token {token['id']})"
    return Actor(name, token["role"], origin, token["mat_id"]), False


def first_admin(svc: Services, username: str = "admin", password: str | None = None) -> str | None:
    """Create the first admin if there is none; returns the password to show, else None."""
    if has_admin(svc):
        return None
    password = password or secrets.token_urlsafe(12)
    create_user(svc, SYSTEM, username=username, password=password)
    return password


def user_exists(svc: Services, username: str) -> bool:
    with svc.db.read() as conn:
        return conn.execute(sa.select(t.users.c.id)
                            .where(t.users.c.username == username)).first() is not None

"""Role checks inside the use cases, so a route that forgets one still cannot write."""

from __future__ import annotations

from ippon.services.context import Actor, Role
from ippon.services.errors import Forbidden


def require(actor: Actor, *roles: Role) -> None:
    if actor.role == "system" or actor.role in roles:
        return
    allowed = " or ".join(roles)
    raise Forbidden(f"this needs the {allowed} role; you are signed in as {actor.role}")


def require_mat(actor: Actor, mat_id: int | None) -> None:
    """Officials act on their own mat only; admins on any."""
    require(actor, "admin", "official")
    if actor.role == "official" and actor.mat_id != mat_id:
        raise Forbidden(f"your credential is for mat id {actor.mat_id}, not this contest's mat")

"""Service errors become JSON answers with the status that fits and the service's message."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from ippon.services.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    ServiceError,
    TooManyAttempts,
    Unauthenticated,
)

STATUS: dict[type[ServiceError], int] = {
    NotFound: 404, Invalid: 422, Conflict: 409, Forbidden: 403, Unauthenticated: 401,
    TooManyAttempts: 429,
}


def status_of(error: ServiceError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)


async def _service_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ServiceError)
    return JSONResponse({"detail": str(error)}, status_code=status_of(error))


def install(app: FastAPI) -> None:
    app.add_exception_handler(ServiceError, _service_error)

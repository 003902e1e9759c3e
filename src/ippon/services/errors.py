"""One exception per kind of mistake; the web layer maps each to its HTTP status."""

from __future__ import annotations


class ServiceError(Exception):
    """Base: the message is written for the person who made the request."""


class NotFound(ServiceError, LookupError):
    """The thing named does not exist (404)."""


class Invalid(ServiceError, ValueError):
    """The request itself is malformed or out of range (422)."""


class Conflict(ServiceError):
    """The request is well formed but the current state refuses it (409)."""


class Forbidden(ServiceError, PermissionError):
    """The caller's role does not allow this (403)."""


class Unauthenticated(ServiceError, PermissionError):
    """No valid credentials (401)."""


class TooManyAttempts(ServiceError):
    """Too many failed logins from one place; try later (429)."""

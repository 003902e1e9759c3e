"""Server settings: from command-line flags, else `IPPON_*` environment variables, else defaults.

The defaults suit one laptop at a club: SQLite in the working directory, loopback only."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

DEFAULT_DATABASE = "sqlite:///ippon.sqlite3"


class SettingsError(ValueError):
    """A setting has a value ippon cannot use; the message names the setting and the fix."""


@dataclass(frozen=True, slots=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    database: str = DEFAULT_DATABASE
    # Signs CSRF tokens. Empty means: use the one the database generated on first start, so
    # that several processes sharing a PostgreSQL database agree on it.
    secret_key: str = field(default="", repr=False)
    session_hours: float = 12.0
    workers: int = 1

    @property
    def is_sqlite(self) -> bool:
        return self.database.startswith("sqlite")

    @classmethod
    def load(
        cls, overrides: Mapping[str, object] | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """Flags (`overrides`, None meaning "not given") win over `IPPON_<NAME>` variables."""
        env = os.environ if environ is None else environ
        given = {k: v for k, v in (overrides or {}).items() if v is not None}

        def raw(name: str, default: object) -> str:
            return str(given.get(name, env.get(f"IPPON_{name.upper()}", default)))

        d = cls()
        return cls(
            host=raw("host", d.host),
            port=_number(int, "port", raw("port", d.port)),
            database=raw("database", d.database),
            secret_key=raw("secret_key", d.secret_key),
            session_hours=_number(float, "session_hours", raw("session_hours", d.session_hours)),
            workers=_number(int, "workers", raw("workers", d.workers)),
        ).checked()

    def checked(self) -> Settings:
        if not 0 < self.port < 65536:
            raise SettingsError(f"port {self.port} is not a TCP port; use 1 to 65535.")
        if self.session_hours <= 0:
            raise SettingsError("session_hours must be positive, e.g. IPPON_SESSION_HOURS=12.")
        if self.workers < 1:
            raise SettingsError("workers must be at least 1.")
        if self.workers > 1 and self.is_sqlite:
            raise SettingsError(
                "SQLite allows one writer, so ippon serves a SQLite database from one process: "
                "drop --workers, or use PostgreSQL (--database postgresql://...) to run several."
            )
        if not (self.is_sqlite or self.database.startswith("postgresql")):
            raise SettingsError(
                f"database {self.database!r} is neither sqlite:///FILE nor postgresql://..."
            )
        return self


N = TypeVar("N", int, float)


def _number(kind: type[N], name: str, text: str) -> N:
    try:
        return kind(text)
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {text!r}.") from None

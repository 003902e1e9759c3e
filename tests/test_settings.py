from __future__ import annotations

import pytest

from ippon.settings import DEFAULT_DATABASE, Settings, SettingsError


def test_defaults_are_a_local_sqlite_server() -> None:
    s = Settings.load(environ={})
    assert (s.host, s.port, s.database, s.is_sqlite) == ("127.0.0.1", 8000, DEFAULT_DATABASE, True)


def test_flags_win_over_environment() -> None:
    env = {"IPPON_PORT": "9000", "IPPON_HOST": "0.0.0.0"}
    s = Settings.load({"port": 9100, "host": None}, environ=env)
    assert (s.host, s.port) == ("0.0.0.0", 9100)


def test_sqlite_refuses_several_workers_and_says_why() -> None:
    with pytest.raises(SettingsError, match="one writer"):
        Settings.load({"workers": 2}, environ={})
    s = Settings.load({"workers": 2, "database": "postgresql://u@localhost/ippon"}, environ={})
    assert s.workers == 2


@pytest.mark.parametrize(
    ("env", "message"),
    [({"IPPON_PORT": "eighty"}, "port must be a number"), ({"IPPON_PORT": "0"}, "not a TCP port"),
     ({"IPPON_DATABASE": "mysql://x"}, "neither sqlite")],
)
def test_bad_values_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.load(environ=env)

"""The pure core (rules, tournament) imports only the standard library and does no I/O.

import-linter checks the layers; this test checks the standard-library side, which a forbidden
contract cannot express: every import must be stdlib (or ippon.rules for the tournament), and
modules that read clocks, files, sockets or processes are not allowed."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "ippon"
IO_MODULES = {"os", "io", "pathlib", "socket", "subprocess", "shutil", "time", "asyncio",
              "sqlite3", "urllib", "http", "threading", "multiprocessing", "tempfile", "glob"}
ALLOWED_IPPON = {"rules": {"ippon.rules"}, "tournament": {"ippon.rules", "ippon.tournament"}}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED_IPPON))
def test_pure_core_imports_only_stdlib_without_io(package: str) -> None:
    files = sorted((SRC / package).rglob("*.py"))
    assert files, f"no modules found in ippon.{package}"
    offences = []
    for path in files:
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top == "ippon":
                if not any(name == p or name.startswith(p + ".") for p in ALLOWED_IPPON[package]):
                    offences.append(f"{path.relative_to(SRC)} imports {name}")
            elif top not in sys.stdlib_module_names or top in IO_MODULES:
                offences.append(f"{path.relative_to(SRC)} imports {name}")
    assert not offences, "\n".join(offences)

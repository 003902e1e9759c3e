"""Append-only means no code path can change or remove a contest event or an audit row."""

from __future__ import annotations

import re
from pathlib import Path

from ippon.store.schema import APPEND_ONLY

SRC = Path(__file__).resolve().parents[2] / "src" / "ippon"


def test_no_update_or_delete_of_append_only_tables() -> None:
    offences = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for table in APPEND_ONLY:
            pattern = rf"{table}\s*\.\s*(update|delete)\s*\(|(UPDATE|DELETE FROM)\s+{table}\b"
            if re.search(pattern, text, flags=re.IGNORECASE) and "migrations" not in path.parts:
                offences.append(f"{path.relative_to(SRC)} changes {table}")
    assert not offences, "\n".join(offences)

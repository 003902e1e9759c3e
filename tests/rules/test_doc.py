from __future__ import annotations

from pathlib import Path

from ippon.rules.doc import rules_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_generated_from_the_data() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is out of date: run .venv/bin/python scripts/gen_rules_doc.py")


def test_the_table_shows_the_data() -> None:
    text = rules_markdown()
    assert "| `hansoku_make_shido` | 4 | 4 | 4 | 3 | 3 | 3 | 3 |" in text
    assert "koka 10 s, yuko 15 s, waza-ari 20 s, ippon 25 s" in text
    assert "1→nothing, 2→yuko, 3→waza-ari" in text

"""Write docs/rules.md from the ruleset data: .venv/bin/python scripts/gen_rules_doc.py"""

from __future__ import annotations

from pathlib import Path

from ippon.rules.doc import rules_markdown

if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    target.write_text(rules_markdown(), encoding="utf-8")
    print(f"wrote {target}")

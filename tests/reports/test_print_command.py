"""`ippon print demo FOLDER`: every kind of sheet of the demo tournament, as files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ippon.cli import main

from .helpers import pages


def test_print_demo_writes_every_sheet(tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    result = CliRunner().invoke(main, ["print", "demo", str(folder), "--mats", "2"])
    assert result.exit_code == 0, result.output
    names = ["brackets.pdf", "weigh-in.pdf", "mat-order.pdf", "results.pdf", "medal-table.pdf",
             "certificates.pdf"]
    assert result.stdout.split() == [str(folder / name) for name in names]
    counts = {name: len(pages((folder / name).read_bytes())) for name in names}
    # A page per category, three for the 64-line bracket (40 athletes).
    assert counts["brackets.pdf"] == 8
    assert counts["medal-table.pdf"] == 1
    assert counts["mat-order.pdf"] >= 2  # a page or more per mat
    assert "Mat 2" in " ".join(pages((folder / "mat-order.pdf").read_bytes()))

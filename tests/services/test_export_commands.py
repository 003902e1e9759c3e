"""`ippon export`, `ippon import` and `ippon print KIND` on a stored tournament."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from ippon.cli import main
from ippon.exchange.exporting import read_results_json
from ippon.live.hub import Hub
from ippon.services.context import Services
from ippon.store.db import Database
from ippon.store.migrate import upgrade

from .conftest import Clock
from .test_exports import built


@pytest.fixture
def database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ippon.sqlite3'}"
    db = Database(url)
    upgrade(db)
    clock = Clock()
    assert built(Services(db, Hub(), clock), clock)["tournament"] == 1
    db.dispose()
    return url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_export_every_format(database: str, tmp_path: Path) -> None:
    for format_ in ("csv", "xlsx", "json", "jsonl", "shi"):
        out = tmp_path / f"out.{format_}"
        code, stdout, _ = run("export", "--database", database, "--tournament", "1",
                              "--format", format_, str(out))
        assert code == 0, stdout
        assert stdout.startswith(f"wrote {out}")
        assert out.stat().st_size > 0
    assert read_results_json((tmp_path / "out.json").read_bytes()).info.name == "Export Open"
    code, _, _ = run("export", "--database", database, "--tournament", "1", "--format", "csv",
                     "--table", "contests", str(tmp_path / "contests.csv"))
    assert code == 0
    assert (tmp_path / "contests.csv").read_text("utf-8-sig").startswith("category,contest,")


def test_export_errors_are_plain(database: str, tmp_path: Path) -> None:
    code, _, stderr = run("export", "--database", database, "--tournament", "7", "--format",
                          "json", str(tmp_path / "x.json"))
    assert code == 1
    assert "there is no tournament with id 7" in stderr
    code, _, stderr = run("export", "--database", database, "--tournament", "1", "--format",
                          "pdf", str(tmp_path / "x.pdf"))
    assert code == 2
    assert "'pdf' is not one of 'csv', 'xlsx', 'json', 'jsonl', 'shi'" in stderr
    code, _, stderr = run("export", "--database", database, "--tournament", "1", "--format",
                          "json", str(tmp_path / "missing" / "x.json"))
    assert code == 1
    assert "does not exist" in stderr
    assert not (tmp_path / "missing").exists()


def test_import_gives_a_new_tournament(database: str, tmp_path: Path) -> None:
    for format_ in ("json", "jsonl"):
        run("export", "--database", database, "--tournament", "1", "--format", format_,
            str(tmp_path / f"out.{format_}"))
    code, stdout, stderr = run("import", "--database", database, "--logs",
                               str(tmp_path / "out.jsonl"), "--name", "Copy",
                               str(tmp_path / "out.json"))
    assert code == 0, stderr
    assert stdout.startswith(f"imported {tmp_path / 'out.json'} as tournament 2: 13 athletes, "
                             "2 categories, 17 results, 17 contest logs")
    code, _, _ = run("export", "--database", database, "--tournament", "2", "--format", "json",
                     str(tmp_path / "copy.json"))
    assert code == 0
    copy = read_results_json((tmp_path / "copy.json").read_bytes())
    assert copy.info.name == "Copy"
    assert len(copy.matches) == len(read_results_json(
        (tmp_path / "out.json").read_bytes()).matches)
    (tmp_path / "bad.json").write_text("{}")
    code, _, stderr = run("import", "--database", database, str(tmp_path / "bad.json"))
    assert code == 1
    assert "not ippon results" in stderr


def _pages(path: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages]


def test_print_every_sheet_of_a_stored_tournament(database: str, tmp_path: Path) -> None:
    folder = tmp_path / "sheets"
    code, stdout, stderr = run("print", "all", "--database", database, "--tournament", "1",
                               str(folder))
    assert code == 0, stderr
    names = ["brackets.pdf", "weigh-in.pdf", "mat-order.pdf", "results.pdf", "medal-table.pdf",
             "certificates.pdf"]
    assert stdout.split() == [str(folder / n) for n in names]
    assert "Brackets" in stderr
    assert "2/2" in stderr  # the progress bar, category by category
    brackets = _pages(folder / "brackets.pdf")
    assert len(brackets) == 2
    assert "M -73" in brackets[0]
    assert "W -57" in brackets[1]
    assert "MÜLLERM0 Given0" in "".join(_pages(folder / "weigh-in.pdf"))
    code, stdout, _ = run("print", "category", "--database", database, "--tournament", "1",
                          "--category", "2", str(folder))
    assert code == 0
    assert stdout.strip() == f"{folder / 'category-2.pdf'}  W -57"
    assert len(_pages(folder / "category-2.pdf")) == 1
    code, _, stderr = run("print", "brackets", "--database", database, "--tournament", "5",
                          str(folder))
    assert code == 1
    assert "there is no tournament with id 5" in stderr

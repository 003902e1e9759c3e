"""Entry-list and JudoShiai imports: all rows or none, every error, duplicates for a decision,
categories from the file, role and audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from ippon.services import imports, people, setup
from ippon.services.context import Actor, Services
from ippon.services.errors import Forbidden, Invalid
from ippon.store import schema as t

from .conftest import ADMIN

TODAY = date(2026, 6, 1)
HEADER = "Name;Sex;Born;Club;Nation;Category;Barcode\n"
GOOD = (HEADER + "MÜLLER Anna;F;2011;JC Bonn;GER;-44;B1\n"
        "SCHMIDT Lea;F;2011;JC Köln;GER;-44;B2\n"
        "WEBER Tom;M;2010;JC Bonn;GER;-50;B3\n")
SHI = Path("/work/shared/data/judoshiai/example.shi")


def tournament(svc: Services) -> int:
    return setup.create(svc, ADMIN, setup.Settings("Import Cup", date(2026, 6, 6),
                                                   date(2026, 6, 6), mats=1,
                                                   age_group="kids-u15"))


def run(svc: Services, tid: int, text: str, skip: set[int] | None = None) -> imports.Imported:
    table = imports.read(text.encode())
    return imports.apply(svc, ADMIN, tid, table, imports.guess(table), skip_lines=skip or set(),
                         today=TODAY)


def count(svc: Services, table: sa.Table) -> int:
    with svc.db.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def test_a_clean_list_imports_every_row_with_categories_ids_and_one_audit_row(
        svc: Services) -> None:
    tid = tournament(svc)
    result = run(svc, tid, GOOD)
    assert result.athletes == 3
    assert result.categories_created == ("-44", "-50")
    with svc.db.read() as conn:
        assert people.search(conn, tid, "B3").rows[0]["family_name"] == "WEBER"
        genders = dict(conn.execute(
            sa.select(t.categories.c.name, t.categories.c.gender)).all())
        assert genders == {"-44": "f", "-50": "m"}
        limits = conn.execute(sa.select(t.categories.c.max_weight)
                              .where(t.categories.c.name == "-44")).scalar()
        assert limits == 44.0
        audit = conn.execute(sa.select(t.audit_log.c.after)
                             .where(t.audit_log.c.action == "import.entry-list")).scalar_one()
    assert audit["athletes"] == 3


def test_one_bad_row_imports_nothing_and_every_error_is_named(svc: Services) -> None:
    tid = tournament(svc)
    bad = GOOD + "Nobody;F;2011;JC Bonn;Atlantis;-44;B4\nKATO Yui;F;;JC Bonn;JPN;-44;B5\n"
    with pytest.raises(imports.ImportRefused) as refused:
        run(svc, tid, bad)
    lines = [(e.line, e.column) for e in refused.value.errors]
    assert (5, "Name") in lines  # one word is no name
    assert (5, "Nation") in lines  # no such country
    assert (6, "Born") in lines  # the birth year is needed
    assert count(svc, t.athletes) == 0
    assert count(svc, t.categories) == 0
    assert count(svc, t.entries) == 0


def test_one_category_name_for_both_sexes_makes_two_categories(svc: Services) -> None:
    tid = tournament(svc)
    result = run(svc, tid, HEADER + "ABE Ann;F;2011;X;GER;-46;\nBABA Ben;M;2011;X;GER;-46;\n")
    assert result.categories_created == ("-46", "-46 Boys")


def test_a_category_that_names_no_limit_refuses_the_whole_import(svc: Services) -> None:
    tid = tournament(svc)
    with pytest.raises(imports.ImportRefused, match="nothing was imported"):
        run(svc, tid, GOOD + "KATO Yui;F;2011;JC Bonn;JPN;lightweight;B9\n")
    assert count(svc, t.athletes) == 0


def test_duplicates_are_found_against_the_file_and_the_registered(svc: Services) -> None:
    tid = tournament(svc)
    run(svc, tid, GOOD)
    again = HEADER + "MUELLER Anna;F;2011;JC Bonn;GER;-44;\nNEU Ina;F;2011;JC Bonn;GER;-44;\n"
    table = imports.read(again.encode())
    with svc.db.read() as conn:
        checked = imports.check(conn, tid, table, imports.guess(table), TODAY)
    assert checked.ok
    assert len(checked.result.duplicates) == 1
    assert checked.result.duplicates[0].existing[0].surname == "MÜLLER"
    result = run(svc, tid, again, skip={2})
    assert result.athletes == 1
    assert result.skipped_lines == (2,)


def test_a_file_that_is_no_entry_list_is_refused_plainly() -> None:
    with pytest.raises(Invalid):
        imports.read(b"")


def test_only_an_admin_imports(svc: Services) -> None:
    tid = tournament(svc)
    table = imports.read(GOOD.encode())
    with pytest.raises(Forbidden):
        imports.apply(svc, Actor("a", "announcer"), tid, table, imports.guess(table),
                      today=TODAY)


def test_judoshiai_competitors_and_categories(svc: Services) -> None:
    tid = tournament(svc)
    result = imports.import_shi(svc, ADMIN, tid, SHI.read_bytes())
    assert result.athletes > 100
    assert result.categories > 5
    assert count(svc, t.athletes) == result.athletes
    with pytest.raises(Invalid):
        imports.import_shi(svc, ADMIN, tid, b"not sqlite")


def test_an_id_twice_in_the_file_is_a_row_error(svc: Services) -> None:
    tid = tournament(svc)
    with pytest.raises(imports.ImportRefused) as refused:
        run(svc, tid, GOOD + "KATO Yui;F;2011;JC Bonn;JPN;-44;B2\n")
    assert [(e.line, e.column, e.reason) for e in refused.value.errors] == [
        (5, "Barcode", "the id B2 is on line 3 too")]
    assert count(svc, t.athletes) == 0


def test_every_row_gets_its_audit_rows(svc: Services) -> None:
    tid = tournament(svc)
    run(svc, tid, GOOD)
    with svc.db.read() as conn:
        actions = list(conn.execute(sa.select(t.audit_log.c.action)).scalars())
    assert actions.count("athlete.create") == 3
    assert actions.count("entry.create") == 3
    assert actions.count("club.create") == 2

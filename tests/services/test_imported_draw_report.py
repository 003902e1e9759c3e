"""A draw imported from a JudoShiai file: its report says so (no re-run of seed 0), and a
redraw replaces it with an ippon draw."""

from __future__ import annotations

import sqlalchemy as sa

from ippon.services import categorising
from ippon.services.context import Services
from ippon.services.draw_lines import set_draw
from ippon.store import schema as t

from .conftest import ADMIN
from .test_admin_planning import event


def test_the_report_of_an_imported_draw_says_so_and_a_redraw_replaces_it(
        svc: Services) -> None:
    tid = event(svc, (4,))
    with svc.transaction(ADMIN) as tx:
        category = tx.conn.execute(sa.select(t.categories.c.id)
                                   .where(t.categories.c.tournament_id == tid)).scalar_one()
        draw = tx.conn.execute(sa.select(t.draws).where(
            t.draws.c.category_id == category)).mappings().one()
        lines = list(draw["graph"]["lines"])
        ids = [c.id for c in tx.conn.execute(sa.select(t.contests.c.id).where(
            t.contests.c.category_id == category))]
        tx.conn.execute(t.mat_queue.delete().where(t.mat_queue.c.contest_id.in_(ids)))
        tx.conn.execute(t.contests.delete().where(t.contests.c.category_id == category))
        tx.conn.execute(t.draws.delete().where(t.draws.c.id == draw["id"]))
        set_draw(tx, category, draw["system"], lines, source="judoshiai")
    with svc.db.read() as conn:
        report = categorising.report(conn, category)
    assert report is not None
    assert report.imported
    assert "imported from the file" in report.text
    assert report.text == categorising.IMPORTED  # no "Draw with random seed 0", no lines
    categorising.redraw(svc, ADMIN, category_id=category, seed=11)
    with svc.db.read() as conn:
        report = categorising.report(conn, category)
    assert report is not None
    assert not report.imported
    assert report.text.startswith("Draw with random seed 11.")

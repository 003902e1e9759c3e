"""Categories and draws: generate from the table, merge, split, draw with the setup's system,
the report with names, redraw, lock."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from ippon.services import categorising, people, setup
from ippon.services.context import Actor, Services
from ippon.services.errors import Conflict, Forbidden
from ippon.store import schema as t
from ippon.tournament.systems import build

from .conftest import ADMIN


def event(svc: Services, athletes: int, *, systems: tuple[tuple[int, str], ...] = (
        (5, "pool"), (999, "ijf-repechage"))) -> tuple[int, int, list[int]]:
    tid = setup.create(svc, ADMIN, setup.Settings(
        "Draw Cup", date(2026, 6, 6), date(2026, 6, 6), mats=1, systems=systems))
    with svc.transaction(ADMIN) as tx:
        cat = tx.insert(t.categories, {
            "tournament_id": tid, "name": "M -73", "gender": "m", "age_group": "seniors",
            "max_weight": 73.0, "min_weight": 66.0, "ruleset": "ijf2025", "system": "auto",
            "created_at": tx.now})
    for i in range(athletes):
        people.register(svc, ADMIN, tid, people.Registration(
            f"Fam{i}", "G", "m", 2000, f"Club{i % 3}", ("JPN", "FRA", "GER")[i % 3], cat))
    with svc.db.read() as conn:
        entries = list(conn.execute(sa.select(t.entries.c.id)
                                    .where(t.entries.c.category_id == cat)).scalars())
    return tid, cat, entries


def test_generate_creates_the_tables_classes_for_the_athletes_present(svc: Services) -> None:
    tid, _, _ = event(svc, 2)
    created = categorising.generate(svc, ADMIN, tid)
    assert "Seniors Men -73 kg" in created
    assert "Seniors Men +100 kg" in created
    assert not any("Women" in name for name in created)
    assert categorising.generate(svc, ADMIN, tid) == []


def test_the_setup_chooses_the_system_by_size_and_the_report_names_athletes(
        svc: Services) -> None:
    _, small, _ = event(svc, 4)
    categorising.draw_now(svc, ADMIN, category_id=small, seed=5)
    with svc.db.read() as conn:
        system = conn.execute(sa.select(t.draws.c.system)).scalar_one()
        report = categorising.report(conn, small)
    assert system == "pool"
    assert report is not None
    assert report.text.startswith("Draw with random seed 5.")
    assert "FAM" in report.text or "Every separation" in report.text


def test_redraw_replaces_the_draw_and_lock_forbids_it(svc: Services) -> None:
    _, cat, _ = event(svc, 8)
    categorising.draw_now(svc, ADMIN, category_id=cat, seed=1)
    categorising.redraw(svc, ADMIN, category_id=cat, seed=2)
    with svc.db.read() as conn:
        seeds = list(conn.execute(sa.select(t.draws.c.seed)).scalars())
        contests = conn.execute(sa.select(sa.func.count()).select_from(t.contests)).scalar()
        acts = list(conn.execute(sa.select(t.audit_log.c.action)).scalars())
    assert seeds == [2]
    assert contests == len(build("ijf-repechage", 8).contests)  # one draw's, not two
    assert "draw.delete" in acts
    categorising.set_lock(svc, ADMIN, category_id=cat, lock=True)
    with pytest.raises(Conflict, match="locked"):
        categorising.redraw(svc, ADMIN, category_id=cat)
    categorising.set_lock(svc, ADMIN, category_id=cat, lock=False)
    categorising.redraw(svc, ADMIN, category_id=cat, seed=3)


def test_merge_and_split(svc: Services) -> None:
    tid, cat, entries = event(svc, 4)
    other = categorising.split(svc, ADMIN, category_id=cat, entry_ids=entries[:2],
                               name="M -73 B")
    with svc.db.read() as conn:
        counts = {c["name"]: c["entries"] for c in people.categories(conn, tid)}
    assert counts == {"M -73": 2, "M -73 B": 2}
    assert categorising.merge(svc, ADMIN, source_id=other, target_id=cat) == 2
    with svc.db.read() as conn:
        counts = {c["name"]: c["entries"] for c in people.categories(conn, tid)}
        acts = list(conn.execute(sa.select(t.audit_log.c.action)).scalars())
    assert counts == {"M -73": 4}
    assert "category.delete" in acts
    assert acts.count("entry.move") == 4


def test_only_an_admin_draws_merges_or_locks(svc: Services) -> None:
    _, cat, entries = event(svc, 4)
    announcer = Actor("a", "announcer")
    with pytest.raises(Forbidden):
        categorising.draw_now(svc, announcer, category_id=cat)
    with pytest.raises(Forbidden):
        categorising.split(svc, announcer, category_id=cat, entry_ids=entries[:1], name="x")
    with pytest.raises(Forbidden):
        categorising.set_lock(svc, announcer, category_id=cat, lock=True)

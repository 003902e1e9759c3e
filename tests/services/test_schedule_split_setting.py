"""The organiser's split setting per category: stored with the other schedule settings and
passed to the scheduler (`Fix.mats`)."""

from __future__ import annotations

import pytest

from ippon.services import planning
from ippon.services.context import Services
from ippon.services.errors import Invalid

from .conftest import ADMIN
from .test_admin_planning import event


def test_a_category_split_over_two_mats_and_one_never_split(svc: Services) -> None:
    tid = event(svc, (16, 4))
    planning.set_fixed(svc, ADMIN, tid, {"M -60": {"mats": 2}}, final_block=False)
    with svc.db.read() as conn:
        day = planning.day(conn, tid)
    assert day.fixed["M -60"]["mats"] == 2
    assert [f.mats for f in day.problem.fixed] == [2]
    plan = planning.plan_day(svc, ADMIN, tid)
    assert len(plan.mats_of("M -60")) == 2
    planning.set_fixed(svc, ADMIN, tid, {"M -60": {"mats": 1}}, final_block=False)
    plan = planning.plan_day(svc, ADMIN, tid)
    assert len(plan.mats_of("M -60")) == 1
    with pytest.raises(Invalid, match="1 to 2 mats"):
        planning.set_fixed(svc, ADMIN, tid, {"M -60": {"mats": 3}}, final_block=False)

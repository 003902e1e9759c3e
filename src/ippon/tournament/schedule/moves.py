"""The organiser's manual moves: a category to another mat or time, a contest to another place
in a mat's order.

A move pushes the contests after it on the target mat back as far as needed and leaves every
other time as it was (a gap stays where the moved contests were): nothing is pulled earlier
behind the organiser's back. Times do not wait for rest or feeds, so that `check` can say what
the move breaks; `replan` repairs it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from ippon.tournament.schedule.model import ContestKey, Plan, ScheduleError, Slot, SlotStatus


def move_contest(plan: Plan, key: ContestKey, mat: int, position: int) -> Plan:
    """The plan with the contest `key` on `mat` (1-based) at `position` of that mat's order
    (0-based, counted without the moved contest; clamped to the mat's planned contests)."""
    slot = _movable(plan, key)
    _check_mat(plan, mat)
    rest = [s for s in plan.mats[mat - 1] if s.key != key]
    first = sum(1 for s in rest if s.status is not SlotStatus.PLANNED)
    position = min(max(position, first), len(rest))
    # The moved contest takes the place (and the time) of the contest it goes in front of.
    anchor = rest[position].start if position < len(rest) else None
    moved = replace(slot, mat=mat)
    order = [*rest[:position], moved, *rest[position:]]
    anchors = {s.key: s.start for s in rest}
    return _with(plan, {mat: order}, anchors, {key: anchor}, key)


def move_category(plan: Plan, category: str, mat: int, at: datetime | None = None) -> Plan:
    """The plan with every contest of `category` still to fight on `mat` (1-based), in their
    order, merged with the mat's contests by time; with `at`, shifted so the first starts then
    (into another time block)."""
    _check_mat(plan, mat)
    slots = [s for s in plan.of_category(category) if s.status is SlotStatus.PLANNED]
    if not slots:
        raise ScheduleError(f"{category} has no contest left to move")
    shift = timedelta(0) if at is None else at - slots[0].start
    wanted = {s.key: s.start + shift for s in slots}
    keys = set(wanted)
    changed: dict[int, list[Slot]] = {}
    for m in {s.mat for s in slots}:
        changed[m] = [s for s in plan.mats[m - 1] if s.key not in keys]
    staying = [s for s in plan.mats[mat - 1] if s.key not in keys]
    moved = [replace(s, mat=mat) for s in slots]
    fixed = [s for s in staying if s.status is not SlotStatus.PLANNED]
    planned = [s for s in staying if s.status is SlotStatus.PLANNED]
    merged = sorted([*planned, *moved], key=lambda s: wanted.get(s.key, s.start))
    changed[mat] = [*fixed, *merged]
    anchors = {s.key: s.start for s in staying}
    anchors.update(wanted)
    return _with(plan, changed, anchors, {}, None)


def _movable(plan: Plan, key: ContestKey) -> Slot:
    slot = plan.slot(key)
    if slot.status is not SlotStatus.PLANNED:
        raise ScheduleError(f"{slot.category} contest {slot.contest} is {slot.status.value} "
                            "and cannot be moved")
    return slot


def _check_mat(plan: Plan, mat: int) -> None:
    if not 1 <= mat <= len(plan.mats):
        raise ScheduleError(f"there is no mat {mat}: the plan has mats 1 to {len(plan.mats)}")


def _with(plan: Plan, orders: dict[int, list[Slot]], anchors: dict[ContestKey, datetime],
          placed: dict[ContestKey, datetime | None], moved: ContestKey | None) -> Plan:
    """Re-time the mats in `orders`: each contest at its anchor time, or later if the mat is
    still busy; a moved contest without an anchor follows the one before it."""
    mats = list(plan.mats)
    if moved is not None:
        origin = plan.slot(moved).mat
        if origin not in orders:
            orders[origin] = [s for s in plan.mats[origin - 1] if s.key != moved]
    for mat, order in orders.items():
        timed: list[Slot] = []
        free = plan.start
        for slot in order:
            length = slot.end - slot.start
            if slot.key in placed:
                anchor = placed[slot.key]
                begin = free if anchor is None else max(free, anchor)
            else:
                begin = max(free, anchors.get(slot.key, slot.start))
            if slot.status is not SlotStatus.PLANNED:
                begin = slot.start  # what happened stays as it happened
            timed.append(replace(slot, start=begin, end=begin + length))
            free = max(free, begin + length)
        mats[mat - 1] = tuple(timed)
    return Plan(plan.start, tuple(mats))

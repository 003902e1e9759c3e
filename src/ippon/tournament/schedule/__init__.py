"""Scheduling the day: categories to mats, contests in order, estimated times (issue 6.5).

A pure function of the problem (`Problem`): nothing here reads a clock; the start and "now"
are arguments.

    plan = schedule(problem)                        # the day's plan
    plan = replan(problem, plan, now, ended=...)    # during the day, results in the brackets
    problems = check(problem, plan)                 # after a manual move: what it breaks
    bound = lower_bound(problem)                    # how good a plan can be at best
"""

from ippon.tournament.schedule.bounds import Bound, lower_bound
from ippon.tournament.schedule.check import Kind, Violation, check
from ippon.tournament.schedule.model import (
    FINAL_ROUNDS,
    REST_TIME,
    Before,
    Break,
    CategoryToPlan,
    ContestKey,
    Day,
    FinalBlock,
    Fix,
    Plan,
    Problem,
    ScheduleError,
    Slot,
    SlotStatus,
)
from ippon.tournament.schedule.moves import move_category, move_contest
from ippon.tournament.schedule.planner import naive_plan, replan, schedule

__all__ = [
    "FINAL_ROUNDS",
    "REST_TIME",
    "Before",
    "Bound",
    "Break",
    "CategoryToPlan",
    "ContestKey",
    "Day",
    "FinalBlock",
    "Fix",
    "Kind",
    "Plan",
    "Problem",
    "ScheduleError",
    "Slot",
    "SlotStatus",
    "Violation",
    "check",
    "lower_bound",
    "move_category",
    "move_contest",
    "naive_plan",
    "replan",
    "schedule",
]

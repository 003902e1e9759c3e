"""The schedule page in Chromium: a lunch break set on the page, shown as a band on the plan,
and a move into it named as broken."""

from __future__ import annotations

from typing import Any

import httpx

from web.server import Server

from .test_admin_flow import event, page, post

__all__ = ["page"]  # the signed-in tab fixture of the admin flow


def test_a_lunch_break_is_a_band_on_the_plan_and_a_move_into_it_is_named(
        page: Any, server: Server, admin: httpx.Client) -> None:
    e = event(admin, "Lunch Cup", 8)
    post(admin, f"/api/categories/{e['light']}/draw", {"seed": 3})
    page.goto(f"{server.base}/admin/t/{e['tournament']}/schedule")
    days = page.locator("#days")
    days.get_by_label("Day 1 first contest").fill("09:00")
    days.get_by_label("Break 1 name").fill("Lunch")
    days.get_by_label("Break 1 from").fill("09:30")
    days.get_by_label("Break 1 until").fill("10:00")
    days.get_by_role("button", name="Save days and breaks").click()
    assert "Days and breaks saved" in page.get_by_role("status").inner_text()
    assert page.locator("#breaks").get_by_label("Break 1 name").input_value() == "Lunch"
    page.get_by_role("button", name="Plan the day").click()
    assert "Every constraint is met" in page.locator("#violations").inner_text()
    mat = page.get_by_role("region", name="Mat 1")
    band = mat.locator("tr.band")
    assert band.inner_text().strip() == "09:30–10:00 Lunch"
    times = [t.strip() for t in mat.locator("tbody tr:not(.band) td:first-child").all_inner_texts()]
    assert "09:30" not in times
    assert all(not "09:30" <= t < "10:00" for t in times)
    # The whole category to 09:25: its contests now run into the lunch break.
    move = page.locator("#move")
    move.locator("select[name=category]").select_option("W -57")
    move.get_by_label("Start time for the whole category").fill("09:25")
    move.get_by_role("button", name="Move").click()
    assert "The plan now breaks" in page.get_by_role("status").inner_text()
    assert "runs into the Lunch (09:30–10:00)" in page.locator("#violations").inner_text()
    page.get_by_role("button", name="Plan the day again").click()
    assert "Every constraint is met" in page.locator("#violations").inner_text()

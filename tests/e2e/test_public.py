"""The public pages in Chromium: live updates from the mats, the athlete's next contest, and the
language a visitor picks."""

from __future__ import annotations

import re
from typing import Any

import httpx

from web.server import Server

from .pages import TIMEOUT, build_mat

PHONE = {"width": 390, "height": 844}


def _command(server: Server, event: dict[str, Any], contest: int, key: str,
             command: dict[str, Any]) -> None:
    answer = httpx.post(f"{server.base}/api/contests/{contest}/commands",
                        json={"client_id": key, "command": command},
                        headers={"Authorization": f"Bearer {event['secret']}"}, timeout=10)
    assert answer.status_code == 200, answer.text


def _open(browser: Any, url: str, **options: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport=PHONE, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector('#link-state[data-state="online"]', timeout=TIMEOUT)
    return context, page, errors


def test_a_category_page_updates_when_a_contest_ends(
        browser: Any, server: Server, admin: httpx.Client) -> None:
    event = build_mat(admin)
    contest, first = event["contest"], event["first"]
    context, page, errors = _open(browser, f"{server.base}/categories/{event['category']}")
    assert page.locator("#live .drawing .mark.won").count() == 0
    version = page.locator("#live").get_attribute("data-version")
    _command(server, event, contest, "p1", {"type": "hajime"})
    _command(server, event, contest, "p2", {"type": "score", "side": "white", "value": "ippon"})
    # The winner's line turns bold and the name moves on, without a reload.
    page.wait_for_function("v => document.getElementById('live').dataset.version !== v && "
                           "document.querySelectorAll('#live .drawing .mark.won').length > 0",
                           arg=version, timeout=TIMEOUT)
    winner = first["white"]["name"]
    assert winner in page.locator("#live .drawing .mark.won").first.inner_text()
    assert page.locator("#live .drawing .joint.won").count() == 1
    assert page.locator("#live .drawing .note", has_text="ippon").count() == 1
    # The next contest on the mat is listed first now.
    assert page.locator("#live .bout").first.get_attribute("data-contest") != str(contest)
    assert not errors, errors
    context.close()


def test_the_athlete_page_shows_the_next_contest_and_its_eta(
        browser: Any, server: Server, admin: httpx.Client) -> None:
    event = build_mat(admin)
    # The athlete of the mat's second contest: their page names the mat, the time, the opponent.
    home = httpx.get(f"{server.base}/tournaments/{event['tournament']}").text
    second = re.findall(r'<li class="bout status-ready" data-contest="(\d+)">', home)[1]
    contest = httpx.get(f"{server.base}/api/mats/{event['mat']}").json()["next"]
    pair = next(c for c in contest if str(c["id"]) == second)
    category = httpx.get(f"{server.base}/categories/{event['category']}").text
    link = re.search(r'<a class="athlete" href="(/athletes/\d+)">'
                     + re.escape(pair["white"]["name"]), category)
    assert link is not None
    context, page, errors = _open(browser, f"{server.base}{link.group(1)}")
    text = page.locator("#next").inner_text()
    assert "Mat 1" in text
    assert re.search(r"about \d\d:\d\d", text), text
    assert pair["blue"]["name"] in page.locator("#next .opponent").inner_text()
    # The contest before theirs ends: still next, now the one to be called, still with an ETA.
    _command(server, event, event["contest"], "a1", {"type": "hajime"})
    _command(server, event, event["contest"], "a2",
             {"type": "score", "side": "blue", "value": "ippon"})
    _command(server, event, int(second), "a3", {"type": "hajime"})
    page.wait_for_function("document.getElementById('next').innerText.includes('now')",
                           timeout=TIMEOUT)
    assert "Fighting now on mat 1" in page.locator("#next").inner_text()
    assert not errors, errors
    context.close()


def test_a_language_switch_changes_the_page(
        browser: Any, server: Server, admin: httpx.Client) -> None:
    event = build_mat(admin)
    url = f"{server.base}/tournaments/{event['tournament']}"
    # The browser's language is the default …
    context, page, errors = _open(browser, url, locale="de-DE")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("#categories-heading").inner_text() == "Gewichtsklassen"
    # … until the visitor picks another; the choice stays for the next pages.
    page.select_option("#language", "fr")
    page.wait_for_selector('html[lang="fr"]', timeout=TIMEOUT)
    assert page.locator("#categories-heading").inner_text() == "Catégories"
    assert page.locator("#mat-1-name").inner_text() == "Tapis 1"
    page.goto(f"{server.base}/categories/{event['category']}")
    page.wait_for_selector('#link-state[data-state="online"]', timeout=TIMEOUT)
    assert page.locator("#next-heading").inner_text() == "Prochains combats"
    # The live part comes in the same language.
    version = page.locator("#live").get_attribute("data-version")
    _command(server, event, event["contest"], "l1", {"type": "hajime"})
    page.wait_for_function("v => document.getElementById('live').dataset.version !== v",
                           arg=version, timeout=TIMEOUT)
    assert page.locator("#next-heading").inner_text() == "Prochains combats"
    assert not errors, errors
    context.close()

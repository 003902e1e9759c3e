"""The public pages over plain HTTP: read-only, every page in every language, the live stream,
and the language cookie."""

from __future__ import annotations

import httpx
from fastapi.routing import APIRoute

from ippon.i18n import COOKIE, LANGUAGES
from ippon.web import public

from .server import Server, build_event


def test_a_public_page_can_never_write() -> None:
    routes = [r for r in public.router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 9
    for route in routes:
        assert route.methods <= {"GET", "HEAD"}, route.path


def test_every_page_in_every_language(server: Server) -> None:
    with server.client(server.login()) as api:
        event = build_event(api)
    tid, cid = event["tournament"], event["category"]
    athlete = httpx.get(f"{server.base}/api/mats/{event['mat']}").json()["current"]["white"]
    pages = [f"/tournaments/{tid}", f"/categories/{cid}", f"/tournaments/{tid}/countries/JPN",
             f"/tournaments/{tid}/medals", f"/tournaments/{tid}/medals?by=club",
             f"/tournaments/{tid}/announcer"]
    for lang in LANGUAGES:
        for path in pages:
            sep = "&" if "?" in path else "?"
            answer = httpx.get(f"{server.base}{path}{sep}lang={lang}")
            assert answer.status_code == 200, (path, lang, answer.text[-500:])
            assert f'<html lang="{lang}">' in answer.text
            assert 'id="language"' in answer.text  # the selector is on every page
    home = httpx.get(f"{server.base}/tournaments/{tid}").text
    assert athlete["name"] in home
    assert httpx.get(f"{server.base}/categories/{cid}?lang=ja").text.count("第1試合場") >= 1
    assert httpx.get(f"{server.base}/categories/999999").status_code == 404
    assert httpx.get(f"{server.base}/athletes/999999").status_code == 404
    assert httpx.get(f"{server.base}/live/nowhere/1").status_code == 404


def test_the_browser_language_is_the_default_and_the_cookie_wins(server: Server) -> None:
    with server.client(server.login()) as api:
        event = build_event(api)
    url = f"{server.base}/tournaments/{event['tournament']}"
    german = httpx.get(url, headers={"Accept-Language": "de-AT,de;q=0.9"})
    assert '<html lang="de">' in german.text
    chosen = httpx.get(f"{server.base}/language", params={"lang": "es", "next": url})
    assert chosen.status_code == 303
    assert chosen.headers["location"] == "/"  # only paths of this site, never elsewhere
    chosen = httpx.get(f"{server.base}/language",
                       params={"lang": "es", "next": f"/tournaments/{event['tournament']}"})
    assert chosen.headers["location"] == f"/tournaments/{event['tournament']}"
    spanish = httpx.get(url, headers={"Accept-Language": "de"},
                        cookies={COOKIE: chosen.cookies[COOKIE]})
    assert '<html lang="es">' in spanish.text


def test_the_live_stream_sends_the_page_part(server: Server) -> None:
    with server.client(server.login()) as api:
        event = build_event(api)
    url = f"{server.base}/live/categories/{event['category']}?lang=fr"
    with httpx.Client(timeout=httpx.Timeout(10, read=10)) as client, \
            client.stream("GET", url) as response:
        assert response.status_code == 200
        lines = []
        for line in response.iter_lines():
            lines.append(line)
            if line == "" and any(x.startswith("data:") for x in lines):
                break
    assert "event: page" in lines
    assert any(x.startswith("id: ") for x in lines)
    body = "\n".join(x[5:].strip() for x in lines if x.startswith("data:"))
    assert "Prochains combats" in body
    assert "<html" not in body  # the live part only

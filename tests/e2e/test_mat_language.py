"""The mat's pages in the official's and the audience's language: the display by `?lang=`, the
control page by the browser's language and its picker (the `/language` cookie), with scoring
working the same in every language."""

from __future__ import annotations

from typing import Any

import httpx

from web.server import Server

from .pages import LAPTOP, TIMEOUT, TV, build_mat, screenshot


class Tab:
    """A page in its own browser context, with the browser's language `locale`."""

    def __init__(self, browser: Any, url: str, *, locale: str, viewport: dict[str, int]) -> None:
        self.context = browser.new_context(viewport=viewport, locale=locale)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(url)

    def text(self, selector: str) -> str:
        return str(self.page.locator(selector).first.inner_text()).strip()

    def wait(self, script: str, arg: Any = None) -> None:
        self.page.wait_for_function(script, arg=arg, timeout=TIMEOUT)

    def lang(self) -> str:
        return str(self.page.locator("html").get_attribute("lang"))

    def close(self) -> None:
        assert not self.errors, self.errors
        self.context.close()


def control_ready(tab: Tab) -> None:
    tab.page.wait_for_selector('#link[data-state="online"]', timeout=TIMEOUT)
    tab.wait("document.getElementById('board').dataset.contest")


def display_events(tab: Tab, count: int) -> None:
    tab.wait("n => document.getElementById('display').dataset.view === 'board' && "
             "Number(document.getElementById('board').dataset.events) === n", count)


def test_french_display_and_japanese_control_page(
        browser: Any, server: Server, admin: httpx.Client) -> None:
    event = build_mat(admin)
    mat = event["mat"]
    # The big screen is told its language; its browser is English.
    display = Tab(browser, f"{server.base}/mats/{mat}/display?lang=fr&result_seconds=30",
                  locale="en-GB", viewport=TV)
    # The official's laptop speaks Japanese.
    control = Tab(browser, f"{server.base}/mats/{mat}/control?token={event['secret']}",
                  locale="ja-JP", viewport=LAPTOP)
    control_ready(control)
    assert control.lang() == "ja"
    assert control.text("#link") == "接続済み"
    assert control.text("#engine").startswith("準備完了")
    assert control.text("#engine-title") == "ルールによる判定"
    assert control.text('button[data-action="medical"]').startswith("医療")
    assert control.text('button[data-action="hajime-mate"]') == "Hajime スペース"  # a judo term
    control.page.keyboard.press("?")
    assert "白にwaza-ari" in control.text("#help")
    assert "記録係のキー" in control.text("#help")
    screenshot(control.page, "control-ja-help")
    control.page.keyboard.press("Escape")

    display.page.wait_for_selector(".pairing.first", timeout=TIMEOUT)
    assert display.lang() == "fr"
    assert display.text(".pairing.first .pairing-head").startswith("Prochain")
    assert display.text(".pairing.first .side-white .side-tag") == "BLANC"
    assert display.text(".pairings h1") == "Tapis 1"

    # A refusal of the rules reaches the official in Japanese, judo terms untouched.
    control.page.keyboard.press("t")
    control.page.wait_for_selector("#message:not([hidden])", timeout=TIMEOUT)
    assert control.text("#message") == (
        "記録されませんでした：toketa — toketaで終わらせるosaekomiがありません")

    # Scoring works the same: hajime, waza-ari and an osaekomi for white.
    control.page.keyboard.press("Space")
    control.page.keyboard.press("w")
    display_events(display, 2)
    assert display.text('[data-side="white"] [data-score="waza-ari"] .value') == "1"
    assert "combat" in display.text('[data-field="round"]')
    control.page.keyboard.press("z")
    display_events(display, 3)
    assert display.text('[data-field="osaekomi-side"]') == "BLANC"
    assert display.text('[data-side="white"] .side-tag') == "BLANC"
    assert display.text('[data-side="blue"] .side-tag') == "BLEU"
    assert control.text('[data-field="osaekomi-side"]') == "白"
    assert control.text("#engine") == "試合中。"
    screenshot(display.page, "display-fr")
    screenshot(control.page, "control-ja")
    control.page.keyboard.press("t")
    control.page.keyboard.press("q")
    display.wait("document.querySelector('[data-field=result]').textContent.includes('gagne')")
    assert display.text('[data-field="result"]').endswith("gagne · Ippon")
    control.wait("document.getElementById('engine').textContent.includes('勝ち')")
    assert control.text("#engine").startswith("白（")
    assert "Ippon" in control.text("#engine")
    # The log in Japanese: the sides translated, the judo terms as they are.
    events = control.text("#events")
    assert "Waza-ari 白" in events
    assert "osaekomi 白" in events
    assert "取り消す" in events
    screenshot(display.page, "display-fr-result")

    # The official switches to French: the page comes back in French and remembers it.
    control.page.get_by_role("link", name="Français").click()
    control.page.wait_for_selector('html[lang="fr"]', timeout=TIMEOUT)
    control_ready(control)
    assert control.text("#link") == "Connecté"
    assert control.text("#help-title") == "Touches de l’officiel de table"
    assert control.text('button[data-action="medical"]').startswith("Médical")
    assert "token=" in control.page.url  # back on the same page, still signed in
    assert control.page.locator('.languages a[aria-current="true"]').inner_text() == "Français"
    # The cookie wins over the browser's Japanese on the mat's other pages too.
    other = control.context.new_page()
    other.goto(f"{server.base}/mats/{mat}/display")
    assert other.locator("html").get_attribute("lang") == "fr"
    display.close()
    control.close()


def test_language_over_http(server: Server, admin: httpx.Client) -> None:
    event = build_mat(admin)
    mat = event["mat"]
    base = server.base
    # The browser's language is the default; English when it has none we know.
    german = httpx.get(f"{base}/mats/{mat}/control", headers={"Accept-Language": "de-AT,de"})
    assert '<html lang="de">' in german.text
    assert "PIN der Matte 1" in german.text
    assert "Anmelden" in german.text
    plain = httpx.get(f"{base}/mats/{mat}/control", headers={"Accept-Language": "nl"})
    assert '<html lang="en">' in plain.text
    assert "PIN of mat 1" in plain.text
    # The mirrored display by ?lang=, whatever the browser says.
    mirrored = httpx.get(f"{base}/mats/{mat}/display/mirrored",
                         params={"lang": "ja", "result_seconds": 5},
                         headers={"Accept-Language": "es"})
    assert '<html lang="ja">' in mirrored.text
    assert mirrored.text.index(">青<") < mirrored.text.index(">白<")
    assert "第1試合場" in mirrored.text
    # The picker's links come back to the page with its query (the token), less any lang.
    control = httpx.get(f"{base}/mats/{mat}/control",
                        params={"token": event["secret"], "lang": "es"})
    assert '<html lang="es">' in control.text
    assert ("/language?lang=fr&amp;next=%2Fmats%2F" + str(mat) + "%2Fcontrol%3Ftoken%3D"
            in control.text)
    chosen = httpx.get(f"{base}/language", params={
        "lang": "es", "next": f"/mats/{mat}/control?token={event['secret']}"})
    assert chosen.status_code == 303
    assert chosen.headers["location"] == f"/mats/{mat}/control?token={event['secret']}"
    cookie = chosen.cookies["ippon_lang"]
    spanish = httpx.get(f"{base}/mats/{mat}/display", cookies={"ippon_lang": cookie},
                        headers={"Accept-Language": "ja"})
    assert '<html lang="es">' in spanish.text
    assert "Marcador, tatami 1" in spanish.text

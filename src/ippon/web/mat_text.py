"""The mat pages' words that the server sends to their scripts: the reasons the rules give for
refusing a command, in the official's language.

The rules engine writes its refusals in English for the log and the API ("Blue already has
hansoku-make; the contest is over"). The control page shows them translated: each known
message is a pattern here with its translated message; the page's script tries them in order
(`static/mat/text.js`, `refusal`) and shows an unknown one as it came. `refusal()` below does
the same in Python, for the tests.
"""

from __future__ import annotations

import re

from ippon.i18n import gettext

SIDES = "(?P<side>White|Blue)"
METHOD = r"(?P<method>[\w-]+)"


def N_(message: str) -> str:
    """Marks a message for the catalogues (`scripts/i18n-extract`)."""
    return message


def _literal(message: str) -> tuple[str, str]:
    return re.escape(message), message


# (pattern of the English refusal, the message shown); `side` ("White", "Blue") is translated.
REFUSALS: list[tuple[str, str]] = [
    (r"There is no event on line (?P<line>\d+) to cancel",
     N_("There is no event on line %(line)s to cancel")),
    (r"Line (?P<line>\d+) was refused; there is nothing to cancel",
     N_("Line %(line)s was refused; there is nothing to cancel")),
    (r"Line (?P<line>\d+) has already been cancelled",
     N_("Line %(line)s has already been cancelled")),
    (rf"Both athletes lost by {METHOD}; the contest is over",
     N_("Both athletes lost by %(method)s; the contest is over")),
    (rf"{SIDES} already has hansoku-make; the contest is over",
     N_("%(side)s already has hansoku-make; the contest is over")),
    (rf"{SIDES} has withdrawn \(kiken-gachi\); the contest is over",
     N_("%(side)s has withdrawn (kiken-gachi); the contest is over")),
    (rf"{SIDES} did not present themselves \(fusen-gachi\); the contest is over",
     N_("%(side)s did not present themselves (fusen-gachi); the contest is over")),
    (rf"{SIDES} has already won by {METHOD}; the contest is over",
     N_("%(side)s has already won by %(method)s; the contest is over")),
    (rf"{SIDES} is already holding \(osaekomi\)", N_("%(side)s is already holding (osaekomi)")),
    (rf"{SIDES} was present: the contest has started \(use kiken for a withdrawal\)",
     N_("%(side)s was present: the contest has started (use kiken for a withdrawal)")),
    (r"There is no (?P<score>[\w-]+) under (?P<era>.+)", N_("There is no %(score)s under %(era)s")),
    (r"contest (?P<n>\d+) is (waiting|skipped): it has no two athletes to fight",
     N_("Contest %(n)s has no two athletes to fight yet")),
    _literal(N_("Golden score time is over; an osaekomi after it does not count")),
    _literal(N_("Golden score time is over; a score after it does not count")),
    _literal(N_("Regular time is over; an osaekomi after the bell does not count")),
    _literal(N_("Regular time is over; a score after the bell does not count")),
    _literal(N_("The contest has not started (no hajime yet)")),
    _literal(N_("Golden score time is over; the contest waits for hantei")),
    _literal(N_("The clock is already running")),
    _literal(N_("The contest is frozen by sono-mama; resume it with yoshi")),
    _literal(N_("Time is over; only the osaekomi still running can score")),
    _literal(N_("Sono-mama has already been called")),
    _literal(N_("Nothing is running that sono-mama could freeze")),
    _literal(N_("There is no sono-mama for yoshi to resume")),
    _literal(N_("The clock is stopped; osaekomi needs hajime first")),
    _literal(N_("There is no osaekomi for toketa to end")),
    _literal(N_("Hantei is given only when a golden score with a time limit has ended without "
                "a score")),
    _literal(N_("the contest is not decided yet; it cannot be closed")),
]
# A side at the start of a sentence (the same messages as the script's).
SIDE_TITLES = {"White": N_("White"), "Blue": N_("Blue")}


def for_script(lang: str) -> list[tuple[str, str]]:
    """The refusals for a page's start-up JSON: (pattern as JavaScript reads it, message in
    `lang`). Both regex dialects read `(?<name>…)` alike once Python's `P` is dropped."""
    return [("^" + pattern.replace("(?P<", "(?<") + "$", gettext(lang, message))
            for pattern, message in REFUSALS]


def refusal(detail: str, lang: str) -> str:
    """A refusal of the rules in `lang`; one not known here stays as it came."""
    for pattern, message in REFUSALS:
        found = re.fullmatch(pattern, detail)
        if found:
            values = {name: gettext(lang, SIDE_TITLES[value]) if name == "side" else value
                      for name, value in found.groupdict().items()}
            return gettext(lang, message, **values)
    return detail

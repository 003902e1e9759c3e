// The words the scripts write, in the page's language. The server puts them in the page's
// start-up JSON (`text`: English message -> translation, from the gettext catalogues); the
// messages are found in these files by `scripts/i18n-extract`, so write each one as
// `_("…")` with a plain string, and fill placeholders with `_("Mat %(n)s", { n: 3 })`.
// Judo terms (ippon, waza-ari, shido, hajime …) are not messages: they stay as they are.

const boot = JSON.parse(document.getElementById("boot").textContent);
const TEXT = boot.text || {};

export const lang = boot.lang || "en";

export function _(message, values) {
  const text = TEXT[message] || message;
  if (!values) return text;
  return text.replace(/%\((\w+)\)s/g, (all, name) => (name in values ? String(values[name]) : all));
}

// Sides: as a tag on the board ("WHITE"), at the start of a sentence ("White") and inside one
// ("shido for white").
export const SIDE_TAG = { white: _("WHITE"), blue: _("BLUE") };
export const SIDE_TITLE = { white: _("White"), blue: _("Blue") };
export const SIDE_NAME = { white: _("white"), blue: _("blue") };

// Round codes of the competition systems (the snapshots carry codes: QF, R16, POOL A …).
const ROUNDS = {
  "F": _("Final"), "SF": _("Semi-final"), "QF": _("Quarter-final"), "REP": _("Repechage"),
  "REP F": _("Repechage final"), "BRONZE": _("Bronze medal contest"), "GF": _("Grand final"),
  "POOL": _("Pool"), "BO3": _("Best of three"),
};

export function roundName(code) {
  if (!code) return "";
  if (code in ROUNDS) return ROUNDS[code];
  if (/^R\d+$/.test(code)) return _("Round of %(n)s", { n: code.slice(1) });
  if (code.startsWith("POOL ")) return _("Pool %(pool)s", { pool: code.slice(5) });
  return code;  // W1, L3 … of double elimination read as they are
}

// A country's name in the page's language (by IOC code), for the flag's text.
export const countryName = (code) => (boot.countries || {})[code] || code;

// A command the rules refused: their reason in the page's language when the server gave us
// its pattern (`ippon.web.mat_text`), else as it came.
export function refusal(detail) {
  for (const [pattern, message] of boot.refusals || []) {
    const found = new RegExp(pattern).exec(detail || "");
    if (!found) continue;
    const groups = found.groups || {};
    return message.replace(/%\((\w+)\)s/g, (all, name) => {
      const value = groups[name];
      if (value === undefined) return all;
      return name === "side" ? SIDE_TITLE[value.toLowerCase()] || value : value;
    });
  }
  return detail;
}

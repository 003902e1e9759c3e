// The table official's keys. White's keys are on the left of the keyboard, blue's on the right,
// the referee's calls in the middle. docs/table-official.md documents this table (a test checks
// that every key here is there). Keys are matched by the character they type, case ignored.
// The help's words come in the page's language; the keys' letters stay.

import { _ } from "./text.js";

export const KEYMAP = [
  // The referee's calls.
  { key: " ", label: "Space", action: "hajime-mate", text: _("Hajime / mate (starts or stops the clock)") },
  { key: "s", label: "S", action: "sono-mama-yoshi", text: _("Sono-mama / yoshi (freezes or resumes clock and hold)") },
  { key: "t", label: "T", action: "toketa", text: _("Toketa (the hold is broken)") },
  // White.
  { key: "q", label: "Q", action: "score", side: "white", value: "ippon", text: _("Ippon for white") },
  { key: "w", label: "W", action: "score", side: "white", value: "waza-ari", text: _("Waza-ari for white") },
  { key: "e", label: "E", action: "score", side: "white", value: "yuko", text: _("Yuko for white") },
  { key: "r", label: "R", action: "score", side: "white", value: "koka", text: _("Koka for white") },
  { key: "a", label: "A", action: "shido", side: "white", text: _("Shido for white") },
  { key: "z", label: "Z", action: "osaekomi", side: "white", text: _("Osaekomi: white holds") },
  // Blue.
  { key: "p", label: "P", action: "score", side: "blue", value: "ippon", text: _("Ippon for blue") },
  { key: "o", label: "O", action: "score", side: "blue", value: "waza-ari", text: _("Waza-ari for blue") },
  { key: "i", label: "I", action: "score", side: "blue", value: "yuko", text: _("Yuko for blue") },
  { key: "u", label: "U", action: "score", side: "blue", value: "koka", text: _("Koka for blue") },
  { key: "l", label: "L", action: "shido", side: "blue", text: _("Shido for blue") },
  { key: "m", label: "M", action: "osaekomi", side: "blue", text: _("Osaekomi: blue holds") },
  // Rare events: each asks for the side (and more) before anything is sent.
  { key: "x", label: "X", action: "hansoku-make", text: _("Direct hansoku-make (choose side and kind, then confirm)") },
  { key: "d", label: "D", action: "medical", text: _("Medical examination (choose side)") },
  { key: "k", label: "K", action: "kiken", text: _("Kiken: withdrawal (choose side, then confirm)") },
  { key: "f", label: "F", action: "fusen", text: _("Fusen: absent athlete (choose side, then confirm)") },
  { key: "g", label: "G", action: "hantei", text: _("Hantei: the three referees' flags") },
  // Corrections and the end of the contest.
  { key: "backspace", label: "Backspace", action: "cancel", text: _("Cancel an event: the last one, or pick an earlier one with ↑ ↓") },
  { key: "enter", label: "Enter", action: "confirm", text: _("Confirm the result and go to the next contest; confirms in dialogs") },
  { key: "escape", label: "Esc", action: "close", text: _("Close a dialog without doing anything") },
  { key: "?", label: "? or F1", action: "help", text: _("Show or hide this help") },
  { key: "f1", label: "", action: "help", text: "" },
];

export function lookup(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;  // leave browser shortcuts be
  const key = event.key.toLowerCase();
  return KEYMAP.find((entry) => entry.key === key) || null;
}

// The names of keys that are words, as the page's language writes them.
export const KEY_NAMES = {
  "Space": _("Space"), "Backspace": _("Backspace"), "Enter": _("Enter"), "Esc": _("Esc"),
  "? or F1": _("? or F1"),
};
export const keyName = (label) => KEY_NAMES[label] || label;

// The help table, grouped as above; scores the era lacks are left out.
export function renderHelp(table, era) {
  const rows = KEYMAP.filter((entry) => entry.label &&
      !(entry.action === "score" && !era.scores.includes(entry.value)))
    .map((entry) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      const kbd = document.createElement("kbd");
      kbd.textContent = keyName(entry.label);
      th.append(kbd);
      const td = document.createElement("td");
      td.textContent = entry.text;
      tr.append(th, td);
      return tr;
    });
  table.replaceChildren(...rows);
}

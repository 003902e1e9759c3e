// The table official's keys. White's keys are on the left of the keyboard, blue's on the right,
// the referee's calls in the middle. docs/table-official.md documents this table (a test checks
// that every key here is there). Keys are matched by the character they type, case ignored.

export const KEYMAP = [
  // The referee's calls.
  { key: " ", label: "Space", action: "hajime-mate", text: "Hajime / mate (starts or stops the clock)" },
  { key: "s", label: "S", action: "sono-mama-yoshi", text: "Sono-mama / yoshi (freezes or resumes clock and hold)" },
  { key: "t", label: "T", action: "toketa", text: "Toketa (the hold is broken)" },
  // White.
  { key: "q", label: "Q", action: "score", side: "white", value: "ippon", text: "Ippon for white" },
  { key: "w", label: "W", action: "score", side: "white", value: "waza-ari", text: "Waza-ari for white" },
  { key: "e", label: "E", action: "score", side: "white", value: "yuko", text: "Yuko for white" },
  { key: "r", label: "R", action: "score", side: "white", value: "koka", text: "Koka for white" },
  { key: "a", label: "A", action: "shido", side: "white", text: "Shido for white" },
  { key: "z", label: "Z", action: "osaekomi", side: "white", text: "Osaekomi: white holds" },
  // Blue.
  { key: "p", label: "P", action: "score", side: "blue", value: "ippon", text: "Ippon for blue" },
  { key: "o", label: "O", action: "score", side: "blue", value: "waza-ari", text: "Waza-ari for blue" },
  { key: "i", label: "I", action: "score", side: "blue", value: "yuko", text: "Yuko for blue" },
  { key: "u", label: "U", action: "score", side: "blue", value: "koka", text: "Koka for blue" },
  { key: "l", label: "L", action: "shido", side: "blue", text: "Shido for blue" },
  { key: "m", label: "M", action: "osaekomi", side: "blue", text: "Osaekomi: blue holds" },
  // Rare events: each asks for the side (and more) before anything is sent.
  { key: "x", label: "X", action: "hansoku-make", text: "Direct hansoku-make (choose side and kind, then confirm)" },
  { key: "d", label: "D", action: "medical", text: "Medical examination (choose side)" },
  { key: "k", label: "K", action: "kiken", text: "Kiken: withdrawal (choose side, then confirm)" },
  { key: "f", label: "F", action: "fusen", text: "Fusen: absent athlete (choose side, then confirm)" },
  { key: "g", label: "G", action: "hantei", text: "Hantei: the three referees' flags" },
  // Corrections and the end of the contest.
  { key: "backspace", label: "Backspace", action: "cancel", text: "Cancel an event: the last one, or pick an earlier one with ↑ ↓" },
  { key: "enter", label: "Enter", action: "confirm", text: "Confirm the result and go to the next contest; confirms in dialogs" },
  { key: "escape", label: "Esc", action: "close", text: "Close a dialog without doing anything" },
  { key: "?", label: "? or F1", action: "help", text: "Show or hide this help" },
  { key: "f1", label: "", action: "help", text: "" },
];

export function lookup(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;  // leave browser shortcuts be
  const key = event.key.toLowerCase();
  return KEYMAP.find((entry) => entry.key === key) || null;
}

// The help table, grouped as above; scores the era lacks are left out.
export function renderHelp(table, era) {
  const rows = KEYMAP.filter((entry) => entry.label &&
      !(entry.action === "score" && !era.scores.includes(entry.value)))
    .map((entry) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.scope = "row";
      const kbd = document.createElement("kbd");
      kbd.textContent = entry.label;
      th.append(kbd);
      const td = document.createElement("td");
      td.textContent = entry.text;
      tr.append(th, td);
      return tr;
    });
  table.replaceChildren(...rows);
}

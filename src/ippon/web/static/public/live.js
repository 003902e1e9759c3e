// Keeps a public page live: its <main id="live"> is replaced by each version the server sends
// over server-sent events (EventSource reconnects by itself, sending Last-Event-ID).
// Without this script the page is the same, only not refreshed.

const main = document.getElementById("live");
const state = document.getElementById("link-state");

// Times are written in the venue's zone by the server; show them in the visitor's.
function localTimes(root) {
  for (const time of root.querySelectorAll("time[datetime]")) {
    const when = new Date(time.dateTime);
    if (!Number.isNaN(when.getTime())) {
      time.textContent = when.toLocaleTimeString(document.documentElement.lang,
        { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    }
  }
}

function show(online) {
  if (!state) return;
  state.textContent = online ? state.dataset.online : state.dataset.offline;
  state.dataset.state = online ? "online" : "offline";
}

function connect() {
  const source = new EventSource(main.dataset.live);
  source.addEventListener("open", () => show(true));
  source.addEventListener("error", () => show(false));
  source.addEventListener("page", (event) => {
    main.innerHTML = event.data;
    main.dataset.version = event.lastEventId;
    localTimes(main);
    show(true);
  });
  window.addEventListener("pagehide", () => source.close());
}

// The language selector applies itself: no need for its button.
const select = document.getElementById("language");
if (select) {
  select.addEventListener("change", () => select.form.submit());
  const button = select.form.querySelector("button");
  if (button) button.hidden = true;
}

localTimes(main);
if (main && main.dataset.live && "EventSource" in window) connect();

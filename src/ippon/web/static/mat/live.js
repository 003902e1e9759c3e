// The mat's live picture: full snapshots from the SSE stream, newest wins.
//
// EventSource reconnects by itself and sends Last-Event-ID, so the server skips a snapshot we
// already hold. When the stream is closed for good (a server restart answering an error), we open
// a new one ourselves, with the id in the query. A snapshot only changes on an event; what time
// itself does (the bell, a hold's thresholds) we ask for with a plain GET at that moment.

const STALE_AFTER = 40;        // seconds without a byte (the server pings every 15 s)

export class MatFeed extends EventTarget {
  constructor(matId) {
    super();
    this.matId = matId;
    this.latest = null;        // the newest snapshot (parsed)
    this.connected = false;
    this.lastByte = Date.now();
    this.retry = 500;
    this.source = null;
  }

  start() {
    this.open();
    // A stream that silently died (a cable pulled) never errors: notice the silence.
    setInterval(() => {
      if ((Date.now() - this.lastByte) / 1000 > STALE_AFTER) this.reopen();
    }, 5000);
    return this;
  }

  open() {
    const seen = this.latest ? `?last_event_id=${this.latest.seq}` : "";
    const source = new EventSource(`/api/live/mat/${this.matId}${seen}`);
    this.source = source;
    source.addEventListener("open", () => {
      this.lastByte = Date.now();
      this.retry = 500;
      this.setConnected(true);
    });
    source.addEventListener("snapshot", (message) => {
      this.lastByte = Date.now();
      this.setConnected(true);
      this.offer(JSON.parse(message.data));
    });
    source.addEventListener("error", () => {
      this.setConnected(false);
      if (source.readyState === EventSource.CLOSED) this.reopen();
    });
  }

  reopen() {
    if (this.source) this.source.close();
    this.source = null;
    this.lastByte = Date.now();
    setTimeout(() => this.open(), this.retry);
    this.retry = Math.min(this.retry * 2, 5000);
  }

  setConnected(value) {
    if (this.connected === value) return;
    this.connected = value;
    this.dispatchEvent(new CustomEvent("connection", { detail: value }));
  }

  // Take a snapshot if it is newer: a higher sequence number, or the same one taken later
  // (what time did since, e.g. the bell).
  offer(snapshot) {
    const known = this.latest;
    if (known && (snapshot.seq < known.seq ||
        (snapshot.seq === known.seq && snapshot.server_time <= known.server_time))) return false;
    this.latest = snapshot;
    this.dispatchEvent(new CustomEvent("snapshot", { detail: snapshot }));
    return true;
  }

  // The mat as it is now: asked when time itself changed something.
  async refresh() {
    try {
      const answer = await fetch(`/api/mats/${this.matId}`,
        { cache: "no-store", signal: AbortSignal.timeout(5000) });
      if (answer.ok) this.offer(await answer.json());
    } catch (error) {
      // The stream will bring the picture back; nothing to do here.
    }
  }
}

// One contest of the mat as it is now (also after it left the mat's queue).
export async function fetchContest(matId, contestId) {
  const answer = await fetch(`/mats/${matId}/contests/${contestId}`, { cache: "no-store" });
  if (!answer.ok) throw new Error(`contest ${contestId}: ${answer.status}`);
  return answer.json();
}

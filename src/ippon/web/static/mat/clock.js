// Server time and the contest clocks.
//
// The server never streams ticks: a snapshot says whether the clock runs, what it showed, and the
// server time it was taken. We learn our offset to server time from several round trips (the
// fastest ones say the most), and interpolate. A new offset is slewed in, never jumped to, so a
// resync cannot make a displayed clock leap.

const SLEW_PER_SECOND = 0.1;   // how fast the offset may move: 100 ms per second
const JUMP_BEYOND = 2.0;       // beyond this the local clock itself broke (sleep): jump once
const KEEP_SAMPLES = 12;
const BEST_SAMPLES = 3;

export const localNow = () => (performance.timeOrigin + performance.now()) / 1000;

export class ServerClock {
  constructor(url = "/api/clock") {
    this.url = url;
    this.samples = [];       // {rtt, offset}
    this.target = null;      // the offset the samples point to
    this.offset = 0;         // the offset in use, moving towards target
    this.lastSlew = localNow();
    this.onSample = null;    // callback(ok): the control page uses it as a liveness check
  }

  get synced() { return this.target !== null; }

  // One round trip; returns whether the server answered.
  async sample() {
    const t0 = localNow();
    let server;
    try {
      // A server that does not answer within 3 s is as good as gone.
      const answer = await fetch(this.url, { cache: "no-store", signal: AbortSignal.timeout(3000) });
      if (!answer.ok) throw new Error(`clock: ${answer.status}`);
      server = (await answer.json()).server_time;
    } catch (error) {
      if (this.onSample) this.onSample(false);
      return false;
    }
    const t1 = localNow();
    this.add(t1 - t0, server - (t0 + t1) / 2);
    if (this.onSample) this.onSample(true);
    return true;
  }

  add(rtt, offset) {
    this.samples.push({ rtt, offset });
    if (this.samples.length > KEEP_SAMPLES) this.samples.shift();
    // The fastest round trips have the least room for asymmetry: take their median.
    const best = [...this.samples].sort((a, b) => a.rtt - b.rtt).slice(0, BEST_SAMPLES)
      .map((s) => s.offset).sort((a, b) => a - b);
    const first = this.target === null;
    this.target = best[Math.floor(best.length / 2)];
    if (first) this.offset = this.target;
  }

  async sync(count = 5) {
    for (let i = 0; i < count; i++) await this.sample();
    return this.synced;
  }

  // Keep sampling now and then (a drifting crystal, a laptop that slept).
  every(seconds) {
    const tick = () => this.sample().finally(() => setTimeout(tick, seconds * 1000));
    setTimeout(tick, seconds * 1000);
  }

  // Server time now, in seconds since the epoch.
  now() {
    const local = localNow();
    if (this.target !== null) {
      const gap = this.target - this.offset;
      const step = Math.max(0, local - this.lastSlew) * SLEW_PER_SECOND;
      if (Math.abs(gap) > JUMP_BEYOND) this.offset = this.target;
      else this.offset += Math.max(-step, Math.min(step, gap));
    }
    this.lastSlew = local;
    return local + this.offset;
  }
}

// Whether the hold runs on: while the clock runs, and also after the bell (a hold running at
// the bell goes on to its end while the regular clock stands at the contest time).
export function holdRuns(state) {
  if (!state.osaekomi || state.status !== "running") return false;
  if (state.clock_running) return true;
  return !state.golden_score && state.regular_time >= state.contest_time - 1e-6;
}

// The clocks of a contest view at server time `serverNow`.
export function clocksAt(state, takenAt, serverNow, era) {
  const dt = Math.max(0, serverNow - takenAt);
  let remaining = state.remaining;
  let golden = state.golden_score_time;
  let hold = state.osaekomi_time;
  if (state.clock_running && state.status === "running") {
    if (state.golden_score) golden += dt;
    else remaining = Math.max(0, remaining - dt);
  }
  // A limited golden score (older eras, kids) stops at its limit: the rules decide then.
  const limit = state.golden_score_limit;
  if (state.golden_score && limit != null) golden = Math.min(golden, limit);
  const holding = holdRuns(state);
  if (holding) {
    const ipponAt = era && era.osaekomi.length ? era.osaekomi[era.osaekomi.length - 1][0] : 25;
    hold = Math.min(ipponAt, hold + dt);
  }
  return { remaining, golden, hold, holding, running: state.clock_running && state.status === "running" };
}

// The score a hold of `seconds` has reached under `era` (null before the first threshold).
export function holdValue(era, seconds) {
  let value = null;
  for (const [at, score] of era.osaekomi) if (seconds >= at - 1e-6) value = score;
  return value;
}

// 4:00 style; the last ten seconds of golden score and regular time keep whole seconds too,
// rounded up so that 0:00 appears only when the time is really over.
export function formatClock(seconds, up = false) {
  const whole = up ? Math.floor(seconds + 1e-6) : Math.ceil(seconds - 1e-6);
  const s = Math.max(0, whole);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

// The signals time itself gives between two frames: the bell ("end"), a hold's score
// ("threshold") and the hold's ippon time ("hold-end").
export function crossings(before, after, state, era) {
  if (!before || state.status !== "running") return [];
  const found = [];
  if (!state.golden_score && before.remaining > 0 && after.remaining <= 0) found.push("end");
  const limit = state.golden_score_limit;
  if (state.golden_score && limit != null && before.golden < limit && after.golden >= limit) {
    found.push("end");
  }
  if (after.holding) {
    era.osaekomi.forEach(([at], index) => {
      if (before.hold < at - 1e-6 && after.hold >= at - 1e-6) {
        found.push(index === era.osaekomi.length - 1 ? "hold-end" : "threshold");
      }
    });
  }
  return found;
}

// Milliseconds until a displayed second changes (null while no clock runs): pages update then,
// not on every animation frame, so a dozen scoreboards cost next to nothing between events.
export function msToNextSecond(c, golden) {
  const waits = [];
  if (c.running) waits.push(golden ? 1 - (c.golden % 1) : (c.remaining % 1 || 1));
  if (c.holding) waits.push(1 - (c.hold % 1));
  return waits.length ? Math.min(...waits) * 1000 + 4 : null;
}

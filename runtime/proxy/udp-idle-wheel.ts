/** Something the wheel expires: it records its own last activity and idle timeout. */
export interface WheelEntry {
  /** Coarse time (ms, from `IdleWheel.now`) of the entry's last activity; written by the data path. */
  lastActive: number;
  /** Current idle timeout in ms (read only when the entry's slot comes due). */
  readonly idleMs: number;
  /** Slot index the wheel filed the entry under; -1 when not filed. Owned by the wheel. */
  wheelSlot: number;
}

const SLOTS = 64;

/**
 * A hashed timer wheel for idle expiry (one per UDP listener instead of a timer per session).
 * The data path only stores `wheel.now` into `entry.lastActive` — no timer is touched per
 * datagram. Entries are filed under the tick of their deadline as computed when filed; when a
 * slot comes due each entry is re-checked against its latest activity and either expired or
 * re-filed (lazy re-scheduling), so an active entry costs about one check per idle period.
 * Deadlines further away than the wheel's span are filed at the far end and re-checked there.
 * Expiry happens between `idleMs` and `idleMs + tickMs` (plus timer lag) after the last activity.
 */
export class IdleWheel<T extends WheelEntry> {
  /** Coarse clock in ms, refreshed every tick; the data path reads it instead of Date.now(). */
  now = Date.now();
  private tickMs: number;
  private readonly slots: Array<Set<T>> = [];
  /** Last absolute tick number processed. */
  private cur = 0;
  private count = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    tickMs: number,
    private readonly onExpire: (entry: T) => void,
  ) {
    this.tickMs = Math.max(1, Math.floor(tickMs));
    for (let i = 0; i < SLOTS; i++) this.slots.push(new Set());
  }

  /** Tick length suited to an idle timeout: about an eighth of it, between 5 ms and 1 s. */
  static tickFor(idleMs: number): number {
    return Math.min(1000, Math.max(5, Math.floor(idleMs / 8)));
  }

  /** Entries currently filed. */
  get size(): number {
    return this.count;
  }

  get tick(): number {
    return this.tickMs;
  }

  /** File a new entry (its `lastActive` is set to now); starts the timer if it was idle. */
  add(entry: T): void {
    if (this.timer === null) this.startTimer();
    entry.lastActive = this.now;
    this.file(entry, this.now + entry.idleMs);
    this.count++;
  }

  /** Unfile an entry (it ended for another reason). Stops the timer when nothing is left. */
  remove(entry: T): void {
    if (entry.wheelSlot < 0) return;
    this.slots[entry.wheelSlot]!.delete(entry);
    entry.wheelSlot = -1;
    this.count--;
    if (this.count === 0) this.stopTimer();
  }

  /** Change the tick length (an idle timeout changed on reload): re-file every entry. */
  retime(tickMs: number): void {
    tickMs = Math.max(1, Math.floor(tickMs));
    if (tickMs === this.tickMs) return;
    const all: T[] = [];
    for (const s of this.slots) {
      for (const e of s) all.push(e);
      s.clear();
    }
    this.tickMs = tickMs;
    const running = this.timer !== null;
    this.stopTimer();
    if (running) this.startTimer();
    for (const e of all) this.file(e, e.lastActive + e.idleMs);
  }

  /** Stop the timer and forget every entry without expiring them (owner is closing them all). */
  clear(): void {
    for (const s of this.slots) {
      for (const e of s) e.wheelSlot = -1;
      s.clear();
    }
    this.count = 0;
    this.stopTimer();
  }

  private file(entry: T, deadline: number): void {
    let t = Math.floor(deadline / this.tickMs);
    if (t <= this.cur) t = this.cur + 1;
    else if (t - this.cur >= SLOTS) t = this.cur + SLOTS - 1;
    const slot = t % SLOTS;
    entry.wheelSlot = slot;
    this.slots[slot]!.add(entry);
  }

  private startTimer(): void {
    this.now = Date.now();
    this.cur = Math.floor(this.now / this.tickMs);
    this.timer = setInterval(() => this.advance(), this.tickMs);
    // the listener's socket keeps the process alive, never this timer
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Process every slot that came due since the last tick (at most one full turn). */
  private advance(): void {
    this.now = Date.now();
    const target = Math.floor(this.now / this.tickMs);
    let steps = Math.min(target - this.cur, SLOTS);
    while (steps-- > 0 && this.timer !== null) {
      this.cur++;
      const slot = this.slots[this.cur % SLOTS]!;
      if (slot.size === 0) continue;
      const due = [...slot];
      slot.clear();
      for (const e of due) {
        e.wheelSlot = -1;
        const deadline = e.lastActive + e.idleMs;
        if (deadline <= this.now) {
          this.count--;
          this.onExpire(e);
        } else this.file(e, deadline);
      }
      if (this.count === 0) this.stopTimer();
    }
    this.cur = target;
  }
}

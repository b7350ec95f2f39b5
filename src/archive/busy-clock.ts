/**
 * A time budget that runs only while the extractor works: the time the consumer of the stream
 * spends on an entry (parsing, storing) is not charged to the archive.
 */

/** A pausable countdown of milliseconds, with an optional callback when it runs out. */
export class BusyClock {
  #remainingMs: number;
  #startedAt: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  /** Without onExpired, no timer is set: the owner polls expired() instead. */
  constructor(
    budgetMs: number,
    private readonly onExpired?: () => void,
  ) {
    this.#remainingMs = budgetMs;
  }

  /** Starts or restarts the countdown (no effect once stopped). */
  resume(): void {
    if (this.#startedAt !== null || this.#stopped) return;

    this.#startedAt = performance.now();
    if (this.onExpired !== undefined) {
      this.#timer = setTimeout(this.onExpired, Math.max(0, this.#remainingMs));
    }
  }

  /** Stops the countdown, keeping what is left of the budget. */
  pause(): void {
    if (this.#startedAt === null) return;

    this.#remainingMs -= performance.now() - this.#startedAt;
    this.#startedAt = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Stops the countdown for good: a late resume() (e.g. from an event) does nothing. */
  stop(): void {
    this.pause();
    this.#stopped = true;
  }

  /** True once the budget is spent. */
  expired(): boolean {
    const running = this.#startedAt === null ? 0 : performance.now() - this.#startedAt;
    return this.#remainingMs - running <= 0;
  }
}

/**
 * Runs the last call per key once the key has been quiet for a delay (typing in a document re-lints
 * once, after the pause). One of these replaces the per-document timer maps every feature kept.
 */
export class KeyedDebouncer<K = string> {
  private readonly timers = new Map<K, ReturnType<typeof setTimeout>>();

  constructor(private readonly defaultDelayMs: number) {}

  /** Runs `run` after `delayMs` (default: the debouncer's) unless the key is scheduled again first. */
  schedule(key: K, run: () => void, delayMs = this.defaultDelayMs): void {
    this.cancel(key);
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); run(); }, delayMs));
  }

  cancel(key: K): void {
    const t = this.timers.get(key);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

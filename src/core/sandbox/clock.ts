/**
 * Virtual clock and event queue: every delayed action (network round trip, push delivery, debounce,
 * retry-after, dasd deferral, public polling) is a task at a virtual time. Tasks at the same time run in
 * the order they were scheduled, so a run is a pure function of the seed and the inputs.
 */
export interface Task {
  readonly id: number;
  readonly at: number;
  readonly label: string;
  readonly device: string | null;
  /** Background tasks (periodic polls) do not keep the sandbox busy. */
  readonly background: boolean;
  readonly run: () => void;
  cancelled: boolean;
}

export class TaskQueue {
  private heap: Task[] = [];
  private nextId = 1;
  private busyCount = 0;
  now = 0;

  schedule(delayMs: number, label: string, run: () => void, device: string | null = null, background = false): Task {
    const task: Task = { id: this.nextId++, at: this.now + Math.max(0, delayMs), label, device, background, run, cancelled: false };
    this.push(task);
    if (!background) this.busyCount++;
    return task;
  }

  cancel(task: Task | null | undefined): void {
    if (task && !task.cancelled) {
      task.cancelled = true;
      if (!task.background) this.busyCount--;
    }
  }

  /** True when a non-background task is pending. */
  busy(): boolean {
    return this.busyCount > 0;
  }

  peek(): Task | undefined {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
    return this.heap[0];
  }

  /** Removes and returns the next live task, advancing the clock to its time. */
  take(): Task | undefined {
    const t = this.peek();
    if (!t) return undefined;
    this.pop();
    if (!t.background) this.busyCount--;
    t.cancelled = true;
    if (t.at > this.now) this.now = t.at;
    return t;
  }

  pending(): Task[] {
    return this.heap.filter((t) => !t.cancelled).sort(compare);
  }

  private push(t: Task): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (compare(h[i], h[p]) >= 0) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Task | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && compare(h[l], h[m]) < 0) m = l;
        if (r < h.length && compare(h[r], h[m]) < 0) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function compare(a: Task, b: Task): number {
  return a.at - b.at || a.id - b.id;
}

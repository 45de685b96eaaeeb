import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Finding, Severity } from '../../core/findings';
import type { LintMode } from '../../core/model/scope';
import type { SyncScope } from '../../core/model/sync-plan';

/** Messages between the host and lint-worker.ts (plain data, structured-cloned). */
export interface LintRequest {
  readonly id: number;
  /** The model source that reads the text (src/model-sources.ts); the Xcode model when left out. */
  readonly sourceId?: string;
  readonly path?: string;
  readonly text: string;
  readonly mode: LintMode;
  readonly severities: Readonly<Record<string, Severity | 'off'>>;
  readonly maxFileSizeMB: number;
  /** What the app's setup code says syncs (plain data, computed in the host). */
  readonly sync?: SyncScope;
}

export type LintResponse = { readonly id: number; readonly findings: Finding[] } | { readonly id: number; readonly error: string };

/**
 * One lazily started worker thread for big models. `lint` resolves to undefined when the worker script
 * is missing or the worker fails, and the caller then lints in-process: the worker is an optimization,
 * never a requirement.
 */
export class LintWorkerClient {
  private worker: Worker | undefined;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, (r: LintResponse | undefined) => void>();

  constructor(private readonly scriptPath: string) {}

  get available(): boolean {
    return !this.failed && fs.existsSync(this.scriptPath);
  }

  lint(req: Omit<LintRequest, 'id'>): Promise<Finding[] | undefined> {
    const worker = this.ensure();
    if (!worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (r) => resolve(r && 'findings' in r ? r.findings : undefined));
      worker.postMessage({ ...req, id } satisfies LintRequest);
    });
  }

  dispose(): void {
    this.failAll();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensure(): Worker | undefined {
    if (this.worker) return this.worker;
    if (!this.available) return undefined;
    try {
      const w = new Worker(this.scriptPath);
      w.on('message', (r: LintResponse) => {
        const done = this.pending.get(r.id);
        this.pending.delete(r.id);
        done?.(r);
      });
      w.on('error', () => { this.failed = true; this.failAll(); this.worker = undefined; });
      w.on('exit', () => { this.failAll(); this.worker = undefined; });
      w.unref();
      this.worker = w;
      return w;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  private failAll(): void {
    for (const done of this.pending.values()) done(undefined);
    this.pending.clear();
  }
}

import fs from 'node:fs';
import type { LogReport, SyncLogReader } from '../../core/logs/reader';
import { loadLogReader } from '../../logs-host/load';

/**
 * Follows a log file that another process appends to (a `log stream` capture): each `poll()` reads only
 * the bytes added since the last one, feeds them to one long-lived reader and returns the report so far.
 * No vscode import, so the unit tests drive it with a temporary file. A file that shrank (truncated,
 * replaced) is read again from the start.
 */
export class LogFollower {
  private reader: SyncLogReader = new (loadLogReader().SyncLogReader)();
  private decoder = new TextDecoder('utf-8', { fatal: false });
  private offset = 0;

  constructor(private readonly file: string, private readonly chunkBytes = 1 << 20) {}

  /** Reads what was appended; returns undefined when nothing changed. */
  poll(): LogReport | undefined {
    let size: number;
    try { size = fs.statSync(this.file).size; } catch { return undefined; }
    if (size < this.offset) this.restart();
    if (size === this.offset) return undefined;
    const fd = fs.openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(this.chunkBytes, size - this.offset));
      while (this.offset < size) {
        const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - this.offset), this.offset);
        if (n <= 0) break;
        this.offset += n;
        this.reader.push(this.decoder.decode(buf.subarray(0, n), { stream: true }));
      }
    } finally {
      fs.closeSync(fd);
    }
    return this.reader.snapshot();
  }

  get bytesRead(): number {
    return this.offset;
  }

  private restart(): void {
    this.reader = new (loadLogReader().SyncLogReader)();
    this.decoder = new TextDecoder('utf-8', { fatal: false });
    this.offset = 0;
  }
}

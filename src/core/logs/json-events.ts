import type { EntryHeader, LogEntry, ReadNote } from './types';

/**
 * `log stream|show --style json|ndjson` events (reference/sync-logs.md §1, shape **unverified** there): one
 * JSON object per event, on one line (ndjson) or pretty-printed over several inside a `[…]` array (json).
 * Objects are collected by counting braces outside strings, then parsed with JSON.parse; the message is
 * `eventMessage` (or `composedMessage`).
 */
export const MAX_JSON_OBJECT_LENGTH = 1024 * 1024;

export class JsonEventCollector {
  private buf: string[] = [];
  private size = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private firstLine = -1;
  private messageLine = -1;
  private messageLineLength = 0;
  private messageLineOffset = 0;
  private bad = 0;
  private badFirst = -1;

  constructor(private readonly onEntry: (e: Omit<LogEntry, 'index'>) => void) {}

  get active(): boolean {
    return this.firstLine >= 0;
  }

  /** `{` then a key or nothing, after an optional `[` or `,` (the json style's array punctuation). */
  startsObject(line: string): boolean {
    return /^\s*[\[,]?\s*\{\s*(?:"|$)/.test(line);
  }

  line(text: string, line: number, offset: number): void {
    let t = text;
    if (!this.active) {
      const open = t.indexOf('{');
      t = t.slice(open);
      this.firstLine = line;
      this.messageLine = line;
      this.messageLineOffset = offset;
      this.messageLineLength = text.length;
    }
    if (/"(?:eventMessage|composedMessage)"\s*:/.test(t)) { this.messageLine = line; this.messageLineOffset = offset; this.messageLineLength = text.length; }
    let end = -1;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
      } else if (c === 34) this.inString = true;
      else if (c === 123) this.depth++;
      else if (c === 125 && --this.depth === 0) { end = i + 1; break; }
    }
    if (this.size + t.length <= MAX_JSON_OBJECT_LENGTH) {
      this.buf.push(end >= 0 ? t.slice(0, end) : t);
      this.size += t.length;
    } else this.size = Infinity;
    if (end >= 0) {
      this.finish();
      // `},{` in the json style: the next object starts on the line the previous one ended.
      const rest = t.slice(end);
      if (this.startsObject(rest)) this.line(rest, line, offset);
    }
  }

  end(): void {
    if (this.active) this.fail();
  }

  get notes(): ReadNote[] {
    return this.bad ? [{ kind: 'bad-json', line: this.badFirst, message: `${this.bad} JSON event${this.bad === 1 ? '' : 's'} could not be read (first: line ${this.badFirst + 1}): cut, too long or not JSON` }] : [];
  }

  private finish(): void {
    let obj: unknown;
    if (this.size !== Infinity) {
      try { obj = JSON.parse(this.buf.join('\n')); } catch { obj = undefined; }
    }
    if (!obj || typeof obj !== 'object') { this.fail(); return; }
    const o = obj as Record<string, unknown>;
    const message = str(o.eventMessage) ?? str(o.composedMessage) ?? '';
    const image = str(o.processImagePath) ?? str(o.process);
    const header: EntryHeader = {
      format: 'json',
      timestamp: str(o.timestamp),
      process: image ? image.slice(image.lastIndexOf('/') + 1) : undefined,
      pid: typeof o.processID === 'number' ? o.processID : undefined,
      level: str(o.messageType)?.toLowerCase(),
      subsystem: str(o.subsystem),
      category: str(o.category),
    };
    this.onEntry({ header, text: message, coarse: true,
      segments: [{ textStart: 0, length: Math.max(message.length, 1), line: this.messageLine, character: 0, offset: this.messageLineOffset }],
      coarseLength: this.messageLineLength });
    this.reset();
  }

  private fail(): void {
    this.bad++;
    if (this.badFirst < 0) this.badFirst = this.firstLine;
    this.reset();
  }

  private reset(): void {
    this.buf = [];
    this.size = 0;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.firstLine = -1;
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

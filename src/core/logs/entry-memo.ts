import { scanErrors } from './error-scanner';
import { findEvents, type EventMatch } from './events';
import { explain, type Explanation } from './explain';
import type { DecodedError } from './types';

/**
 * What one entry's text holds (its events, its error trees and their explanations), found once per
 * distinct text: a failing sync prints the same error again at every retry (the export is retried,
 * reference/sync-logs.md §2; an Xcode console prints each error twice, §1), and parsing and explaining a
 * CKError description costs about a hundred times reading a line of chatter
 * (bench/cases/log-read.bench.ts).
 *
 * Texts that differ only in the digits of `0x…` addresses (`<CKError 0x28112d500: …`, a new object at
 * every retry) share one answer when nothing found holds an address, which is the usual case: the
 * decoded tree keeps names, codes, messages and record keys, not object addresses. An answer that holds
 * one (a `<CKRecordID: 0x…>` key) is reused only for the very same text. Offsets in the answer are
 * offsets in the entry text, and the key keeps every address's length, so they hold for each text that
 * shares it. `test/unit/logs/line-memo.test.ts` proves the reader reports the same with and without it.
 */
export interface EntryFindings {
  readonly events: readonly EventMatch[];
  readonly errors: readonly { readonly root: DecodedError; readonly explanation: Explanation }[];
}

/** Our choice: distinct error texts kept before the memo starts over (each a few KB). */
const MAX_KEPT = 512;
const ADDRESS = /0x[0-9a-fA-F]+/g;

interface Kept { readonly text: string; readonly findings: EntryFindings; readonly anyText: boolean }

export class EntryMemo {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly enabled = true) {}

  // The last text and its findings: a retry prints the very same text again, found without a key.
  private lastText: string | undefined;
  private lastFindings: EntryFindings | undefined;

  findings(text: string): EntryFindings {
    if (!this.enabled) return find(text);
    if (text === this.lastText) return this.lastFindings!;
    const f = this.lookup(text);
    this.lastText = text;
    this.lastFindings = f;
    return f;
  }

  private lookup(text: string): EntryFindings {
    const key = text.indexOf('0x') < 0 ? text : text.replace(ADDRESS, zeroDigits);
    const k = this.kept.get(key);
    if (k && (k.anyText || k.text === text)) return k.findings;
    const findings = find(text);
    if (this.kept.size >= MAX_KEPT) this.kept.clear();
    // Copies: the text may be a slice of a 1 MB chunk of input, which it would keep alive.
    const copy = flatCopy(text);
    this.kept.set(key === text ? copy : flatCopy(key), { text: copy, findings, anyText: !holdsAddress(findings) });
    return findings;
  }
}

function flatCopy(s: string): string {
  return (' ' + s).slice(1);
}

function zeroDigits(m: string): string {
  return '0x' + '0'.repeat(m.length - 2);
}

function find(text: string): EntryFindings {
  return { events: findEvents(text), errors: scanErrors(text).map((root) => ({ root, explanation: explain(root) })) };
}

function holdsAddress(f: EntryFindings): boolean {
  return /0x[0-9a-fA-F]/.test(JSON.stringify(f));
}

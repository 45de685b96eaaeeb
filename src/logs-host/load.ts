import path from 'node:path';
import { requireLazyBundle } from '../lazy-bundle';
import type * as ReaderBundle from './reader-bundle';

/** Loads the sync-log reader (dist/log-reader.js) on first use (src/lazy-bundle.ts). */
export type LogReaderBundle = typeof ReaderBundle;

let cached: LogReaderBundle | undefined;

export function loadLogReader(): LogReaderBundle {
  cached ??= requireLazyBundle<LogReaderBundle>(() => require('./log-reader.js'), path.join(__dirname, 'reader-bundle.js'));
  return cached;
}

/** Whether the log reader was loaded (activation measurements and tests). */
export function isLogReaderLoaded(): boolean {
  return cached !== undefined;
}

import path from 'node:path';
import { lazyBundle } from '../lazy-bundle';
import type * as ReaderBundle from './reader-bundle';

/** The sync-log reader (dist/log-reader.js), loaded on first use (src/lazy-bundle.ts). */
export type LogReaderBundle = typeof ReaderBundle;

export const loadLogReader = lazyBundle<LogReaderBundle>(() => require('./log-reader.js'), path.join(__dirname, 'reader-bundle.js'));

import { SyncLogReader, readSyncLog, type LogReport } from '../../../src/core/logs/reader';
import { fail, lineStartsOf, mutate, noteInput, OK, Prng, rangeProblem, seedTexts, type FuzzResult, type FuzzTarget } from '../support';

/**
 * Sync logs (src/core/logs): mutations of the example log and the corpus logs through the reader. No
 * exception; every error's span and range and every event's range inside the text (never past a line's
 * end); the same report whether the text comes in one piece or in random chunks (the CLI streams files
 * in 1 MB chunks, so a chunk border may fall anywhere, even between \r and \n).
 */
let seeds: ReturnType<typeof seedTexts> | undefined;
const VOCABULARY = ['Error Domain=CKErrorDomain Code=2 "Partial Failure" UserInfo={CKPartialErrors={', 'CKErrorDomain Code=27', '<CKError 0x1: "Zone Not Found" (26/2036)>',
  'NSUnderlyingError=0x1 {Error Domain=NSCocoaErrorDomain Code=134400}', 'CoreData+CloudKit: -[NSCloudKitMirroringDelegate _requestAbortedNotInitialized:]',
  '2024-01-01 10:00:00.000000+0100 0x1 Error 0x0 123 0 App: (CoreData) ', '{"timestamp":"2024-01-01","eventMessage":"x"}', 'Retry after 30.0 seconds',
  '}', '{', '"', '<', '>', '\\n'];

const shape = (r: LogReport): string => JSON.stringify([r.lines, r.entries, r.errors.map((e) => [e.kind.id, e.range, e.span]), r.events.map((e) => [e.kind, e.range])]);

export const target: FuzzTarget = {
  name: 'sync-log',
  defaultCount: 10000,
  check: checkInput,
};

function checkInput(seed: number): FuzzResult {
  seeds ??= seedTexts((p) => /\.(log|cklog)$/.test(p), ['logs'], 1);
  const rng = new Prng(seed);
  const base = rng.pick(seeds);
  const text = mutate(rng, base.text, VOCABULARY, rng.pick(seeds).text);
  noteInput(text);
  const whole = readSyncLog(text);
  const starts = lineStartsOf(text);
  for (const e of whole.errors) {
    const p = rangeProblem(text, starts, e.span, e.range);
    if (p) return fail('bad-range', `error ${e.kind.id}: ${p} (from ${base.file})`);
  }
  for (const e of whole.events) {
    const p = rangeProblem(text, starts, { start: 0, end: 0 }, e.range);
    if (p) return fail('bad-range', `event ${e.kind}: ${p} (from ${base.file})`);
  }
  const reader = new SyncLogReader();
  for (let at = 0; at < text.length;) {
    const n = 1 + rng.int(rng.chance(0.5) ? 8 : 600);
    reader.push(text.slice(at, at + n));
    at += n;
  }
  if (shape(reader.finish()) !== shape(whole)) return fail('chunking', `a chunked read gives another report than a whole read (from ${base.file})`);
  return OK;
}

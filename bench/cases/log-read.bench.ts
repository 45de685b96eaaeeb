import { SyncLogReader } from '../../src/core/logs/reader';
import { peak, ratio, sized, time } from '../measure';

/**
 * Reads a generated CoreData+CloudKit log (compact `log stream` lines: mostly export chatter, one error
 * description in every 100 lines) in 1 MB chunks, next to a bare line split of the same text in the same
 * run (the floor any reader pays), and next to the same split with one regular-expression test per line (a
 * grep). Goal (issue 14): within 3x of the split, memory bounded (streaming).
 * `run({ megabytes })` lets the unit tests run the case quickly on a small input.
 */
const NOISE = '2026-12-05 10:00:00.123 Df ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[PFCloudKitExporter exportIfNecessary]_block_invoke_2(345): <NSCloudKitMirroringDelegate: 0x6000>: Found 0 objects needing export.\n';
const ERROR = '2026-12-05 10:00:00.456 E  ShoppingList[4242:2a4f1] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[NSCloudKitMirroringDelegate recoverFromPartialError:forStore:inMonitor:]block_invoke(1943): <NSCloudKitMirroringDelegate: 0x6000>: Found unknown error as part of a partial failure: <CKError 0x28112d500: "Partial Failure" (2/1011); "Failed to modify some records"; partial errors: {\n\tA1:(com.apple.coredata.cloudkit.zone:__defaultOwner__) = <CKError 0x2: "Invalid Arguments" (12/2006); server message = "Cannot create or modify field \'CD_isChecked\' in record \'CD_Item\' in production schema">\n\t... 44 "Batch Request Failed" CKError\'s omited ...\n}>\n';

export function generateLog(megabytes: number): string[] {
  const block = NOISE.repeat(99) + ERROR;
  const chunks: string[] = [];
  let size = 0;
  const target = megabytes * 1024 * 1024;
  // 1 MB chunks, as a file stream delivers them (a chunk may end inside a line).
  const big = block.repeat(Math.ceil((1 << 20) / block.length));
  // Each chunk a distinct string: V8 caches split() results per string, which would flatter the baseline.
  while (size < target) { const c = `${NOISE.replace('10:00:00.123', `10:${String(chunks.length % 60).padStart(2, '0')}:00.123`)}${big}`; chunks.push(c); size += c.length; }
  return chunks;
}

function bareSplit(chunks: readonly string[]): number {
  let lines = 0;
  let rest = '';
  for (const c of chunks) {
    const parts = (rest + c).split('\n');
    rest = parts.pop() ?? '';
    lines += parts.length;
  }
  return lines + (rest ? 1 : 0);
}

/** A grep-like floor: the same split, plus one regular-expression test per line. */
function splitAndGrep(chunks: readonly string[]): number {
  let hits = 0;
  let rest = '';
  const re = /CKError|Error Domain=/;
  for (const c of chunks) {
    const parts = (rest + c).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) if (re.test(p)) hits++;
  }
  return hits;
}

function read(chunks: readonly string[]): number {
  const r = new SyncLogReader();
  for (const c of chunks) r.push(c);
  return r.finish().lines;
}

export async function run(options: { megabytes?: number; runs?: number } = {}): Promise<object> {
  const megabytes = options.megabytes ?? sized(50, 1);
  const runs = options.runs ?? 5;
  const chunks = generateLog(megabytes);
  const lines = bareSplit(chunks);
  const readLines = read(chunks);
  if (readLines !== lines) throw new Error(`reader saw ${readLines} lines, the split ${lines}`);
  const split = await time(() => bareSplit(chunks), runs, 1);
  const grep = await time(() => splitAndGrep(chunks), runs, 1);
  const reader = await time(() => read(chunks), runs, 1);
  const mem = await peak(() => read(chunks));
  return {
    input: { megabytes, lines, chars: chunks.reduce((n, c) => n + c.length, 0) },
    splitMs: split.medianMs,
    readMs: reader.medianMs,
    splitAndGrepMs: grep.medianMs,
    readVsSplit: ratio(reader.medianMs, split.medianMs),
    readVsSplitAndGrep: ratio(reader.medianMs, grep.medianMs),
    readPeakMB: mem.peakMB,
  };
}

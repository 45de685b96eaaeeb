import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import { LineShapeReader, formatOfShape, readLinePrefix, Shape } from '../../../src/core/logs/line-prefix';
import { mayHoldEventOrError } from '../../../src/core/logs/prefilter';
import { readSyncLog } from '../../../src/core/logs/reader';
import { corpusPath } from '../../helpers/paths';

/**
 * The reader's shortcuts for speed (bench/cases/log-read.bench.ts) change nothing it reports: the
 * prefilter (prefilter.ts) only skips entries no pattern can match, and the in-place line classifier
 * (LineShapeReader) says what readLinePrefix says.
 */
const logs = () => fs.readdirSync(corpusPath('logs')).filter((f) => f.endsWith('.log')).map((f) => ({ f, text: fs.readFileSync(corpusPath('logs', f), 'utf8') }));

// Each corpus line as the other shapes print it, so every shape goes through both paths.
const RESHAPE: readonly ((l: string, i: number) => string)[] = [
  (l) => l,
  (l, i) => `2026-12-05 10:00:${String(i % 60).padStart(2, '0')}.123456+0100 0x2a4f1    Error       0x0                  4242   0    App: (CoreData) [com.apple.coredata:cloudkit] ${l}`,
  (l) => `2026-12-05 10:00:00.123 E  App[4242:2a4f1] [com.apple.coredata:cloudkit] ${l}`,
  (l) => `2021-02-07 17:06:01.693458+0000 App[15418:1560373] ${l}`,
  (l) => `default  …  14:14:16.621530  …  App  ${l}`,
  (l) => `> ${l}`,
  (l) => `CoreData: error: ${l}`,
];

const strip = (r: unknown) => JSON.stringify(r);

describe('sync logs: the reader\'s shortcuts change nothing', () => {
  it('every corpus excerpt, in every line shape: the same report with and without the prefilter', () => {
    for (const { f, text } of logs()) {
      for (const [k, reshape] of RESHAPE.entries()) {
        const t = text.split('\n').map((l, i) => (l.trim() ? reshape(l, i) : l)).join('\n');
        assert.equal(strip(readSyncLog(t)), strip(readSyncLog(t, { prefilter: false })), `${f}, shape ${k}`);
      }
    }
  });

  it('chatter is skipped; each kind of event and error line is not', () => {
    assert.equal(mayHoldEventOrError('CoreData+CloudKit: -[PFCloudKitExporter exportIfNecessary]_block_invoke_2(345): <NSCloudKitMirroringDelegate: 0x6000>: Found 0 objects needing export.'), false);
    assert.equal(mayHoldEventOrError('Beginning automated export - ExportActivity:'), true);
    assert.equal(mayHoldEventOrError('x "Partial Failure" (2/1011)'), true);
    assert.equal(mayHoldEventOrError('x “Partial Failure” (2/1011)'), true);
    assert.equal(mayHoldEventOrError('Zone was purged by user'), true, 'a word at the very start');
    assert.equal(mayHoldEventOrError('prefix: Zone was purged', 8), true, 'a word where the body starts');
    assert.equal(mayHoldEventOrError('Zone: found 0 objects', 1), false, 'before `from` is not read');
  });

  it('LineShapeReader agrees with readLinePrefix on every corpus line in every shape, and on generated lines (seeded)', () => {
    const shapes = new LineShapeReader();
    const check = (line: string) => {
      const full = readLinePrefix(line);
      shapes.read(line);
      assert.equal(shapes.shape === Shape.Meta, !!full.meta, line);
      assert.equal(shapes.bodyStart, full.bodyStart, line);
      assert.equal(shapes.shape !== Shape.None && shapes.shape !== Shape.Meta, !!full.header, line);
      if (full.header) assert.equal(formatOfShape(shapes.shape), full.header.format, line);
    };
    for (const { text } of logs()) for (const reshape of RESHAPE) text.split('\n').forEach((l, i) => check(reshape(l, i)));
    const piece = fc.constantFrom('> ', '* ', '• ', '⚬\t', '- ', 'User: ', '  ', '', '2026-12-05 10:00:00.123 ', '2026-12-05 ', '0x2a4f1 ', 'Error ',
      'Df ', 'E  ', 'App[4242:2a4f1] ', '[com.apple.coredata:cloudkit] ', '(CoreData) ', 'CoreData: ', 'error: ', 'CloudKit: ', 'CoreData+CloudKit: ',
      'default ', '… ', '14:14:16.621530 ', 'Timestamp Thread ', 'Filtering the log data', 'x', ':', '4242 ', '0 ');
    fc.assert(fc.property(fc.array(piece, { maxLength: 10 }), (parts) => check(parts.join(''))), { seed: 1406, numRuns: 2000 });
  });
});

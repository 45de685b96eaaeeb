import assert from 'node:assert/strict';
import { decorationLength, formatOfShape, LineShapeReader, readLinePrefix, Shape } from '../../../src/core/logs/line-prefix';

/**
 * The prefix of one log line in each shape of reference/sync-logs.md §1 (lines written by us after the
 * documented column order): the header fields read from it, where the message starts, and the cheap
 * shape reader's verdict on the same line.
 */
const MSG = 'CoreData+CloudKit: -[NSCloudKitMirroringDelegate _performSetupRequest:] Failed';

function shapeOf(line: string): [Shape, number] {
  const r = new LineShapeReader();
  r.read(line);
  return [r.shape, r.bodyStart];
}

describe('sync logs: line prefixes', () => {
  it('paste decorations: quotes, bullets, a dash before a space, User:/Assistant:, spaces and tabs', () => {
    assert.equal(decorationLength('> > x'), 4);
    assert.equal(decorationLength('* • ⚬\tx'), 6);
    assert.equal(decorationLength('- x'), 2);
    assert.equal(decorationLength('-x'), 0, 'a dash glued to the text is not a bullet');
    assert.equal(decorationLength('User: Assistant: x'), 17);
    assert.equal(decorationLength('  \tx'), 3);
    assert.equal(decorationLength('x'), 0);
  });

  it('log stream default style: timestamp, level, pid, process, subsystem and category', () => {
    const prefix = '2026-12-05 10:00:00.123456+0100 0x2a4f1    Error       0x0                  4242   0    ShoppingList: (CoreData) [com.apple.coredata:cloudkit] ';
    const p = readLinePrefix(prefix + MSG);
    assert.equal(p.bodyStart, prefix.length);
    assert.deepEqual(p.header, {
      format: 'log-stream-default', timestamp: '2026-12-05 10:00:00.123456+0100', level: 'error', pid: 4242, process: 'ShoppingList',
      subsystem: 'com.apple.coredata', category: 'cloudkit',
    });
    assert.deepEqual(shapeOf(prefix + MSG), [Shape.StreamDefault, prefix.length]);
  });

  it('the default style without library and subsystem, and with a Core Data level after the columns', () => {
    const prefix = '2026-12-05 10:00:00.123456+0100 0x1    Default     0x0    77     0    App[77]: ';
    const p = readLinePrefix(`${prefix}CoreData: debug: CoreData+CloudKit: x`);
    assert.deepEqual(p.header, { format: 'log-stream-default', timestamp: '2026-12-05 10:00:00.123456+0100', level: 'debug', pid: 77, process: 'App', subsystem: undefined, category: undefined });
    assert.equal(p.bodyStart, prefix.length);
    assert.equal(readLinePrefix(`${prefix}CloudKit: CoreData+CloudKit: x`).header?.level, 'CloudKit');
    assert.equal(readLinePrefix(`${prefix}debug: something else`).header?.level, 'default');
  });

  it('compact style: each type abbreviation is its level', () => {
    const levels: [string, string][] = [['Df', 'default'], ['Db', 'debug'], ['De', 'debug'], ['I', 'info'], ['E', 'error'], ['Er', 'error'], ['F', 'fault'], ['Fa', 'fault'], ['A', 'activity']];
    for (const [abbr, level] of levels) {
      const prefix = `2026-12-05 10:00:00.123 ${abbr}  My App[4242:1a2b] (CoreData) [com.apple.coredata:cloudkit] `;
      const p = readLinePrefix(prefix + MSG);
      assert.deepEqual(p.header, { format: 'log-stream-compact', timestamp: '2026-12-05 10:00:00.123', level, process: 'My App', pid: 4242, subsystem: 'com.apple.coredata', category: 'cloudkit' }, abbr);
      assert.equal(p.bodyStart, prefix.length);
      assert.deepEqual(shapeOf(prefix + MSG), [Shape.StreamCompact, prefix.length]);
    }
  });

  it('Xcode console with an NSLog prefix: timestamp, process, pid, and the Core Data level', () => {
    const prefix = '2021-02-07 17:06:01.693458+0000 App[15418:1560373] ';
    const p = readLinePrefix(`${prefix}CoreData: error: CoreData+CloudKit: x`);
    assert.deepEqual(p.header, { format: 'xcode-console', timestamp: '2021-02-07 17:06:01.693458+0000', process: 'App', pid: 15418, level: 'error' });
    assert.equal(p.bodyStart, prefix.length);
    assert.deepEqual(shapeOf(`${prefix}x`), [Shape.XcodeNSLog, prefix.length]);
  });

  it('sysdiagnose rendering: level, time, process', () => {
    const line = 'default  …  2026-12-05  14:14:16.621530 …  0x1a2b  501  YourCoolApp  CloudKit: CoreData+CloudKit: x';
    const p = readLinePrefix(line);
    assert.deepEqual(p.header, { format: 'sysdiagnose', level: 'CloudKit', timestamp: '14:14:16.621530', process: 'YourCoolApp' });
    assert.equal(line.slice(p.bodyStart), 'CloudKit: CoreData+CloudKit: x');
    assert.deepEqual(shapeOf(line), [Shape.Sysdiagnose, p.bodyStart]);
    assert.equal(readLinePrefix('error 9:01:02.5 App x').header?.level, 'error');
  });

  it('Core Data level lines without columns (stderr echo and os_log)', () => {
    const cases: [string, string | undefined][] = [
      ['CoreData: debug: CoreData+CloudKit: x', 'debug'],
      ['warning: CoreData+CloudKit: x', 'warning'],
      ['CloudKit: CoreData+CloudKit: x', 'CloudKit'],
      ['CoreData: annotation: y', 'annotation'],
      ['CoreData: fault y', undefined],
      ['CoreData+CloudKit: x', undefined],
    ];
    for (const [line, level] of cases) {
      const p = readLinePrefix(`> ${line}`);
      assert.deepEqual([p.header?.format, p.header?.level, p.bodyStart], ['xcode-console', level, 2], line);
      assert.deepEqual(shapeOf(`> ${line}`), [Shape.CoreDataLevel, 2], line);
    }
  });

  it('meta lines: the column heading and the filter banners; a plain line has no header', () => {
    for (const line of ['Timestamp                       Thread     Type        Activity', 'Timestamp               Ty Process[PID:TID]', 'Filtering the log data using "x"', 'Skipping info and debug messages, pass --info and/or --debug to include.']) {
      assert.deepEqual(readLinePrefix(line), { bodyStart: line.length, meta: true }, line);
      assert.deepEqual(shapeOf(line), [Shape.Meta, line.length], line);
    }
    assert.deepEqual(readLinePrefix('  just words'), { bodyStart: 2 });
    assert.deepEqual(shapeOf('  just words'), [Shape.None, 2]);
    assert.deepEqual(shapeOf('2026-12-05 not a log line'), [Shape.None, 0]);
    assert.deepEqual(shapeOf('debug: not core data'), [Shape.None, 0]);
  });

  it('each shape names its format', () => {
    assert.deepEqual([Shape.None, Shape.Meta, Shape.StreamDefault, Shape.StreamCompact, Shape.XcodeNSLog, Shape.Sysdiagnose, Shape.CoreDataLevel].map(formatOfShape),
      [undefined, undefined, 'log-stream-default', 'log-stream-compact', 'xcode-console', 'sysdiagnose', 'xcode-console']);
  });
});

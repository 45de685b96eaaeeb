import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * src/core/shape-anchors.ts: the hot parsers keep their optimised code after their objects die. A child Node
 * process (with `--expose-gc --trace-deopt`) warms each parser up, then parses again after full collections,
 * and V8's deoptimisation trace must not name a parser function with "reason: weak objects". Without the
 * anchors, this trace listed every function of the .ckdb parser and the log reader once per collection (416 and
 * 251 lines in the measurement of issue 17).
 */
const OUT = path.resolve(__dirname, '../..');
const mod = (p: string): string => JSON.stringify(path.join(OUT, p));

const CHILD = `
const { parseCkdb } = require(${mod('src/core/ckdb/parser.js')});
const { SyncLogReader } = require(${mod('src/core/logs/reader.js')});
const { loadSwiftParser } = require(${mod('src/swift-parser/load-node.js')});
const { readSwiftModel } = require(${mod('src/core/model/swift/reader.js')});
let ckdb = '';
for (let t = 0; t < 60; t++) {
  ckdb += 'RECORD TYPE CD_Type' + t + ' (\\n    "___recordID" REFERENCE QUERYABLE,\\n';
  for (let f = 0; f < 40; f++) ckdb += '    CD_field' + f + ' ' + ['STRING', 'INT64 QUERYABLE SORTABLE', 'TIMESTAMP', 'LIST<REFERENCE>'][f % 4] + ',\\n';
  ckdb += '    GRANT WRITE TO "_creator",\\n    GRANT READ TO "_world"\\n);\\n';
}
const chatter = '2026-12-05 10:00:00.123 Df App[42:2a] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[PFCloudKitExporter exportIfNecessary]_block_invoke_2(345): <NSCloudKitMirroringDelegate: 0x6000>: Found 0 objects needing export.\\n';
const failure = '2026-12-05 10:00:01.456 E  App[42:2a] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[NSCloudKitMirroringDelegate _requestAbortedNotInitialized:](2200): <NSCloudKitMirroringDelegate: 0x6000>: <CKError 0x1: "Server Rejected Request" (15/2000); "Request failed with http status code 500">\\n';
const log = (chatter.repeat(49) + failure).repeat(60);
const swift = [];
for (let i = 0; i < 30; i++) swift.push({ path: 'M' + i + '.swift', text: 'import SwiftData\\n@Model final class M' + i + ' {\\n    var name: String = ""\\n    @Attribute(.externalStorage) var data: Data?\\n    @Relationship(deleteRule: .cascade) var next: [M' + ((i + 1) % 30) + ']? = []\\n    init() {}\\n}\\n' });
(async () => {
  const parser = await loadSwiftParser();
  const runs = { ckdb: () => parseCkdb(ckdb), log: () => { const r = new SyncLogReader(); r.push(log); return r.finish(); }, swift: () => readSwiftModel(swift, parser) };
  // Warm up until V8 has optimised the parsers (it compiles on a background thread), then parse after collections.
  for (let i = 0; i < 40; i++) for (const run of Object.values(runs)) run();
  await new Promise((r) => setTimeout(r, 200));
  for (let i = 0; i < 6; i++) for (const run of Object.values(runs)) { global.gc(); run(); }
  process.stderr.write('done\\n');
})();
`;

/** Functions of the parsers that V8 threw away in every round before the anchors (the trace of issue 17). */
const WATCHED = [
  'parseField', 'parseMembers', 'readIdent', 'peek', 'scan', 'spelling', 'ParsedField', // .ckdb
  'push', 'take', 'load', 'firstSegment', 'remembered', // log reader
  'marshalNode', 'unmarshalNode', 'typedChildren', 'childList', 'readProperties', // Swift reader
];

describe('shape anchors: parsers keep their optimised code after their objects die', function () {
  this.timeout(120_000);

  it('no parser function is deoptimised for "weak objects" after full collections', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--trace-deopt', '-e', CHILD], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 100_000 });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    assert.match(r.stderr, /done/);
    // Proof the trace is on and this V8 still deoptimises for dead objects: the results' own classes are not anchored.
    assert.match(r.stdout, /reason: weak objects/, 'the trace shows no weak-object deoptimisation at all: the test can no longer tell');
    const thrownAway = r.stdout.split('\n')
      .filter((l) => l.includes('reason: weak objects'))
      .map((l) => /SharedFunctionInfo (\w+)>/.exec(l)?.[1])
      .filter((name): name is string => name !== undefined && WATCHED.includes(name));
    const names = [...new Set(thrownAway)];
    assert.deepEqual(names, [], `thrown away after collections: ${names.join(', ')}`);
  });
});

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * src/core/shape-anchors.ts: the hot parsers keep their optimised code after their objects die. A child Node
 * process (with `--expose-gc --trace-deopt`) warms each parser up, then parses again after full collections,
 * and V8's deoptimisation trace must not name a parser function with "reason: weak objects". Without the
 * anchors, this trace listed every function of the .ckdb parser, the log reader and the Xcode model reader once per
 * collection (416, 251 and 190 lines in the measurements of issue 17).
 */
const OUT = path.resolve(__dirname, '../..');
const mod = (p: string): string => JSON.stringify(path.join(OUT, p));

const CHILD = `
const { parseCkdb } = require(${mod('src/core/ckdb/parser.js')});
const { SyncLogReader } = require(${mod('src/core/logs/reader.js')});
const { loadSwiftParser } = require(${mod('src/swift-parser/load-node.js')});
const { readSwiftModel } = require(${mod('src/core/model/swift/reader.js')});
const { readModelXml } = require(${mod('src/core/model/xml/index.js')});
const { lintModel } = require(${mod('src/core/rules/index.js')});
let ckdb = '';
for (let t = 0; t < 60; t++) {
  ckdb += 'RECORD TYPE CD_Type' + t + ' (\\n    "___recordID" REFERENCE QUERYABLE,\\n';
  for (let f = 0; f < 40; f++) ckdb += '    CD_field' + f + ' ' + ['STRING', 'INT64 QUERYABLE SORTABLE', 'TIMESTAMP', 'LIST<REFERENCE>'][f % 4] + ',\\n';
  ckdb += '    GRANT WRITE TO "_creator",\\n    GRANT READ TO "_world"\\n);\\n';
}
const chatter = '2026-12-05 10:00:00.123 Df App[42:2a] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[PFCloudKitExporter exportIfNecessary]_block_invoke_2(345): <NSCloudKitMirroringDelegate: 0x6000>: Found 0 objects needing export.\\n';
const failure = '2026-12-05 10:00:01.456 E  App[42:2a] [com.apple.coredata:cloudkit] CoreData+CloudKit: -[NSCloudKitMirroringDelegate _requestAbortedNotInitialized:](2200): <NSCloudKitMirroringDelegate: 0x6000>: <CKError 0x1: "Server Rejected Request" (15/2000); "Request failed with http status code 500">\\n';
const log = (chatter.repeat(49) + failure).repeat(400);
const swift = [];
for (let i = 0; i < 30; i++) swift.push({ path: 'M' + i + '.swift', text: 'import SwiftData\\n@Model final class M' + i + ' {\\n    var name: String = ""\\n    @Attribute(.externalStorage) var data: Data?\\n    @Relationship(deleteRule: .cascade) var next: [M' + ((i + 1) % 30) + ']? = []\\n    init() {}\\n}\\n' });
let xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\\n<model type="com.apple.IDECoreDataModeler.DataModel" usedWithCloudKit="YES">\\n';
for (let e = 0; e < 80; e++) {
  xml += '    <entity name="E' + e + '" syncable="YES">\\n';
  for (let a = 0; a < 8; a++) xml += '        <attribute name="a' + a + '"' + (a % 3 ? ' optional="YES"' : '') + ' attributeType="' + ['String', 'Integer 64', 'Date', 'Boolean'][a % 4] + '"/>\\n';
  xml += '        <relationship name="next" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="E' + ((e + 1) % 80) + '"/>\\n    </entity>\\n';
}
xml += '</model>\\n';
(async () => {
  const parser = await loadSwiftParser();
  const runs = { ckdb: () => parseCkdb(ckdb), log: () => { const r = new SyncLogReader(); r.push(log); return r.finish(); }, swift: () => readSwiftModel(swift, parser),
    xml: () => { const { model, editor } = readModelXml(xml); return lintModel(model, editor); } };
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
  'sourceAttrsOf', 'XmlSourceAttr', 'rangeOf', 'positionAt', // Xcode model reader and rules
];

describe('shape anchors: parsers keep their optimised code after their objects die', function () {
  this.timeout(120_000);

  it('no parser function is deoptimised for "weak objects" round after round of full collections', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--trace-deopt', '-e', CHILD], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 100_000 });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    assert.match(r.stderr, /done/);
    // Proof the trace is on and this V8 still deoptimises for dead objects: the results' own classes are not anchored.
    assert.match(r.stdout, /reason: weak objects/, 'the trace shows no weak-object deoptimisation at all: the test can no longer tell');
    const times = new Map<string, number>();
    for (const line of r.stdout.split('\n')) {
      const name = line.includes('reason: weak objects') ? /SharedFunctionInfo (\w+)>/.exec(line)?.[1] : undefined;
      if (name !== undefined && WATCHED.includes(name)) times.set(name, (times.get(name) ?? 0) + 1);
    }
    // Once is allowed: the objects of the last warm-up run may die at the first collection. Without the anchors each
    // function was thrown away in every one of the six rounds.
    const again = [...times].filter(([, n]) => n > 1).map(([name, n]) => `${name} (${n} times)`);
    assert.deepEqual(again, [], `thrown away again and again after collections: ${again.join(', ')}`);
  });
});

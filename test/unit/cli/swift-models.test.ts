import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { formatFieldType } from '../../../src/core/cloudkit/schema-ir';
import { checkCommand } from '../../../src/cli/commands/check';
import { lintCommand } from '../../../src/cli/commands/lint';
import { schemaCommand } from '../../../src/cli/commands/schema';
import { typesCommand } from '../../../src/cli/commands/types';
import type { CliCommand } from '../../../src/cli/main';
import { corpusPath } from '../../helpers/paths';

async function run(cmd: CliCommand, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cmd.run(args, { stdout: (s) => { out += s; }, stderr: (s) => { err += s; } });
  return { code, out, err };
}

/** A hand-made SwiftData app over two files: Item.title has no default (CK002), Item.code is unique (CK001). */
const ITEM = `import SwiftData

@Model
final class Item {
    var title: String
    var timestamp: Date = Date()
    @Attribute(.unique) var code: String = ""
    @Relationship(inverse: \\Tag.items) var tags: [Tag]? = []

    init(title: String) {
        self.title = title
    }
}
`;
const TAG = `import SwiftData

@Model
final class Tag {
    var name: String = ""
    var items: [Item]? = []
    init() {}
}
`;
const VIEW = `import SwiftUI

struct ContentView: View {
    var body: some View { Text("no model here") }
}
`;

function handMadeApp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-swift-'));
  fs.writeFileSync(path.join(dir, 'Package.swift'), '// swift-tools-version:5.9\n');
  fs.mkdirSync(path.join(dir, 'Sources', 'App', 'Models'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Sources', 'App', 'Models', 'Item.swift'), ITEM);
  fs.writeFileSync(path.join(dir, 'Sources', 'App', 'Tag.swift'), TAG);
  fs.writeFileSync(path.join(dir, 'Sources', 'App', 'ContentView.swift'), VIEW);
  // Build products are not the app's model.
  fs.mkdirSync(path.join(dir, '.build', 'checkouts'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.build', 'checkouts', 'Other.swift'), '@Model final class Other { var x: Int }\n');
  return dir;
}

interface JsonFinding { file: string; rule: string; severity: string; message: string; range: { start: { line: number; character: number } } }

describe('ckdev lint|schema|check|types on SwiftData sources', () => {
  it('lint of a folder reads the @Model files as one model and reports each finding at its Swift line', async () => {
    const dir = handMadeApp();
    const r = await run(lintCommand, dir, '--format', 'json');
    assert.equal(r.code, 1, r.err);
    const findings = JSON.parse(r.out) as JsonFinding[];
    assert.deepEqual(findings.map((f) => `${path.basename(f.file)}:${f.range.start.line + 1} ${f.rule}`).sort(), ['Item.swift:5 CK002', 'Item.swift:7 CK001']);
    // The inverse is declared on Item only: read together, Tag.items is its other side (no CK004).
    assert.ok(findings.every((f) => !f.file.includes('.build')));
    assert.match(findings.find((f) => f.rule === 'CK002')!.message, /Item\.title/);
  });

  it('lint of one Swift file checks it with its project\'s other @Model files (no false CK004), SARIF at the Swift file', async () => {
    const dir = handMadeApp();
    const tag = path.join(dir, 'Sources', 'App', 'Tag.swift');
    const alone = await run(lintCommand, tag, '--format', 'json');
    assert.equal(alone.code, 0, alone.out);
    assert.deepEqual(JSON.parse(alone.out), []);
    const sarif = await run(lintCommand, path.join(dir, 'Sources', 'App', 'Models', 'Item.swift'), '--format', 'sarif');
    const results = (JSON.parse(sarif.out) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] }).runs[0].results;
    assert.deepEqual(results.map((x) => `${x.ruleId} ${path.basename(x.locations[0].physicalLocation.artifactLocation.uri)}:${x.locations[0].physicalLocation.region.startLine}`).sort(), ['CK001 Item.swift:7', 'CK002 Item.swift:5']);
  });

  it('a Swift file without @Model lints clean and a broken one gets a diagnostic, never a crash', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-swift-bad-'));
    fs.writeFileSync(path.join(dir, 'View.swift'), VIEW);
    fs.writeFileSync(path.join(dir, 'Broken.swift'), '@Model\nfinal class Broken {\n    var a: String = "\n');
    const r = await run(lintCommand, dir, '--format', 'json');
    assert.ok(r.code === 0 || r.code === 1, r.err);
    const findings = JSON.parse(r.out) as JsonFinding[];
    assert.ok(findings.every((f) => path.basename(f.file) === 'Broken.swift'), r.out);
  });

  it('schema and types of SwiftData sources give the CD_ record types; check names the Swift line', async () => {
    const dir = handMadeApp();
    const schema = await run(schemaCommand, dir, '--profile', 'minimal');
    assert.equal(schema.code, 0, schema.err);
    const parsed = parseCkdb(schema.out).schema;
    // Item.tags <-> Tag.items is many-to-many: a CDMR record type (reference swiftdata.md, coredata-model.md).
    assert.deepEqual(parsed.recordTypes.map((t) => t.name).sort(), ['CDMR', 'CD_Item', 'CD_Tag']);
    assert.ok(parsed.recordTypes.find((t) => t.name === 'CD_Item')!.fields.some((f) => f.name === 'CD_title'));
    const types = await run(typesCommand, path.join(dir, 'Sources', 'App', 'Tag.swift'));
    assert.equal(types.code, 0, types.err);
    assert.match(types.out, /CD_Item/);
    const prod = path.join(dir, 'prod.ckdb');
    fs.writeFileSync(prod, 'DEFINE SCHEMA\n');
    const check = await run(checkCommand, '--dev', dir, '--prod', prod);
    assert.match(check.out, /Item\.swift:\d+:\d+/);
    assert.doesNotMatch(check.out, /Package\.swift/);
  });

  it('an empty folder and a folder without @Model are refused with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-swift-none-'));
    fs.writeFileSync(path.join(dir, 'View.swift'), VIEW);
    const r = await run(schemaCommand, path.join(dir, 'View.swift'));
    assert.equal(r.code, 2);
    assert.match(r.err, /no @Model class found/);
  });

  for (const folder of ['ivan-wize__Plenty', 'ngs__tides-swift']) {
    it(`corpus oracle ${folder}: ckdev schema on its models folder gives the export's CD_ record types and fields`, async () => {
      const r = await run(schemaCommand, corpusPath('swiftdata', folder, 'models'));
      assert.equal(r.code, 0, r.err);
      const shape = (text: string, justInTime: boolean) => Object.fromEntries(parseCkdb(text).schema.recordTypes.filter((t) => t.name.startsWith('CD_')).map((t) => [t.name,
        Object.fromEntries(t.fields.filter((f) => f.name.startsWith('CD_') && (justInTime || !(f.name.endsWith('_ckAsset') || f.name.startsWith('CD_moveReceipt')))).map((f) => [f.name, formatFieldType(f.type)]))]));
      // The export is a just-in-time Development schema: without _ckAsset companions and CD_moveReceipt (corpus MANIFEST).
      assert.deepEqual(shape(r.out, false), shape(fs.readFileSync(corpusPath('swiftdata', folder, 'schema.ckdb'), 'utf8'), true));
    });
  }

  it('corpus: ckdev lint reads every oracle models folder without an exception', async () => {
    for (const folder of ['ivan-wize__Plenty', 'ngs__tides-swift', 'iman-suherman__nucleus', 'pizza-studio__PizzaHelperUnited', 'artemnovichkov__wwdc24-samplecode__Trips-Coexistence']) {
      const r = await run(lintCommand, corpusPath('swiftdata', folder), '--format', 'json');
      assert.ok(r.code === 0 || r.code === 1, `${folder}: ${r.err}`);
      assert.ok(Array.isArray(JSON.parse(r.out)));
    }
  });
});

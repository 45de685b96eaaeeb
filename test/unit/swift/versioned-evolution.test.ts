import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintCommand } from '../../../src/cli/commands/lint';
import { versionedModelEvolution } from '../../../src/core/deploy';
import { readSwiftSources } from '../../../src/core/model/swift/model-read';
import { swiftParser } from '../../helpers/swift';

/** Our own two-version SwiftData model: V2 retypes Habit.color, drops Habit.legacy and the Note class. */
const V1 = `import SwiftData

enum SchemaV1: VersionedSchema {
    static var versionIdentifier = Schema.Version(1, 0, 0)
    static var models: [any PersistentModel.Type] { [Habit.self, Note.self] }

    @Model final class Habit {
        var name: String = ""
        var color: String?
        var legacy: Int = 0
        init() {}
    }

    @Model final class Note {
        var text: String = ""
        init() {}
    }
}
`;
const V2 = `import SwiftData

enum SchemaV2: VersionedSchema {
    static var versionIdentifier = Schema.Version(2, 0, 0)
    static var models: [any PersistentModel.Type] { [Habit.self] }
}

extension SchemaV2 {
    @Model final class Habit {
        var name: String = ""
        var color: Int?
        init() {}
    }
}
`;
const PLAN = `import SwiftData

typealias Habit = SchemaV2.Habit

enum HabitMigrationPlan: SchemaMigrationPlan {
    static var schemas: [any VersionedSchema.Type] { [SchemaV1.self, SchemaV2.self] }
    static var stages: [MigrationStage] { [] }
}
`;

async function read(files: Readonly<Record<string, string>>) {
  return readSwiftSources(Object.entries(files).map(([p, text]) => ({ path: p, text })), await swiftParser());
}

/** `file:line text-at-span` of each CK016 finding, localized as the CLI and the editor do. */
async function ck016(files: Readonly<Record<string, string>>, options = {}): Promise<string[]> {
  const r = await read(files);
  return r.localize!(versionedModelEvolution(r, options)).map(({ file, finding }) =>
    `${file}:${finding.range.start.line + 1} ${files[file].slice(finding.span.start, finding.span.end)} ${finding.severity}`);
}

describe('CK016 between SwiftData VersionedSchema versions', () => {
  it('compares the current version with the one before it in the migration plan, at the Swift declarations', async () => {
    const r = await read({ 'V1.swift': V1, 'V2.swift': V2, 'Plan.swift': PLAN });
    assert.equal(r.currentVersion, 'SchemaV2');
    assert.deepEqual(r.versions!.map((v) => v.name), ['SchemaV1', 'SchemaV2']);
    const found = r.localize!(versionedModelEvolution(r));
    const lines = found.map(({ file, finding }) => `${file}:${finding.range.start.line + 1}`).sort();
    // Habit.color retyped (V2.swift:11), Habit.legacy removed (at V2's Habit), Note removed (at SchemaV2).
    assert.deepEqual(lines, ['V2.swift:11', 'V2.swift:3', 'V2.swift:9'].sort());
    const color = found.find((x) => x.finding.range.start.line === 10)!.finding;
    assert.match(color.message, /Habit\.color/);
    assert.match(color.message, /\[SchemaV1 -> SchemaV2\]/);
    // The related location is the previous version's declaration, in its own file.
    assert.equal(color.related?.[0].file, 'V1.swift');
    assert.equal(V1.slice(color.related![0].span.start, color.related![0].span.end), 'String?');
    assert.match(color.related![0].message, /SchemaV1/);
    const note = found.find((x) => x.finding.range.start.line === 2)!.finding;
    assert.equal(V2.slice(note.span.start, note.span.end), 'SchemaV2');
    assert.match(note.message, /'Note' was removed/);
  });

  it('the plan order wins over version numbers; without a plan the highest versionIdentifier is current', async () => {
    // Plan lists V2 first: V1 is then the current version and V2 the previous one.
    const reversed = PLAN.replace('[SchemaV1.self, SchemaV2.self]', '[SchemaV2.self, SchemaV1.self]').replace('SchemaV2.Habit', 'SchemaV1.Habit');
    const r = await read({ 'V1.swift': V1, 'V2.swift': V2, 'Plan.swift': reversed });
    assert.equal(r.currentVersion, 'SchemaV1');
    const found = await ck016({ 'V1.swift': V1, 'V2.swift': V2, 'Plan.swift': reversed });
    assert.ok(found.every((f) => f.startsWith('V1.swift:')), found.join('\n'));
    const noPlan = await ck016({ 'V1.swift': V1, 'V2.swift': V2 });
    assert.ok(noPlan.length > 0 && noPlan.every((f) => f.startsWith('V2.swift:')), noPlan.join('\n'));
  });

  it('nothing for one version, identical versions, mode never or CK016=off; a severity override applies', async () => {
    assert.deepEqual(await ck016({ 'V1.swift': V1 }), []);
    const same = V2.replace('var color: Int?', 'var color: String?\n        var legacy: Int = 0');
    const v1NoNote = V1.replace(/\n {4}@Model final class Note \{[^}]*\}\n/, '\n');
    assert.deepEqual(await ck016({ 'V1.swift': v1NoNote, 'V2.swift': same, 'Plan.swift': PLAN }), []);
    const files = { 'V1.swift': V1, 'V2.swift': V2, 'Plan.swift': PLAN };
    assert.deepEqual(await ck016(files, { mode: 'never' }), []);
    assert.deepEqual(await ck016(files, { severities: { CK016: 'off' } }), []);
    const errors = await ck016(files, { severities: { CK016: 'error' } });
    assert.ok(errors.length === 3 && errors.every((f) => f.endsWith(' error')), errors.join('\n'));
  });

  it('ckdev lint on the app folder reports them at the Swift lines (JSON and SARIF), --rule CK016=off removes them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ckdev-swift-versions-'));
    fs.writeFileSync(path.join(dir, 'Package.swift'), '// swift-tools-version:5.9\n');
    for (const [name, text] of Object.entries({ 'V1.swift': V1, 'V2.swift': V2, 'Plan.swift': PLAN })) fs.writeFileSync(path.join(dir, name), text);
    const run = async (...args: string[]) => {
      let out = '';
      const code = await lintCommand.run(args, { stdout: (s) => { out += s; }, stderr: () => {} });
      return { code, out };
    };
    const json = JSON.parse((await run(dir, '--format', 'json')).out) as { file: string; rule: string; range: { start: { line: number } } }[];
    assert.deepEqual(json.filter((f) => f.rule === 'CK016').map((f) => `${path.basename(f.file)}:${f.range.start.line + 1}`).sort(), ['V2.swift:11', 'V2.swift:3', 'V2.swift:9']);
    const sarif = JSON.parse((await run(dir, '--format', 'sarif')).out) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const results = sarif.runs[0].results.filter((x) => x.ruleId === 'CK016');
    assert.deepEqual(results.map((x) => `${path.basename(x.locations[0].physicalLocation.artifactLocation.uri)}:${x.locations[0].physicalLocation.region.startLine}`).sort(), ['V2.swift:11', 'V2.swift:3', 'V2.swift:9']);
    const off = JSON.parse((await run(dir, '--format', 'json', '--rule', 'CK016=off')).out) as { rule: string }[];
    assert.ok(!off.some((f) => f.rule === 'CK016'));
  });
  it('compares versions within one app: two apps\' VersionedSchemas in one folder are separate families', async () => {
    // Our own fixture: app A (TripSchemaV1 -> TripSchemaV2, Trip.note retyped) and app B (NotesSchemaV3
    // alone, a higher version number) side by side, as in a folder of samples. Comparing B's version with
    // A's would report A's entities as removed; each app's own chain has one change (Trip.note).
    const tripV1 = 'import SwiftData\n\nenum TripSchemaV1: VersionedSchema {\n    static var versionIdentifier = Schema.Version(1, 0, 0)\n    static var models: [any PersistentModel.Type] { [Trip.self] }\n    @Model final class Trip {\n        var name: String = ""\n        var note: String?\n        init() {}\n    }\n}\n';
    const tripV2 = tripV1.replace(/TripSchemaV1/g, 'TripSchemaV2').replace('Version(1, 0, 0)', 'Version(2, 0, 0)').replace('var note: String?', 'var note: Int?');
    const notes = 'import SwiftData\n\nenum NotesSchemaV3: VersionedSchema {\n    static var versionIdentifier = Schema.Version(3, 0, 0)\n    static var models: [any PersistentModel.Type] { [Note.self] }\n    @Model final class Note {\n        var text: String = ""\n        init() {}\n    }\n}\n';
    const tripPlan = 'import SwiftData\n\nenum TripMigrationPlan: SchemaMigrationPlan {\n    static var schemas: [any VersionedSchema.Type] { [TripSchemaV1.self, TripSchemaV2.self] }\n    static var stages: [MigrationStage] { [] }\n}\n';
    for (const withPlan of [false, true]) {
      const files: Record<string, string> = { 'TripV1.swift': tripV1, 'TripV2.swift': tripV2, 'Notes.swift': notes, ...(withPlan ? { 'Plan.swift': tripPlan } : {}) };
      const found = await ck016(files);
      assert.deepEqual(found, ['TripV2.swift:8 Int? warning'], `${withPlan ? 'with' : 'without'} a plan:\n${found.join('\n')}`);
      // Both apps' current classes are the current model (B's Note is not dropped as an old version).
      const r = await read(files);
      assert.deepEqual(r.model.entities.map((e) => e.name).sort(), ['Note', 'Trip']);
      assert.equal(r.model.entities.find((e) => e.name === 'Trip')!.attributes.find((a) => a.name === 'note')!.attributeType, 'Integer 64');
    }
    // Versions named by their number alone (`enum V1`, `enum V2`) are one family too.
    const bare = await ck016({ 'TripV1.swift': tripV1.replace(/TripSchemaV1/g, 'V1'), 'TripV2.swift': tripV2.replace(/TripSchemaV2/g, 'V2'), 'Notes.swift': notes });
    assert.deepEqual(bare, ['TripV2.swift:8 Int? warning']);
  });
});

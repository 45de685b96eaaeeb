import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { deriveSchema } from '../../../src/core/cloudkit/derive';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { formatFieldType, type SchemaIR } from '../../../src/core/cloudkit/schema-ir';
import { lintSwiftModel } from '../../../src/core/model/swift/lint';
import type { SwiftSource } from '../../../src/core/model/swift/reader';
import { readModelIR } from '../../../src/core/model/xml/reader';
import { corpusPath } from '../../helpers/paths';
import { readSwift } from '../../helpers/swift';

/**
 * The SwiftData corpus (../shared/corpus/swiftdata, MANIFEST.tsv): every Swift file reads, the schema
 * derived from the four apps that ship a cktool export reproduces it, Apple's coexistence sample
 * matches its Core Data twin, and the apps that ship and sync get no error from the rules.
 */
const dir = corpusPath('swiftdata');
const manifest = fs.readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const swiftRows = manifest.filter((r) => r[0].endsWith('.swift'));

/** One app: the files of one corpus folder, or the single files saved from one repository. */
function apps(): Map<string, { syncs: boolean; files: string[] }> {
  const out = new Map<string, { syncs: boolean; files: string[] }>();
  for (const [saved, repo, , , cloudkit] of swiftRows) {
    const key = saved.includes('/') ? saved.split('/')[0] : repo;
    const app = out.get(key) ?? { syncs: cloudkit.startsWith('yes'), files: [] };
    app.files.push(saved);
    out.set(key, app);
  }
  return out;
}

const sources = (files: readonly string[]): SwiftSource[] => files.map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
const modelsOf = (folder: string): string[] => fs.readdirSync(path.join(dir, folder, 'models')).filter((f) => f.endsWith('.swift')).map((f) => `${folder}/models/${f}`);

/** record type -> CD_ field -> type, of the CD_ record types only. */
function shape(s: SchemaIR): Record<string, Record<string, string>> {
  return Object.fromEntries(s.recordTypes.filter((t) => t.name.startsWith('CD_')).map((t) => [t.name,
    Object.fromEntries(t.fields.filter((f) => f.name.startsWith('CD_')).map((f) => [f.name, formatFieldType(f.type)]))]));
}

/**
 * Fields NSPersistentCloudKitContainer creates only when a value needs them: `_ckAsset` companions (a
 * value too large for the record) and CD_moveReceipt; a just-in-time Development export lacks them
 * (MANIFEST: Plenty "no _ckAsset and no CD_moveReceipt"). deriveSchema lists them; src/core/deploy
 * calls them the "sometimes" fields.
 */
const justInTime = (field: string): boolean => field.endsWith('_ckAsset') || field.startsWith('CD_moveReceipt');

function derivedShape(folder: string, synced?: readonly string[]) {
  return readSwift(sources(modelsOf(folder)), synced ? { configurations: [{ name: 'Synced', usedWithCloudKit: true, models: synced }] } : {})
    .then((m) => {
      const s = shape(deriveSchema(m.model, synced ? { entities: new Set(synced) } : {}));
      for (const t of Object.values(s)) for (const f of Object.keys(t)) if (justInTime(f)) delete t[f];
      return { model: m, shape: s };
    });
}

const exported = (folder: string) => shape(parseCkdb(fs.readFileSync(path.join(dir, folder, 'schema.ckdb'), 'utf8')).schema);

/** nucleus `NucleusDatabase.swift` syncedSchema (the "Synced" configuration; MANIFEST). */
const NUCLEUS_SYNCED = ['GoogleAccountRecord', 'NoteRecord', 'SyncedSettingsRecord', 'ClipboardItemRecord', 'BillRecord', 'BillPaymentRecord', 'DashboardAnalysisRecord', 'CalendarEventRecord'];

describe('SwiftData corpus', () => {
  it('every corpus Swift file reads on its own without an exception, and the model classes are found', async () => {
    let classes = 0;
    for (const [saved, , , , , features] of swiftRows) {
      const m = await readSwift(sources([saved]));
      const declared = Number(/models=(\d+)/.exec(features)?.[1] ?? 'NaN');
      // MANIFEST counts the @Model classes of each file; the reader finds the same number.
      assert.equal(m.model.entities.length, declared, saved);
      classes += m.model.entities.length;
    }
    assert.equal(swiftRows.length, 55);
    assert.equal(classes, 79);
  });

  it('oracle ivan-wize/Plenty: 7 record types, 102 CD_ fields equal to the cktool export', async () => {
    const { shape: derived } = await derivedShape('ivan-wize__Plenty');
    assert.deepEqual(derived, exported('ivan-wize__Plenty'));
    assert.equal(Object.values(derived).reduce((n, t) => n + Object.keys(t).length, 0), 102);
  });

  it('oracle ngs/tides-swift: CD_SavedLocation, 8 fields equal to the export (types inferred from initializers)', async () => {
    const { shape: derived } = await derivedShape('ngs__tides-swift');
    assert.deepEqual(derived, exported('ngs__tides-swift'));
    assert.equal(Object.keys(derived.CD_SavedLocation).length, 8);
  });

  it('oracle iman-suherman/nucleus: the 8 synced models give the 8 record types of the export, field for field', async () => {
    const { shape: derived } = await derivedShape('iman-suherman__nucleus', NUCLEUS_SYNCED);
    assert.deepEqual(derived, exported('iman-suherman__nucleus'));
    assert.equal(Object.values(derived).reduce((n, t) => n + Object.keys(t).length, 0), 66);
  });

  it('oracle pizza-studio/PizzaHelperUnited: 3 record types equal to the export but for its two known gaps', async () => {
    const { shape: derived } = await derivedShape('pizza-studio__PizzaHelperUnited');
    const expected = exported('pizza-studio__PizzaHelperUnited');
    // MANIFEST: CD_AccountConfiguration belongs to the app's older Core Data model, not these files;
    // CD_PZGachaProfileMO lacks CD_profileName because a just-in-time field appears only once a
    // non-nil value was exported. Everything else must match exactly.
    delete expected.CD_AccountConfiguration;
    assert.equal(derived.CD_PZGachaProfileMO.CD_profileName, 'STRING');
    delete derived.CD_PZGachaProfileMO.CD_profileName;
    assert.deepEqual(derived, expected);
    assert.equal(derived.CD_PZProfileMO.CD_game, 'BYTES'); // Codable enum -> one BYTES field
  });

  it("Apple's coexistence sample: the SwiftData classes give the entities, attributes and types of Trips.xcdatamodel", async () => {
    const folder = 'artemnovichkov__wwdc24-samplecode__Trips-Coexistence';
    const swift = (await readSwift(sources(modelsOf(folder)))).model;
    const xml = readModelIR(fs.readFileSync(path.join(dir, folder, 'Trips.xcdatamodel', 'contents'), 'utf8'));
    const sig = (m: typeof swift) => Object.fromEntries(m.entities.map((e) => [e.name, {
      attributes: Object.fromEntries(e.attributes.map((a) => [a.name, a.attributeType])),
      relationships: Object.fromEntries(e.relationships.map((r) => [r.name, `${r.toMany ? 'to-many' : 'to-one'} ${r.destinationEntity}`])),
    }]));
    assert.deepEqual(sig(swift), sig(xml));
  });

  it('the apps that ship and sync get no error from the rules (nucleus: its synced configuration)', async () => {
    const checked: string[] = [];
    for (const [name, app] of apps()) {
      if (!app.syncs) continue;
      const options = name === 'iman-suherman__nucleus' ? { configurations: [{ name: 'Synced', usedWithCloudKit: true, models: NUCLEUS_SYNCED }] } : {};
      const m = await readSwift(sources(app.files), options);
      const errors = lintSwiftModel(m).filter((f) => f.finding.severity === 'error');
      assert.deepEqual(errors.map((f) => `${f.file}:${f.finding.range.start.line + 1} ${f.finding.message}`), [], name);
      checked.push(name);
    }
    assert.equal(checked.length, 13);
  });

  it('the apps that do not sync do get the errors CloudKit would raise (the rules are not silent on Swift)', async () => {
    const m = await readSwift(sources(apps().get('yusuga/swiftdata-101')!.files));
    const rules = new Set(lintSwiftModel(m).filter((f) => f.finding.severity === 'error').map((f) => f.finding.ruleId));
    for (const id of ['CK001', 'CK002', 'CK003', 'CK006']) assert.ok(rules.has(id), id);
  });
});

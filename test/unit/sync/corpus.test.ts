import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseCkdb } from '../../../src/core/ckdb/parser';
import { deriveSchema } from '../../../src/core/cloudkit/derive';
import { cloudKitScope } from '../../../src/core/model/scope';
import { mayHoldSetup } from '../../../src/core/model/sync-files';
import { swiftDataSyncScope } from '../../../src/core/model/sync-plan';
import { syncPlanFromSwift } from '../../../src/core/model/sync-read';
import { readContainerSetups } from '../../../src/core/project/container-setup';
import { lintModel } from '../../../src/core/rules';
import { lintSwiftModel } from '../../../src/core/model/swift/lint';
import { corpusPath, swiftFilesBelow } from '../../helpers/paths';
import { readSwift, swiftParser } from '../../helpers/swift';

const swiftDir = corpusPath('swiftdata');
const configDir = corpusPath('project-config');

const tsv = (file: string): string[][] => fs.readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
const text = (p: string): string => fs.readFileSync(p, 'utf8');

/** The corpus files saved from a repository: `owner__name__…` single files and an `owner__name/` folder. */
function setupFilesOf(repo: string): string[] {
  const prefix = repo.replace('/', '__');
  const all = [...swiftFilesBelow(swiftDir), ...swiftFilesBelow(configDir)];
  return all.filter((p) => {
    const rel = path.relative(path.dirname(swiftDir), p).split(path.sep);
    return (rel[1] === prefix || rel[1].startsWith(`${prefix}__`)) && mayHoldSetup(text(p));
  });
}

describe('sync plan on the corpus (swiftdata + project-config)', () => {
  it('every corpus Swift file reads its setup code without an exception', async () => {
    const parser = await swiftParser();
    const files = [...swiftFilesBelow(swiftDir), ...swiftFilesBelow(configDir)];
    let entries = 0;
    for (const f of files) {
      const tree = parser.parse(text(f));
      try { readContainerSetups(tree.rootNode); } finally { tree.delete(); }
      entries += syncPlanFromSwift([{ path: f, text: text(f) }], parser).entries.length;
    }
    assert.ok(files.length >= 70, `${files.length} Swift files`);
    assert.ok(entries >= 30, `${entries} setup entries`);
  });

  it("the MANIFEST's SwiftData CloudKit apps whose setup code is in the corpus are recognised as syncing", async () => {
    const parser = await swiftParser();
    const syncing = new Map<string, boolean>();
    for (const [, repo, , , cloudkit] of tsv(path.join(swiftDir, 'MANIFEST.tsv'))) if (!syncing.has(repo)) syncing.set(repo, cloudkit.startsWith('yes'));
    const recognised: string[] = [];
    for (const [repo, syncs] of syncing) {
      const files = setupFilesOf(repo);
      if (!syncs || files.length === 0) continue;
      const plan = syncPlanFromSwift(files.map((f) => ({ path: f, text: text(f) })), parser);
      // A model file that only names ModelContainer (a #Preview, a comment) holds no setup code.
      if (plan.entries.length === 0) continue;
      assert.ok(plan.entries.some((e) => e.kind === 'swiftdata' && e.synced), `${repo}: ${JSON.stringify(plan.entries.map((e) => e.reason))}`);
      recognised.push(repo);
    }
    assert.deepEqual(recognised.sort(), ['LeeTaek/Carve', 'iman-suherman/nucleus', 'ivan-wize/Plenty', 'scastiel/kado']);
  });

  it('the project-config setup files of apps that sync are recognised as syncing (Core Data and SwiftData)', async () => {
    const parser = await swiftParser();
    // MANIFEST rows naming a CloudKit store in a .swift file.
    const rows = tsv(path.join(configDir, 'MANIFEST.tsv')).filter(([saved, , , , what]) => saved.endsWith('.swift')
      && /NSPersistentCloudKitContainer|cloudKitDatabase: \.(automatic|private)|ModelConfiguration\(cloudKitDatabase: \.automatic|on model configuration "/.test(what));
    const notRecognised: string[] = [];
    for (const [saved] of rows) {
      const plan = syncPlanFromSwift([{ path: saved, text: text(path.join(configDir, saved)) }], parser);
      if (!plan.entries.some((e) => e.synced)) notRecognised.push(saved);
    }
    assert.equal(rows.length, 9);
    assert.deepEqual(notRecognised, []);
  });

  it('nucleus: the code syncs the "Synced" configuration alone; its record types are the export\'s, and the app gets no error', async () => {
    const folder = path.join(swiftDir, 'iman-suherman__nucleus', 'models');
    const files = fs.readdirSync(folder).filter((f) => f.endsWith('.swift')).map((f) => ({ path: f, text: text(path.join(folder, f)) }));
    const swift = await readSwift(files);
    const model = swift.model;
    const plan = syncPlanFromSwift(files, await swiftParser());
    const sync = swiftDataSyncScope(plan, model)!;
    assert.deepEqual(sync.entities, ['BillPaymentRecord', 'BillRecord', 'CalendarEventRecord', 'ClipboardItemRecord', 'DashboardAnalysisRecord', 'GoogleAccountRecord', 'NoteRecord', 'SyncedSettingsRecord']);
    const errors = lintSwiftModel(swift, { sync, fixes: false }).filter((f) => f.finding.severity === 'error');
    assert.deepEqual(errors.map((f) => f.finding.message), []);
    assert.ok(lintModel(model, undefined, {}).some((f) => f.severity === 'error'), 'without the code, the Local models (.unique) are CloudKit models');
    const derived = deriveSchema(model, { entities: cloudKitScope(model, 'auto', sync).entities }).recordTypes.map((r) => r.name).filter((n) => n.startsWith('CD_')).sort();
    const exported = parseCkdb(text(path.join(swiftDir, 'iman-suherman__nucleus', 'schema.ckdb'))).schema.recordTypes.map((r) => r.name).filter((n) => n.startsWith('CD_')).sort();
    assert.deepEqual(derived, exported);
  });

  it('Plenty: the factory syncs the seven listed models (its .none fallbacks do not turn sync off); no error', async () => {
    const folder = path.join(swiftDir, 'ivan-wize__Plenty', 'models');
    const files = fs.readdirSync(folder).filter((f) => f.endsWith('.swift')).map((f) => ({ path: f, text: text(path.join(folder, f)) }));
    const swift = await readSwift(files);
    const sync = swiftDataSyncScope(syncPlanFromSwift(files, await swiftParser()), swift.model)!;
    assert.equal(sync.synced, true);
    assert.deepEqual(sync.entities, ['Account', 'AccountBalance', 'IncomeSource', 'SavingsGoal', 'SpendingLimit', 'Subscription', 'Transaction']);
    assert.deepEqual(lintSwiftModel(swift, { sync, fixes: false }).filter((f) => f.finding.severity === 'error').map((f) => f.finding.message), []);
  });
});

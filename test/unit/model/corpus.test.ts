import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { decodeModelBytes, readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { corpusPath } from '../../helpers/paths';

/**
 * Every real model of the shared corpus: reads cleanly and lints without a crash. The CloudKit-flagged
 * ones (MANIFEST column usedWithCloudKit) ship in real apps and must give no errors. The findings of all
 * of them in `always` mode ("what if this were synced") are a reviewed snapshot, pinned below.
 */
const dir = corpusPath('xcdatamodel');
const manifest = fs.readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const flagged = new Set(manifest.filter((r) => r[4] !== 'no').map((r) => r[0]));
const models = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'contents'))).sort();

function lintFile(d: string, mode: 'auto' | 'always') {
  const decoded = decodeModelBytes(fs.readFileSync(path.join(dir, d, 'contents')));
  assert.equal(decoded.problem, undefined, d);
  const { model, editor } = readModelXml(decoded.text!);
  assert.deepEqual(model.problems, [], d);
  return lintModel(model, editor, { mode });
}

/**
 * Reviewed against reference coredata-model.md §3 (always mode, `file rule line`): simplenote's
 * non-optional attributes without defaults, CubeTime's txmerdata (the PR #131 log's own entities: ordered
 * and non-optional relationships), Earthquakes/Tags unique constraints, gonsee's Undefined transient
 * attribute, insecure default transformers. The flagged Apple samples only get the CK010 warning
 * (valueTransformerName="", a real finding: it falls back to NSKeyedUnarchiveFromData).
 */
const SNAPSHOT = `
Automattic__simplenote-ios__Simplenote_2.xcdatamodel CK002 4,CK002 5,CK002 12,CK002 24,CK002 30
Automattic__simplenote-ios__Simplenote_3.xcdatamodel CK002 4,CK002 5,CK002 12,CK002 24,CK002 30
Automattic__simplenote-ios__Simplenote_4.xcdatamodel CK002 4,CK002 5,CK002 12,CK002 24,CK002 30
Automattic__simplenote-ios__Simplenote_5.xcdatamodel CK002 4,CK002 5,CK002 12,CK002 24,CK002 30,CK010 45
Automattic__simplenote-ios__Simplenote_6.xcdatamodel CK002 4,CK002 5,CK002 12,CK002 24,CK002 30,CK010 45
Automattic__simplenote-ios__Simplenote_7.xcdatamodel CK002 4,CK002 5,CK002 12,CK002 24,CK002 30,CK010 45
CubeLabsNZ__CubeTime__CubeTimeData.xcdatamodel
CubeLabsNZ__CubeTime__txmerdata.xcdatamodel CK003 5,CK005 5,CK003 8,CK003 11,CK003 12,CK005 12,CK002 18,CK002 23,CK003 27,CK002 31,CK002 33,CK003 37
JohnEstropia__CoreStore__Advanced.EvolutionDemo.xcdatamodel
JohnEstropia__CoreStore__ColorsDemo.xcdatamodel
JohnEstropia__CoreStore__Model.xcdatamodel CK005 24
SwiftGen__SwiftGen__Model.xcdatamodel CK010 7,CK010 16
SwiftGen__SwiftGen__Model_2.xcdatamodel CK002 9,CK010 16,CK002 22,CK002 50,CK010 56,CK010 57,CK010 58,CK005 63,CK001 81,CK002 87
apple__sample-cloudkit-coredatasync__CoreDataSync.xcdatamodel CK010 5
artemnovichkov__wwdc20-samplecode__Earthquakes.xcdatamodel CK001 9
artemnovichkov__wwdc20-samplecode__MemoryGame.xcdatamodel
artemnovichkov__wwdc21-samplecode__CoreDataCloudKitDemo.xcdatamodel
artemnovichkov__wwdc21-samplecode__Earthquakes.xcdatamodel CK001 9
artemnovichkov__wwdc21-samplecode__Tags.xcdatamodel CK001 10,CK001 24
calda__SwiftUI-Notes__SwiftUI_Notes.xcdatamodel
dyike__ShareDataDemo__HeightRecord.xcdatamodel
fatbobman__CoreDataEvolution__CoreDataEvolutionIntegrationModel.xcdatamodel
fatbobman__CoreDataEvolution__GeneratedFlowModel.xcdatamodel
fatbobman__ShareData_Demo_For_CoreDataWithCloudKit__Model.xcdatamodel
fatbobman__Todo__Model.xcdatamodel
gonsee__CoreDataSample__CoreDataSample.xcdatamodel CK010 4,CK010 6,CK010 7,CK008 11
iandundas__CoreDataCloudKitDemo__CoreDataCloudKit.xcdatamodel
keybuk__EngineShed__EngineShed.xcdatamodel
keybuk__EngineShed__EngineShed__2.xcdatamodel CK010 9,CK010 52,CK010 53,CK010 83
keybuk__EngineShed__TrainDatabase.xcdatamodel CK002 4,CK010 11,CK010 28,CK002 35,CK002 39,CK002 43,CK010 60,CK002 76,CK010 91,CK005 95,CK002 98,CK002 102,CK010 109,CK005 111,CK010 115
kharrison__CodeExamples__ToDo.xcdatamodel
kharrison__CodeExamples__WorldFacts.xcdatamodel CK002 8
kharrison__CoreDataKit__Model.xcdatamodel CK002 4
kodecocodes__cdt-materials__BubbleTeaFinder.xcdatamodel
kodecocodes__cdt-materials__CampgroundManager.xcdatamodel CK002 17
kodecocodes__cdt-materials__DogDoodies.xcdatamodel
kodecocodes__cdt-materials__DogWalk.xcdatamodel CK005 5
kodecocodes__cdt-materials__EmployeeDirectory.xcdatamodel
kodecocodes__cdt-materials__UnCloudNotesDataModel.xcdatamodel CK002 4,CK002 7
kodecocodes__cdt-materials__UnCloudNotesDataModel_v2.xcdatamodel CK002 4,CK002 8
kodecocodes__cdt-materials__UnCloudNotesDataModel_v3.xcdatamodel CK002 4,CK002 5,CK002 9,CK002 12
kodecocodes__cdt-materials__UnCloudNotesDataModel_v4.xcdatamodel CK002 4,CK002 8,CK002 14,CK002 17
larryn35__Checked__Checked.xcdatamodel
pookjw__OpenCloudData__CoreDataSync.xcdatamodel CK010 5`;

describe('corpus: every real model lints', () => {
  it('has the models the manifest lists', () => {
    assert.ok(models.length >= 40, `${models.length} models`);
    assert.ok(flagged.size >= 5);
    for (const f of flagged) assert.ok(models.includes(f), f);
  });

  it('CloudKit-flagged models from shipping apps give no errors (auto mode)', () => {
    for (const d of models.filter((m) => flagged.has(m))) {
      const errors = lintFile(d, 'auto').filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => f.message), [], d);
    }
  });

  it('unflagged models get only the CK017 info in auto mode', () => {
    for (const d of models.filter((m) => !flagged.has(m))) {
      assert.deepEqual(lintFile(d, 'auto').map((f) => f.ruleId), ['CK017'], d);
    }
  });

  it('always-mode findings match the reviewed snapshot', () => {
    const actual = models.map((d) => `${d} ${lintFile(d, 'always').map((f) => `${f.ruleId} ${f.range.start.line + 1}`).join(',')}`.trim());
    assert.deepEqual(actual, SNAPSHOT.trim().split('\n'));
  });
});

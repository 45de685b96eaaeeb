import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/findings';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { applyEdits } from '../../../src/core/text/span';
import type { ModelDefinition } from '../../../src/modeldef';
import { readTypeScriptModel } from '../../../src/typescript/model-reader';
import { toTs, toXml } from '../../helpers/modelSpec';

/**
 * Every model rule gives the same findings (rule id, severity, message: entity and property names are
 * in the message) on a TypeScript model definition as on the equivalent `contents` XML, and every fix
 * the rules offer on the TypeScript file is a valid edit that removes its finding.
 */

const IGNORED = 'NSCloudKitMirroringDelegateIgnoredPropertyKey';
const ENCRYPTED = 'NSPersistentCloudKitContainerEncryptedAttributeKey';

const ok = { optional: true, deletionRule: 'Nullify' } as const;
const cases: Record<string, ModelDefinition> = {
  CK001: { usedWithCloudKit: true, entities: { Member: { attributes: { email: { type: 'String', optional: true } }, uniquenessConstraints: [['email']] } } },
  CK002: {
    usedWithCloudKit: true,
    entities: { List: { attributes: { name: { type: 'String' }, created: { type: 'Date' }, count: { type: 'Integer 64' }, id: { type: 'UUID' }, done: { type: 'Boolean' } } } },
  },
  CK003: {
    usedWithCloudKit: true,
    entities: {
      Item: { relationships: { list: { destination: 'List', inverse: 'items' } } },
      List: { relationships: { items: { destination: 'Item', inverse: 'list', toMany: true, ...ok } } },
    },
  },
  CK004: {
    usedWithCloudKit: true,
    entities: {
      Journal: { relationships: { author: { destination: 'Member', ...ok } } },
      Member: { attributes: { name: { type: 'String', optional: true } } },
    },
  },
  CK004self: {
    usedWithCloudKit: true,
    entities: { Node: { relationships: { parent: { destination: 'Node', ...ok }, other: { destination: 'Leaf', toMany: true, ...ok } } }, Leaf: {} },
  },
  CK005: {
    usedWithCloudKit: true,
    entities: {
      List: { relationships: { items: { destination: 'Item', inverse: 'list', toMany: true, ordered: true, ...ok } } },
      Item: { relationships: { list: { destination: 'List', inverse: 'items', ...ok } } },
    },
  },
  CK006and7: {
    usedWithCloudKit: true,
    entities: {
      Member: { relationships: { lists: { destination: 'List', inverse: 'owner', toMany: true, optional: true, deletionRule: 'Deny' } } },
      List: { relationships: { owner: { destination: 'Member', inverse: 'lists', optional: true, deletionRule: 'No Action' } } },
    },
  },
  CK008: { usedWithCloudKit: true, entities: { Thing: { attributes: { url: { type: 'Undefined', optional: true }, oid: { type: 'Object ID', optional: true } } } } },
  CK009and14: {
    entities: {
      Page: { relationships: { feeds: { destination: 'Feed', inverse: 'page', toMany: true, ...ok } } },
      Feed: { relationships: { page: { destination: 'Page', inverse: 'feeds', ...ok } } },
    },
    configurations: { Cloud: { entities: ['Page'], usedWithCloudKit: true }, Local: { entities: ['Feed'] }, Empty: { entities: [], usedWithCloudKit: true } },
  },
  CK010: {
    usedWithCloudKit: true,
    entities: { Entry: { attributes: { payload: { type: 'Transformable', optional: true, valueTransformerName: '' }, old: { type: 'Transformable', optional: true } } } },
  },
  CK012and13and15: {
    usedWithCloudKit: true,
    entities: {
      Note: {
        userInfo: { [ENCRYPTED]: 'YES' },
        attributes: {
          cache: { type: 'String', userInfo: { [IGNORED]: 'YES' } },
          secret: { type: 'String', optional: true, allowsCloudEncryption: true, userInfo: { [ENCRYPTED]: 'YES' } },
          entityName: { type: 'String', optional: true },
        },
        relationships: { folder: { destination: 'Folder', inverse: 'notes', ...ok, userInfo: { [IGNORED]: 'YES', [ENCRYPTED]: 'YES' } } },
      },
      Folder: { relationships: { notes: { destination: 'Note', inverse: 'folder', toMany: true, ...ok } } },
    },
  },
  CK017: { entities: { Note: { attributes: { title: { type: 'String' } } } } },
};

// CK011: more than 256 fields on one record type (TN3164). CK018: static fields over 700,000 bytes
// (1,000-character names make it reachable with 720 attributes).
const wide: Record<string, { type: 'Integer 64'; optional: true }> = {};
for (let i = 0; i < 300; i++) wide[`field${i}`] = { type: 'Integer 64', optional: true };
cases.CK011 = { usedWithCloudKit: true, entities: { Wide: { attributes: wide } } };
const heavy: Record<string, { type: 'Integer 64'; optional: true }> = {};
for (let i = 0; i < 720; i++) heavy[`f${i}_${'x'.repeat(1000)}`] = { type: 'Integer 64', optional: true };
cases.CK018 = { usedWithCloudKit: true, entities: { Heavy: { attributes: heavy } } };

const summary = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.ruleId} ${f.severity} ${f.message}`).sort();
const fixTitles = (fs: readonly Finding[]): string[] => fs.flatMap((f) => (f.fixes ?? []).map((x) => `${f.ruleId}: ${x.title}`)).sort();

describe('TypeScript model definitions: same findings as the XML model', () => {
  for (const [name, def] of Object.entries(cases)) {
    it(`${name}: same rule ids, severities, messages and fixes`, () => {
      const xml = readModelXml(toXml(def));
      const ts = readTypeScriptModel(toTs(def), 'parity.cdmodel.ts');
      assert.deepEqual(xml.model.problems, []);
      assert.deepEqual(ts.model.problems, []);
      const xmlFindings = lintModel(xml.model, xml.editor);
      const tsFindings = lintModel(ts.model, ts.editor);
      const expectedRules = name.replace(/self$/, '').match(/\d+/g)!.map((n) => `CK${n.padStart(3, '0')}`);
      for (const id of expectedRules) assert.ok(tsFindings.some((f) => f.ruleId === id), `${id} fires on the TypeScript model`);
      assert.deepEqual(summary(tsFindings), summary(xmlFindings));
      assert.deepEqual(fixTitles(tsFindings), fixTitles(xmlFindings));
    });
  }

  it('findings point into the TypeScript source at the property they are about', () => {
    const text = toTs(cases.CK002);
    const ts = readTypeScriptModel(text);
    const f = lintModel(ts.model, ts.editor).filter((x) => x.ruleId === 'CK002');
    assert.deepEqual(f.map((x) => text.slice(x.span.start, x.span.end)).sort(), ['count', 'created', 'done', 'id', 'name']);
    for (const x of f) assert.equal(x.range.start.line > 0, true);
  });

  it('CK017 points at the defineModel call', () => {
    const text = toTs(cases.CK017);
    const ts = readTypeScriptModel(text);
    const f = lintModel(ts.model, ts.editor).find((x) => x.ruleId === 'CK017')!;
    assert.equal(text.slice(f.span.start, f.span.end), 'defineModel');
  });

  for (const [name, def] of Object.entries(cases)) {
    if (name === 'CK018' || name === 'CK011') continue;
    it(`${name}: each TypeScript fix removes its finding and keeps the file readable`, () => {
      const text = toTs(def);
      const ts = readTypeScriptModel(text);
      const findings = lintModel(ts.model, ts.editor);
      for (const f of findings) {
        for (const fx of f.fixes ?? []) {
          const fixed = applyEdits(text, fx.edits);
          const again = readTypeScriptModel(fixed);
          assert.deepEqual(again.model.problems, [], `${fx.title}:\n${fixed}`);
          const after = summary(lintModel(again.model, again.editor));
          assert.ok(!after.includes(`${f.ruleId} ${f.severity} ${f.message}`), `${fx.title} did not remove: ${f.message}\n${fixed}`);
          assert.ok(after.length < findings.length, `${fx.title}: fewer findings after the fix`);
        }
      }
    });
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/paths';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel, allRules } from '../../../src/core/rules';
import type { Finding } from '../../../src/core/findings';
import { cleanItemList, entityXml, itemWith, listEntity, modelXml, wideEntity } from './fixtures';

function lint(text: string, options?: Parameters<typeof lintModel>[2]): Finding[] {
  const { model, editor } = readModelXml(text);
  assert.deepEqual(model.problems, [], 'fixture must read cleanly');
  return lintModel(model, editor, options);
}
const of = (fs: Finding[], id: string): Finding[] => fs.filter((f) => f.ruleId === id);
const textAt = (text: string, f: { span: { start: number; end: number } }): string => text.slice(f.span.start, f.span.end);

interface Case {
  readonly id: string;
  readonly positive: string;
  /** The exact source text the finding points at. */
  readonly at: string;
  readonly message?: string;
  readonly negative: string;
  readonly severity?: string;
}

const rel = (extra: string) => itemWith(`<relationship name="list" ${extra}/>`);
const ckItem = (attrs: string) => modelXml(entityXml('Item', attrs));

const cases: Case[] = [
  {
    id: 'CK001',
    positive: ckItem(`        <attribute name="code" optional="YES" attributeType="String"/>
        <uniquenessConstraints>
            <uniquenessConstraint>
                <constraint value="code"/>
            </uniquenessConstraint>
        </uniquenessConstraints>`),
    at: '<uniquenessConstraint>\n                <constraint value="code"/>\n            </uniquenessConstraint>',
    message: 'CloudKit integration does not support unique constraints. The following entities are constrained: Item: code',
    negative: ckItem('        <attribute name="code" optional="YES" attributeType="String"/>'),
  },
  {
    id: 'CK002',
    positive: ckItem('        <attribute name="name" attributeType="String"/>'),
    at: 'name',
    message: 'CloudKit integration requires that all attributes be optional, or have a default value set. The following attributes are marked non-optional but do not have a default value: Item: name',
    negative: ckItem(`        <attribute name="name" attributeType="String" defaultValueString=""/>
        <attribute name="when" attributeType="Date" defaultDateTimeInterval="0" usesScalarValueType="NO"/>
        <attribute name="note" optional="YES" attributeType="String"/>`),
  },
  {
    id: 'CK003',
    positive: modelXml(`${listEntity}\n${rel('maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"')}`),
    at: 'list',
    message: 'CloudKit integration requires that all relationships be optional, the following are not: Item: list',
    negative: cleanItemList,
  },
  {
    id: 'CK004',
    positive: modelXml(`${entityXml('List', '        <attribute name="title" optional="YES" attributeType="String"/>')}\n${rel('optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List"')}`),
    at: 'list',
    message: 'CloudKit integration requires that all relationships have an inverse, the following do not: Item: list',
    negative: cleanItemList,
  },
  {
    id: 'CK005',
    positive: modelXml(`${entityXml('List', `        <relationship name="items" optional="YES" toMany="YES" deletionRule="Cascade" ordered="YES" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>`)}\n${rel('optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"')}`),
    at: 'ordered="YES"',
    message: 'CloudKit integration does not support ordered relationships. The following relationships are marked ordered: List: items',
    negative: cleanItemList,
  },
  {
    id: 'CK006',
    positive: modelXml(`${listEntity}\n${rel('optional="YES" maxCount="1" deletionRule="Deny" destinationEntity="List" inverseName="items" inverseEntity="List"')}`),
    at: 'deletionRule="Deny"',
    message: 'The following relationships are configured with unsupported delete rules: Item:list - Deny',
    negative: cleanItemList,
  },
  {
    id: 'CK007',
    severity: 'warning',
    positive: modelXml(`${listEntity}\n${rel('optional="YES" maxCount="1" deletionRule="No Action" destinationEntity="List" inverseName="items" inverseEntity="List"')}`),
    at: 'deletionRule="No Action"',
    negative: cleanItemList,
  },
  {
    id: 'CK008',
    positive: ckItem('        <attribute name="url" optional="YES" transient="YES" syncable="YES"/>'),
    at: 'url',
    message: 'CloudKit integration does not support all attribute types. The following entities have attributes of an unsupported type: Item: url - Unsupported attribute type (Undefined)',
    negative: ckItem('        <attribute name="url" optional="YES" attributeType="URI"/>\n        <attribute name="shape" optional="YES" attributeType="Composite" composite="Shape"/>'),
  },
  {
    id: 'CK009',
    positive: modelXml(`${listEntity}\n${itemWith('<relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>')}
    <configuration name="Cloud" usedWithCloudKit="YES">
        <memberEntity name="Item"/>
    </configuration>`, { cloudKit: false }),
    at: 'destinationEntity="List"',
    message: "CloudKit integration does not allow relationships to objects that aren't sync'd. The following relationships have destination entities that not in the specified configuration. Item: list - List (configuration 'Cloud')",
    negative: modelXml(`${cleanItemList.replace(/^[\s\S]*?\n<model[^\n]*\n/, '').replace(/\n<\/model>$/, '')}
    <configuration name="Cloud" usedWithCloudKit="YES">
        <memberEntity name="Item"/>
        <memberEntity name="List"/>
    </configuration>`, { cloudKit: false }),
  },
  {
    id: 'CK010',
    severity: 'warning',
    positive: ckItem('        <attribute name="photo" optional="YES" attributeType="Transformable" valueTransformerName="" customClassName="UIKit.UIImage"/>'),
    at: 'valueTransformerName=""',
    negative: ckItem('        <attribute name="photo" optional="YES" attributeType="Transformable" valueTransformerName="ImageTransformer" customClassName="UIKit.UIImage"/>\n        <attribute name="thumb" optional="YES" transient="YES" attributeType="Transformable"/>'),
  },
  {
    id: 'CK011',
    positive: modelXml(`${wideEntity('Wide', 130)}\n${wideEntity('WideChild', 126, ' parentEntity="Wide"', 'g')}`),
    at: 'Wide',
    message: 'Record type CD_Wide has 257 fields over the hierarchy Wide, WideChild and may get 2 more; CloudKit allows 256 per record type: '
      + '1 Core Data field (CD_entityName), 256 attributes, 0 to-one relationships; may be added: 2 move receipt fields (CD_moveReceipt, '
      + 'CD_moveReceipt_ckAsset: when a record is shared or moved, or after initializeCloudKitSchema), 0 _ckAsset companions (when a value '
      + 'is too large for the record, or after initializeCloudKitSchema). Split the entity into several entities.',
    negative: modelXml(wideEntity('Wide', 196)),
  },
  {
    id: 'CK012',
    positive: ckItem(`        <attribute name="cache" attributeType="Binary">
            <userInfo>
                <entry key="NSCloudKitMirroringDelegateIgnoredPropertyKey" value="YES"/>
            </userInfo>
        </attribute>`),
    at: '<entry key="NSCloudKitMirroringDelegateIgnoredPropertyKey" value="YES"/>',
    message: "The following attributes have invalid values for 'NSCloudKitMirroringDelegateIgnoredPropertyKey': Item: cache - attribute is not optional",
    negative: ckItem(`        <attribute name="cache" optional="YES" attributeType="Binary">
            <userInfo>
                <entry key="NSCloudKitMirroringDelegateIgnoredPropertyKey" value="YES"/>
            </userInfo>
        </attribute>`),
  },
  {
    id: 'CK013',
    positive: modelXml(entityXml('Item', `        <attribute name="secret" optional="YES" attributeType="String"/>
        <userInfo>
            <entry key="NSPersistentCloudKitContainerEncryptedAttributeKey" value="YES"/>
        </userInfo>`)),
    at: '<entry key="NSPersistentCloudKitContainerEncryptedAttributeKey" value="YES"/>',
    message: "The following entities have invalid values: Item: NSPersistentCloudKitContainerEncryptedAttributeKey cannot be applied to an entity type'",
    negative: ckItem('        <attribute name="secret" optional="YES" attributeType="String" allowsCloudEncryption="YES"/>'),
  },
  {
    id: 'CK014',
    positive: modelXml(`${entityXml('Item', '        <attribute name="name" optional="YES" attributeType="String"/>')}\n    <configuration name="Cloud" usedWithCloudKit="YES"/>`, { cloudKit: false }),
    at: 'Cloud',
    message: "The configuration named 'Cloud' does not contain any entities.",
    negative: modelXml(`${entityXml('Item', '        <attribute name="name" optional="YES" attributeType="String"/>')}\n    <configuration name="Cloud" usedWithCloudKit="YES">\n        <memberEntity name="Item"/>\n    </configuration>`, { cloudKit: false }),
  },
  {
    id: 'CK015',
    severity: 'warning',
    positive: ckItem('        <attribute name="photo" optional="YES" attributeType="Binary"/>\n        <attribute name="photo_ckAsset" optional="YES" attributeType="String"/>'),
    at: 'photo_ckAsset',
    message: 'Item.photo_ckAsset maps to the CloudKit field CD_photo_ckAsset of record type CD_Item, which is also the asset companion of Item.photo. Rename the property.',
    negative: ckItem('        <attribute name="photo" optional="YES" attributeType="Binary"/>\n        <attribute name="photoAsset" optional="YES" attributeType="String"/>'),
  },
  {
    id: 'CK017',
    severity: 'info',
    positive: modelXml(entityXml('Item', '        <attribute name="name" attributeType="String"/>'), { cloudKit: false }),
    at: 'model',
    negative: modelXml(entityXml('Item', '        <attribute name="name" optional="YES" attributeType="String"/>')),
  },
  {
    id: 'CK019',
    positive: ckItem('        <attribute name="a&quot;b" optional="YES" attributeType="String"/>'),
    at: 'a&quot;b',
    negative: ckItem('        <attribute name="a_b2" optional="YES" attributeType="String"/>\n        <attribute name="x&quot;y" optional="YES" transient="YES" attributeType="String"/>'),
  },
];

describe('model rules', () => {
  it('every rule has a case here and a unique id, title and doc link', () => {
    const ids = allRules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of allRules) {
      assert.match(r.docUrl, new RegExp(`/docs/rules/${r.id}\\.md$`));
      assert.ok(r.title.length > 0);
      if (r.id !== 'CK018') assert.ok(cases.some((c) => c.id === r.id), `no test case for ${r.id}`);
      const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', `${r.id}.md`), 'utf8');
      assert.ok(doc.startsWith(`# ${r.id}: ${r.title}\n`), `docs/rules/${r.id}.md title`);
      for (const section of ['## What it checks', '## Why', '## How to fix', '## Example']) assert.ok(doc.includes(section), `${r.id}: ${section}`);
    }
  });

  for (const c of cases) {
    describe(c.id, () => {
      it('reports the positive case at the exact range, with Apple\'s wording', () => {
        const found = of(lint(c.positive), c.id);
        assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
        const f = found[0];
        assert.equal(textAt(c.positive, f), c.at);
        // The range, worked out from the text here (not with LineIndex, the code under test): start and end.
        const before = c.positive.slice(0, f.span.start).split('\n');
        const upToEnd = c.positive.slice(0, f.span.end).split('\n');
        assert.deepEqual(f.range, {
          start: { line: before.length - 1, character: before[before.length - 1].length },
          end: { line: upToEnd.length - 1, character: upToEnd[upToEnd.length - 1].length },
        });
        assert.equal(f.severity, c.severity ?? 'error');
        if (c.message) assert.equal(f.message, c.message);
        assert.match(f.docUrl ?? '', new RegExp(`${c.id}\\.md$`));
      });
      it('is silent on the negative case', () => {
        assert.deepEqual(lint(c.negative).filter((f) => f.ruleId !== 'CK010' || c.id === 'CK010').map((f) => `${f.ruleId} ${f.message}`), []);
      });
    });
  }

  it('CK002 treats a date default (defaultDateTimeInterval) as a default, and transient attributes are still checked', () => {
    const t = ckItem('        <attribute name="when" attributeType="Date" defaultDateTimeInterval="0"/>\n        <attribute name="tmp" transient="YES" attributeType="String"/>');
    assert.deepEqual(of(lint(t), 'CK002').map((f) => textAt(t, f)), ['tmp']);
  });

  it('CK004 flags an inverseName that names nothing, at the inverseName attribute', () => {
    const t = modelXml(`${listEntity.replace('inverseName="list"', 'inverseName="owner"')}\n${itemWith('<relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>')}`);
    const f = of(lint(t), 'CK004');
    assert.equal(f.length, 1);
    assert.equal(textAt(t, f[0]), 'inverseName="owner"');
    assert.match(f[0].message, /List: items \(inverse 'owner' is not a relationship of Item\)$/);
    assert.equal(textAt(t, f[0].related![0]), 'Item');
  });

  it('CK008 reports ObjectID at its attributeType', () => {
    const t = ckItem('        <attribute name="ref" optional="YES" attributeType="Object ID"/>');
    const f = of(lint(t), 'CK008');
    assert.equal(textAt(t, f[0]), 'attributeType="Object ID"');
    assert.match(f[0].message, /Item: ref - Unsupported attribute type \(ObjectID\)$/);
  });

  it('CK009 points its related location at the configuration', () => {
    const c = cases.find((x) => x.id === 'CK009')!;
    const f = of(lint(c.positive), 'CK009')[0];
    assert.equal(textAt(c.positive, f.related![0]), 'Cloud');
  });

  it('CK011 warns from 200 fields counting what may be added, and is an error only when the fields alone are above 256', () => {
    const count = (n: number) => of(lint(modelXml(wideEntity('Wide', n))), 'CK011');
    assert.deepEqual(count(196), []); // 197 fields + 2 move receipt fields that may be added
    assert.equal(count(197)[0].severity, 'warning'); // 198 + 2
    assert.equal(count(253)[0].severity, 'warning'); // 254 + 2
    // 254 attributes: 255 fields. CD_moveReceipt(_ckAsset) exist only on shared or moved records
    // (OCCloudKitSerializer.m:682): they may push it over 256, they are not fields yet.
    assert.equal(count(254)[0].severity, 'warning');
    assert.equal(count(255)[0].severity, 'warning'); // 256
    assert.equal(count(256)[0].severity, 'error'); // 257
    assert.match(count(197)[0].message, /^Record type CD_Wide has 198 fields and may get 2 more; CloudKit allows 256 per record type \(warning from 200\)/);
  });

  it('CK011 counts asset companions and to-one relationships from mapping.ts', () => {
    const t = modelXml(`${entityXml('Big', [
      ...Array.from({ length: 98 }, (_, i) => `        <attribute name="s${i}" optional="YES" attributeType="String"/>`),
      '        <relationship name="owner" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Owner" inverseName="bigs" inverseEntity="Owner"/>',
    ].join('\n'))}\n${entityXml('Owner', '        <relationship name="bigs" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Big" inverseName="owner" inverseEntity="Big"/>')}`);
    const f = of(lint(t), 'CK011');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /has 100 fields and may get 100 more.*98 attributes, 1 to-one relationships; may be added: 2 move receipt fields .*, 98 _ckAsset companions/);
    assert.equal(f[0].severity, 'warning');
  });

  it('CK012 flags an ignored relationship', () => {
    const t = modelXml(`${listEntity}\n${itemWith(`<relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List">
            <userInfo>
                <entry key="NSCloudKitMirroringDelegateIgnoredPropertyKey" value="1"/>
            </userInfo>
        </relationship>`)}`);
    const f = of(lint(t), 'CK012');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /Item:list$/);
  });

  it('CK013 flags the legacy key on a relationship and together with allowsCloudEncryption', () => {
    const t = ckItem(`        <attribute name="secret" optional="YES" attributeType="String" allowsCloudEncryption="YES">
            <userInfo>
                <entry key="NSPersistentCloudKitContainerEncryptedAttributeKey" value="YES"/>
            </userInfo>
        </attribute>`);
    const f = of(lint(t), 'CK013');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /^The following attributes have invalid values: Item:secret - Encryption value should be set via/);
    assert.equal(textAt(t, f[0].related![0]), 'allowsCloudEncryption="YES"');
  });

  it('CK015 flags attributes named after Core Data\'s own fields', () => {
    const t = ckItem('        <attribute name="entityName" optional="YES" attributeType="String"/>\n        <attribute name="moveReceipt" optional="YES" attributeType="Binary"/>');
    assert.deepEqual(of(lint(t), 'CK015').map((f) => textAt(t, f)), ['entityName', 'moveReceipt']);
  });

  it('CK018 estimates the static record size and reports above 700,000 bytes', () => {
    const long = 'x'.repeat(240);
    const t = modelXml(wideEntity('Huge', 2900, '', long));
    const f = of(lint(t, { severities: { CK011: 'off' } }), 'CK018');
    assert.equal(f.length, 1);
    assert.equal(textAt(t, f[0]), 'Huge');
    assert.match(f[0].message, /^CloudKit integration requires that all entities can be materialized in a CKRecord of less than 700000 bytes\. The following entities cannot: Huge: Estimated size \d+ bytes$/);
    assert.deepEqual(of(lint(modelXml(wideEntity('Huge', 100, '', long))), 'CK018'), []);
  });

  it('CK018 pins the estimate: key `CD_<name>` plus 8 bytes per number, 36 per UUID', () => {
    // 2,900 Integer 64 attributes named x{240}0 .. x{240}2899: 2,900 * (3 + 240 + 8) bytes plus the index
    // digits (10 * 1 + 90 * 2 + 900 * 3 + 1,900 * 4 = 10,490), worked out by hand: 738,390.
    const long = 'x'.repeat(240);
    const t = modelXml(wideEntity('Huge', 2900, '', long));
    assert.deepEqual(of(lint(t, { severities: { CK011: 'off' } }), 'CK018').map((f) => f.message.replace(/^.*: (?=Huge:)/, '')),
      ['Huge: Estimated size 738390 bytes']);
    // One UUID attribute more (`CD_u` + 36 bytes) gives 738,390 + 3 + 1 + 36.
    const withUuid = modelXml(wideEntity('Huge', 2900, '', long).replace('</entity>', '        <attribute name="u" optional="YES" attributeType="UUID"/>\n    </entity>'));
    assert.deepEqual(of(lint(withUuid, { severities: { CK011: 'off' } }), 'CK018').map((f) => /Estimated size (\d+)/.exec(f.message)?.[1]), ['738430']);
  });

  it('CK018 leaves variable-length attributes (String, Binary Data, URI, Transformable) out of the estimate', () => {
    // 3,000 attributes with 240-character names of each variable-length type: counted as fixed-size they
    // would pass 700,000 bytes; the validator's static record holds none of them (OCCloudKitSerializer.m:258-268).
    const long = 'v'.repeat(240);
    for (const type of ['String', 'Binary', 'URI', 'Transformable']) {
      const attrs = Array.from({ length: 3000 }, (_, i) => `        <attribute name="${long}${i}" optional="YES" attributeType="${type}"${type === 'Transformable' ? ' valueTransformerName="NSSecureUnarchiveFromData"' : ''}/>`);
      const t = modelXml(entityXml('Wide', attrs.join('\n')));
      assert.deepEqual(of(lint(t, { severities: { CK011: 'off' } }), 'CK018'), [], type);
    }
  });

  describe('scope and options', () => {
    const unflagged = modelXml(entityXml('Item', '        <attribute name="name" attributeType="String"/>'), { cloudKit: false });
    it('auto: no flag, no CloudKit findings, one CK017 info', () => {
      assert.deepEqual(lint(unflagged).map((f) => f.ruleId), ['CK017']);
    });
    it('always: lints the Default configuration without the flag, and never: lints nothing', () => {
      assert.deepEqual(lint(unflagged, { mode: 'always' }).map((f) => f.ruleId), ['CK002']);
      assert.deepEqual(lint(cases[1].positive, { mode: 'never' }), []);
    });
    it('only members of a CloudKit configuration are checked', () => {
      const t = modelXml(`${entityXml('Item', '        <attribute name="name" attributeType="String"/>')}\n${entityXml('Local', '        <attribute name="name" attributeType="String"/>')}
    <configuration name="Cloud" usedWithCloudKit="YES">
        <memberEntity name="Item"/>
    </configuration>`, { cloudKit: false });
      assert.deepEqual(lint(t).map((f) => `${f.ruleId} ${textAt(t, f)} ${f.message.slice(-10)}`), ['CK002 name Item: name']);
    });
    it('attributes inherited by a mirrored subentity are checked at their declaration', () => {
      const t = modelXml(`${entityXml('Base', '        <attribute name="name" attributeType="String"/>', ' isAbstract="YES"')}\n${entityXml('Sub', '        <attribute name="x" optional="YES" attributeType="String"/>', ' parentEntity="Base"')}
    <configuration name="Cloud" usedWithCloudKit="YES">
        <memberEntity name="Sub"/>
    </configuration>`, { cloudKit: false });
      assert.deepEqual(lint(t).map((f) => f.ruleId), ['CK002']);
    });
    it('severity overrides change or switch off a rule', () => {
      assert.equal(lint(cases[1].positive, { severities: { CK002: 'warning' } })[0].severity, 'warning');
      assert.deepEqual(lint(cases[1].positive, { severities: { CK002: 'off' } }), []);
    });
  });
});

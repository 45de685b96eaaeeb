import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import type { EntityIR } from '../../../src/core/model/ir';
import { lintModel } from '../../../src/core/rules';
import { estimatedStaticRecordSize } from '../../../src/core/rules/CK018-record-size';
import { plural } from '../../../src/core/rules/CK004-relationship-inverse';
import type { Finding } from '../../../src/core/findings';
import { entityXml, modelXml } from './fixtures';

/**
 * Edges of the model rules that mutation testing (docs/testing.md) found unpinned: each case alone (not
 * hidden behind another case of the same rule), boundaries at the exact limit, and the parts of a message.
 */
function lint(text: string, severities: Record<string, 'off'> = {}): Finding[] {
  const { model, editor } = readModelXml(text);
  assert.deepEqual(model.problems, [], 'fixture must read cleanly');
  return lintModel(model, editor, { severities });
}
const texts = (text: string, fs: Finding[], id: string): string[] => fs.filter((f) => f.ruleId === id).map((f) => text.slice(f.span.start, f.span.end));
const attr = (name: string, type = 'String', extra = '') => `        <attribute name="${name}" optional="YES" attributeType="${type}"${extra}/>`;
const item = (children: string) => modelXml(entityXml('Item', children));

describe('model rules: edges found by mutation testing', () => {
  describe('CK015: each reserved name on its own', () => {
    for (const [name, other] of [
      ['entityName', 'the entity name Core Data stores on every record'],
      ['moveReceipt', 'the move receipt Core Data writes when a record is shared or moved'],
    ]) {
      it(`an attribute named ${name}`, () => {
        const t = item(attr(name));
        const f = lint(t).filter((x) => x.ruleId === 'CK015');
        assert.deepEqual(texts(t, f, 'CK015'), [name]);
        assert.equal(f[0].message, `Item.${name} maps to the CloudKit field CD_${name} of record type CD_Item, which is also ${other}. Rename the property.`);
      });
    }

    it('a to-one relationship named entityName, and no finding for a to-many one', () => {
      const toOne = modelXml(`${entityXml('Item', '        <relationship name="entityName" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Tag" inverseName="items" inverseEntity="Tag"/>')}
${entityXml('Tag', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="entityName" inverseEntity="Item"/>')}`);
      const f = lint(toOne).filter((x) => x.ruleId === 'CK015');
      assert.deepEqual(texts(toOne, f, 'CK015'), ['entityName']);
      assert.match(f[0].message, /^Item\.entityName maps to the CloudKit field CD_entityName of record type CD_Item, which is also the entity name/);
    });

    it('names that only look reserved are not reported', () => {
      const t = item(`${attr('entityNames')}\n${attr('moveReceipts')}\n${attr('photo_ckAssets')}\n${attr('ckAsset')}`);
      assert.deepEqual(texts(t, lint(t), 'CK015'), []);
    });
  });

  describe('CK018: the estimate byte by byte, and the 700,000-byte bound', () => {
    const sizeOf = (entity: EntityIR): number => estimatedStaticRecordSize(entity, new Map([[entity.name, entity]]));
    const entityOf = (children: string): EntityIR => readModelXml(item(children)).model.entities[0];

    it('counts a name\'s UTF-8 bytes: 1, 2, 3 and 4 (a surrogate pair) per character, 3 for a lone surrogate', () => {
      // key `CD_<name>` + 8 bytes per Integer 64 value: 3 + bytes + 8.
      assert.equal(sizeOf(entityOf(attr('a', 'Integer 64'))), 3 + 1 + 8);
      assert.equal(sizeOf(entityOf(attr('é', 'Integer 64'))), 3 + 2 + 8);
      assert.equal(sizeOf(entityOf(attr('中', 'Integer 64'))), 3 + 3 + 8);
      assert.equal(sizeOf(entityOf(attr('😀', 'Integer 64'))), 3 + 4 + 8);
      assert.equal(sizeOf(entityOf(attr('a😀b', 'Integer 64'))), 3 + 6 + 8);
      // A lone surrogate cannot be written in XML: the same entity with the name replaced.
      const e = entityOf(attr('x', 'Integer 64'));
      // The reader's nodes compute fields on demand: inherit from the real attribute, override its name.
      const renamed = (name: string): EntityIR => Object.create(e, { attributes: { value: [Object.create(e.attributes[0], { name: { value: name } })] } }) as EntityIR;
      assert.equal(sizeOf(renamed('a\ud800b')), 3 + 5 + 8);
      assert.equal(sizeOf(renamed('a\ud800')), 3 + 4 + 8);
      // 36 bytes for a UUID, 8 for a date or a boolean, nothing for variable-length types or transient attributes.
      assert.equal(sizeOf(entityOf(`${attr('u', 'UUID')}\n${attr('d', 'Date')}\n${attr('b', 'Boolean')}\n${attr('s')}\n${attr('t', 'Integer 64', ' transient="YES"')}`)),
        (3 + 1 + 36) + (3 + 1 + 8) + (3 + 1 + 8));
    });

    it('exactly 700,000 bytes passes, 700,012 does not', () => {
      // 2,000 Integer 64 attributes with 339-character names: 2,000 * (3 + 339 + 8) = 700,000.
      const names = Array.from({ length: 2000 }, (_, i) => `${'n'.repeat(335)}${String(i).padStart(4, '0')}`);
      const exact = names.map((n) => attr(n, 'Integer 64')).join('\n');
      assert.deepEqual(texts('', lint(item(exact), { CK011: 'off' }), 'CK018'), []);
      const over = lint(item(`${exact}\n${attr('b', 'Integer 64')}`), { CK011: 'off' }).filter((f) => f.ruleId === 'CK018');
      assert.deepEqual(over.map((f) => /Estimated size (\d+) bytes/.exec(f.message)?.[1]), ['700012']);
    });

    it('many short names: the per-value bytes alone pass the limit (the quick bound must count them)', () => {
      // 17,000 UUID attributes u0..u16999: 17,000 * (3 + 36) bytes + 17,000 'u' + 73,890 index digits (10 * 1 + 90 * 2 + 900 * 3 + 9,000 * 4 + 7,000 * 5) = 753,890.
      const many = Array.from({ length: 17000 }, (_, i) => attr(`u${i}`, 'UUID')).join('\n');
      const f = lint(item(many), { CK011: 'off' }).filter((x) => x.ruleId === 'CK018');
      assert.deepEqual(f.map((x) => /Estimated size (\d+) bytes/.exec(x.message)?.[1]), ['753890']);
    });
  });

  describe('CK019: entities and to-one relationships too', () => {
    it('an entity name CloudKit cannot hold', () => {
      const t = modelXml(entityXml('Bad-Name', attr('title')));
      const f = lint(t).filter((x) => x.ruleId === 'CK019');
      assert.deepEqual(texts(t, f, 'CK019'), ['Bad-Name']);
      assert.equal(f[0].message, 'Entity "Bad-Name" becomes the record type "CD_Bad-Name", which CloudKit cannot hold: CloudKit type and field names are letters, digits and underscores, starting with a letter. Rename the entity.');
    });

    it('a to-one relationship is a field; a to-many one is not', () => {
      const t = modelXml(`${entityXml('Item', '        <relationship name="the-list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="all-items" inverseEntity="List"/>')}
${entityXml('List', '        <relationship name="all-items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="the-list" inverseEntity="Item"/>')}`);
      const f = lint(t).filter((x) => x.ruleId === 'CK019');
      assert.deepEqual(texts(t, f, 'CK019'), ['the-list']);
      assert.equal(f[0].message, 'Item."the-list" becomes the field "CD_the-list", which CloudKit cannot hold: CloudKit type and field names are letters, digits and underscores, starting with a letter. Rename the relationship.');
    });
  });

  describe('CK013 on a relationship', () => {
    it('reports the legacy encryption key on a relationship, with the validator\'s message', () => {
      const t = modelXml(`${entityXml('Item', `        <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List">
            <userInfo>
                <entry key="other" value="1"/>
                <entry key="NSPersistentCloudKitContainerEncryptedAttributeKey" value="YES"/>
            </userInfo>
        </relationship>`)}
${entityXml('List', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>')}`);
      const f = lint(t).filter((x) => x.ruleId === 'CK013');
      assert.deepEqual(texts(t, f, 'CK013'), ['<entry key="NSPersistentCloudKitContainerEncryptedAttributeKey" value="YES"/>']);
      assert.equal(f[0].message, "CloudKit integration does not support encrypted relationships. The following entities and relationships are marked with 'NSPersistentCloudKitContainerEncryptedAttributeKey': Item:list");
    });

    it('another userInfo key on a relationship or an attribute is not reported', () => {
      const t = item(`        <attribute name="a" optional="YES" attributeType="String" allowsCloudEncryption="YES">
            <userInfo>
                <entry key="other" value="1"/>
            </userInfo>
        </attribute>`);
      assert.deepEqual(texts(t, lint(t), 'CK013'), []);
    });
  });

  describe('fix titles and the inverse a CK004 fix adds', () => {
    it('CK002 offers "optional" and a default of the attribute\'s type', () => {
      const t = item(['Integer 32', 'Double', 'Boolean', 'String', 'Date', 'UUID'].map((ty, i) => `        <attribute name="a${i}" attributeType="${ty}"/>`).join('\n'));
      const titles = lint(t).filter((f) => f.ruleId === 'CK002').map((f) => (f.fixes ?? []).map((x) => x.title));
      assert.deepEqual(titles, [
        ['Make Item.a0 optional', 'Give Item.a0 the default value 0'],
        ['Make Item.a1 optional', 'Give Item.a1 the default value 0.0'],
        ['Make Item.a2 optional', 'Give Item.a2 the default value NO'],
        ['Make Item.a3 optional', 'Give Item.a3 the default value an empty string'],
        ['Make Item.a4 optional', 'Give Item.a4 the default value 2001-01-01 (defaultDateTimeInterval 0)'],
        ['Make Item.a5 optional'],
      ]);
    });

    it('CK004: the inverse is named after the owner, plural for a to-many, unique in the destination', () => {
      const rel = (owner: string, dest: string, toMany: boolean, destChildren = '') => modelXml(`${entityXml(owner, `        <relationship name="r" optional="YES"${toMany ? ' toMany="YES"' : ' maxCount="1"'} deletionRule="Nullify" destinationEntity="${dest}"/>`)}
${entityXml(dest, destChildren || attr('title'))}`);
      const titleOf = (t: string) => lint(t).filter((f) => f.ruleId === 'CK004').map((f) => f.fixes?.[0]?.title);
      assert.deepEqual(titleOf(rel('Category', 'Box', false)), ['Add the inverse relationship Box.categories (to-many)']);
      assert.deepEqual(titleOf(rel('Box', 'Shelf', false)), ['Add the inverse relationship Shelf.boxes (to-many)']);
      assert.deepEqual(titleOf(rel('Item', 'List', true)), ['Add the inverse relationship List.item (to-one)']);
      assert.deepEqual(titleOf(rel('Item', 'List', false, `${attr('items')}\n${attr('items2')}`)), ['Add the inverse relationship List.items3 (to-many)']);
      assert.deepEqual(['entry', 'day', 'box', 'bus', 'quiz', 'match', 'wish', 'item', 'Key'].map(plural),
        ['entries', 'days', 'boxes', 'buses', 'quizes', 'matches', 'wishes', 'items', 'Keys']);
    });

    it('CK004: a dangling inverse name points at its attribute and names the entity it is missing from', () => {
      const t = modelXml(`${entityXml('Item', '        <relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="nope" inverseEntity="List"/>')}
${entityXml('List', attr('title'))}`);
      const f = lint(t).filter((x) => x.ruleId === 'CK004');
      assert.deepEqual(texts(t, f, 'CK004'), ['inverseName="nope"']);
      assert.match(f[0].message, /: Item: list \(inverse 'nope' is not a relationship of List\)$/);
      assert.equal(f[0].fixes, undefined, 'no fix: the user named an inverse');
      assert.equal(f[0].related?.[0].message, 'destination entity List');
    });
  });

  it('CK012 (attribute and relationship), CK007 and CK001: span, message, related location and fix, together', () => {
    const ig = '\n            <userInfo>\n                <entry key="NSCloudKitMirroringDelegateIgnoredPropertyKey" value="YES"/>\n            </userInfo>\n        ';
    const t = modelXml([
      entityXml('Item', [`        <attribute name="cache" attributeType="Binary">${ig}</attribute>`,
        `        <relationship name="list" maxCount="1" deletionRule="No Action" destinationEntity="List" inverseName="items" inverseEntity="List">${ig}</relationship>`].join('\n')),
      entityXml('List', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>\n'
        + '        <attribute name="code" optional="YES" attributeType="String"/>\n        <uniquenessConstraints>\n            <uniquenessConstraint>\n'
        + '                <constraint value="code"/>\n            </uniquenessConstraint>\n        </uniquenessConstraints>'),
    ].join('\n'));
    const { model, editor } = readModelXml(t);
    const at = (sp: { start: number; end: number }) => t.slice(sp.start, sp.end);
    const rows = lintModel(model, editor).filter((f) => ['CK012', 'CK007', 'CK001'].includes(f.ruleId))
      .map((f) => [f.ruleId, at(f.span), f.message, (f.related ?? []).map((r) => [at(r.span), r.message]), (f.fixes ?? []).map((x) => x.title)]);
    const entry = '<entry key="NSCloudKitMirroringDelegateIgnoredPropertyKey" value="YES"/>';
    assert.deepEqual(rows, [
      ['CK012', entry, 'The following attributes have invalid values for \'NSCloudKitMirroringDelegateIgnoredPropertyKey\': Item: cache - attribute is not optional',
        [['cache', 'attribute Item.cache']], ['Make Item.cache optional']],
      ['CK007', 'deletionRule="No Action"', 'The No Action deletion rule is accepted by CloudKit integration but leaves dangling references on the other side of the '
        + 'relationship, which then sync to every device: Item:list - No Action', [], ['Change the deletion rule of Item.list to Nullify']],
      ['CK012', entry, 'CloudKit integration does not support ignored relationships. The following entities and relationships are marked ignored using '
        + '\'NSCloudKitMirroringDelegateIgnoredPropertyKey\': Item:list', [['list', 'relationship Item.list']], []],
      ['CK001', '<uniquenessConstraint>\n                <constraint value="code"/>\n            </uniquenessConstraint>',
        'CloudKit integration does not support unique constraints. The following entities are constrained: List: code', [['List', 'entity List']], ['Remove the uniqueness constraints of List']],
    ]);
  });

  it('CK009: an inherited relationship names every member holding it (sorted) and where it is declared', () => {
    const rel = (n: string, d: string) => `        <relationship name="${n}" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="${d}"/>`;
    const t = modelXml([
      entityXml('Base', rel('local', 'Local')),
      entityXml('bSub', attr('x'), ' parentEntity="Base"'),
      entityXml('aSub', attr('y'), ' parentEntity="Base"'),
      entityXml('Item', `${rel('other', 'Local')}\n${rel('sub', 'aSub')}`),
      entityXml('Local', attr('z')),
      '    <configuration name="Cloud" usedWithCloudKit="YES">\n        <memberEntity name="bSub"/>\n        <memberEntity name="aSub"/>\n        <memberEntity name="Item"/>\n    </configuration>',
    ].join('\n'), { cloudKit: false });
    const { model, editor } = readModelXml(t);
    const at = (sp: { start: number; end: number }) => t.slice(sp.start, sp.end);
    const head = 'CloudKit integration does not allow relationships to objects that aren\'t sync\'d. The following relationships have destination entities that not in the specified configuration.';
    const related = [['Cloud', 'configuration Cloud (Used with CloudKit) does not include Local']];
    assert.deepEqual(lintModel(model, editor).filter((f) => f.ruleId === 'CK009').map((f) => [at(f.span), f.message, (f.related ?? []).map((r) => [at(r.span), r.message])]), [
      ['destinationEntity="Local"', `${head} aSub: local - Local; bSub: local - Local (configuration 'Cloud'; declared on Base)`, related],
      ['destinationEntity="Local"', `${head} Item: other - Local (configuration 'Cloud')`, related],
    ]);
  });
});

import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { fixAllEdits } from '../../../src/core/rules/fix-all';
import type { Finding, Fix } from '../../../src/core/findings';
import { applyEdits } from '../../../src/core/text/span';
import { entityXml, listEntity, itemWith, modelXml } from './fixtures';

const lint = (t: string): Finding[] => { const { model, editor } = readModelXml(t); return lintModel(model, editor); };
const key = (f: Finding): string => `${f.ruleId} ${f.message}`;

/**
 * Applies `fix`, re-reads the file and checks: it still reads cleanly, the finding is gone, every
 * other finding is unchanged, and the bytes outside the edited spans are the original bytes.
 */
function applyAndCheck(text: string, target: Finding, fix: Fix): string {
  const after = applyEdits(text, fix.edits);
  // Outside the edits, nothing moved: walk the edits in order and compare the untouched stretches.
  const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
  let oldAt = 0;
  let newAt = 0;
  for (const e of edits) {
    const keep = e.span.start - oldAt;
    assert.equal(after.slice(newAt, newAt + keep), text.slice(oldAt, e.span.start));
    newAt += keep + e.newText.length;
    oldAt = e.span.end;
    // A fix replaces at most one element; never a re-serialization of the file.
    assert.ok(e.span.end - e.span.start < 400, `edit too large: ${JSON.stringify(text.slice(e.span.start, e.span.end))}`);
  }
  assert.equal(after.slice(newAt), text.slice(oldAt));
  const { model } = readModelXml(after);
  assert.deepEqual(model.problems, [], `fixed file must read cleanly:\n${after}`);
  const before = lint(text).map(key);
  const now = lint(after).map(key);
  assert.ok(!now.includes(key(target)), `finding still there after "${fix.title}":\n${after}`);
  const expected = [...before];
  expected.splice(expected.indexOf(key(target)), 1);
  // Fixes may resolve more than their own finding (an inverse fixes CK004 twice), never add one.
  for (const k of now) assert.ok(expected.includes(k), `new finding after "${fix.title}": ${k}\n${after}`);
  return after;
}

const ck = (body: string) => modelXml(body);

const fixtures: Record<string, string> = {
  CK001: ck(entityXml('Item', `        <attribute name="code" optional="YES" attributeType="String"/>
        <uniquenessConstraints>
            <uniquenessConstraint>
                <constraint value="code"/>
            </uniquenessConstraint>
        </uniquenessConstraints>`)),
  CK002: ck(entityXml('Item', [
    '        <attribute name="name" attributeType="String"/>',
    '        <attribute name="count" attributeType="Integer 32" usesScalarValueType="YES"/>',
    '        <attribute name="price" attributeType="Decimal"/>',
    '        <attribute name="done" attributeType="Boolean" usesScalarValueType="YES"/>',
    '        <attribute name="when" attributeType="Date" usesScalarValueType="NO"/>',
    '        <attribute name="id" attributeType="UUID" usesScalarValueType="NO"/>',
    '        <attribute name="weird" optional="NO" attributeType="Double"/>',
  ].join('\n'))),
  CK003: ck(`${listEntity}\n${itemWith('<relationship name="list" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>')}`),
  CK004: ck(`${entityXml('List', '        <attribute name="title" optional="YES" attributeType="String"/>')}\n${itemWith('<relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List"/>')}\n${entityXml('Tag', '        <relationship name="tags" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Tag"/>')}\n    <entity name="Empty" representedClassName="Empty" syncable="YES"/>\n${entityXml('Pin', '        <relationship name="empty" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Empty"/>')}`),
  CK005: ck(`${entityXml('List', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Cascade" ordered="YES" destinationEntity="Item" inverseName="list" inverseEntity="Item"/>')}\n${itemWith('<relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"/>')}`),
  CK006: ck(`${listEntity}\n${itemWith('<relationship name="list" optional="YES" maxCount="1" deletionRule="Deny" destinationEntity="List" inverseName="items" inverseEntity="List"/>')}`),
  CK007: ck(`${listEntity}\n${itemWith('<relationship name="list" optional="YES" maxCount="1" deletionRule="No Action" destinationEntity="List" inverseName="items" inverseEntity="List"/>')}`),
  CK012: ck(entityXml('Item', `        <attribute name="cache" attributeType="Binary">
            <userInfo>
                <entry key="NSCloudKitMirroringDelegateIgnoredPropertyKey" value="YES"/>
            </userInfo>
        </attribute>`)),
};

/**
 * How many findings each fixture has and how many fixes they offer in all, counted from the fixtures
 * above: CK002's seven attributes get a preferred "make optional" fix each, and six of them a "default
 * value" fix too (none for UUID); CK004's three relationships without an inverse one fix each.
 */
const FIXES_PER_FIXTURE: Readonly<Record<string, [findings: number, fixes: number]>> = {
  CK001: [1, 1], CK002: [7, 13], CK003: [1, 1], CK004: [3, 3], CK005: [1, 1], CK006: [1, 1], CK007: [1, 1], CK012: [1, 1],
};

describe('quick fixes', () => {
  for (const [id, text] of Object.entries(fixtures)) {
    it(`${id}: every fix removes its finding and touches only its own bytes`, () => {
      const targets = lint(text).filter((f) => f.ruleId === id);
      assert.ok(targets.length > 0, `fixture for ${id} has no finding`);
      let applied = 0;
      for (const t of targets) {
        assert.ok(t.fixes && t.fixes.length > 0, `${id} finding without a fix: ${t.message}`);
        assert.equal(t.fixes.filter((f) => f.isPreferred).length, 1, 'exactly one preferred fix');
        for (const f of t.fixes) { applyAndCheck(text, t, f); applied++; }
      }
      assert.deepEqual([targets.length, applied], FIXES_PER_FIXTURE[id], 'findings and fixes of the fixture');
    });
  }

  it('CK002 writes defaults of the right type where Xcode writes them, and none for UUID', () => {
    const text = fixtures.CK002;
    const byAttr = new Map(lint(text).filter((f) => f.ruleId === 'CK002').map((f) => [text.slice(f.span.start, f.span.end), f]));
    const defaultOf = (name: string) => {
      const f = byAttr.get(name)!.fixes!.find((x) => !x.isPreferred);
      return f ? applyEdits(text, f.edits).split('\n').find((l) => l.includes(`name="${name}"`))!.trim() : undefined;
    };
    assert.equal(defaultOf('name'), '<attribute name="name" attributeType="String" defaultValueString=""/>');
    assert.equal(defaultOf('count'), '<attribute name="count" attributeType="Integer 32" defaultValueString="0" usesScalarValueType="YES"/>');
    assert.equal(defaultOf('price'), '<attribute name="price" attributeType="Decimal" defaultValueString="0.0"/>');
    assert.equal(defaultOf('done'), '<attribute name="done" attributeType="Boolean" defaultValueString="NO" usesScalarValueType="YES"/>');
    assert.equal(defaultOf('when'), '<attribute name="when" attributeType="Date" defaultDateTimeInterval="0" usesScalarValueType="NO"/>');
    assert.equal(defaultOf('id'), undefined);
    const optional = byAttr.get('weird')!.fixes!.find((x) => x.isPreferred)!;
    assert.match(applyEdits(text, optional.edits), /<attribute name="weird" optional="YES" attributeType="Double"\/>/);
    const opt = byAttr.get('name')!.fixes!.find((x) => x.isPreferred)!;
    assert.match(applyEdits(text, opt.edits), /<attribute name="name" optional="YES" attributeType="String"\/>/);
  });

  it('CK004 adds the inverse in the destination entity, in Xcode\'s layout', () => {
    const text = fixtures.CK004;
    const f = lint(text).find((x) => x.ruleId === 'CK004' && text.slice(x.span.start, x.span.end) === 'list')!;
    const after = applyEdits(text, f.fixes![0].edits);
    assert.match(after, /\n        <attribute name="title" optional="YES" attributeType="String"\/>\n        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="list" inverseEntity="Item"\/>\n    <\/entity>/);
    assert.match(after, /<relationship name="list" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="List" inverseName="items" inverseEntity="List"\/>/);
    // A self-relationship and an entity written as <entity .../> get their inverse too.
    const self = lint(text).find((x) => x.ruleId === 'CK004' && text.slice(x.span.start, x.span.end) === 'tags')!;
    assert.match(applyEdits(text, self.fixes![0].edits), /<relationship name="tag" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Tag" inverseName="tags" inverseEntity="Tag"\/>/);
    const empty = lint(text).find((x) => x.ruleId === 'CK004' && text.slice(x.span.start, x.span.end) === 'empty')!;
    assert.match(applyEdits(text, empty.fixes![0].edits), /<entity name="Empty" representedClassName="Empty" syncable="YES">\n        <relationship name="pins" [^\n]*\/>\n    <\/entity>/);
  });

  it('CK001 removes the whole constraints block with its lines', () => {
    const text = fixtures.CK001;
    const f = lint(text).find((x) => x.ruleId === 'CK001')!;
    assert.equal(applyEdits(text, f.fixes![0].edits), modelXml(entityXml('Item', '        <attribute name="code" optional="YES" attributeType="String"/>')));
  });

  it('fix-all per rule and per file applies every preferred fix once and leaves the rest', () => {
    const text = modelXml(`${fixtures.CK002.replace(/^[\s\S]*?\n<model[^\n]*\n/, '').replace(/\n<\/model>$/, '')}\n${entityXml('List', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Deny" ordered="YES" destinationEntity="List"/>')}`);
    const findings = lint(text);
    const rule = applyEdits(text, fixAllEdits(findings, (f) => f.ruleId === 'CK002'));
    assert.deepEqual(lint(rule).filter((f) => f.ruleId === 'CK002'), []);
    assert.ok(lint(rule).some((f) => f.ruleId === 'CK006'));
    const all = applyEdits(text, fixAllEdits(findings, () => true));
    assert.deepEqual(lint(all).map((f) => f.ruleId), [], lint(all).map(key).join('\n'));
  });
});

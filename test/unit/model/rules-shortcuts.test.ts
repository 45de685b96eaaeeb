import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import type { Finding } from '../../../src/core/findings';
import { entityXml, modelXml, wideEntity } from './fixtures';

/**
 * CK015 and CK018 skip their exact computation when a cheap test proves there is nothing to report
 * (bench/cases/lint.bench.ts). These pin the cases on both sides of each shortcut.
 */
function lint(text: string): Finding[] {
  const { model, editor } = readModelXml(text);
  assert.deepEqual(model.problems, [], 'fixture must read cleanly');
  return lintModel(model, editor);
}
const textsOf = (text: string, fs: Finding[], id: string): string[] => fs.filter((f) => f.ruleId === id).map((f) => text.slice(f.span.start, f.span.end));
const attr = (name: string, type = 'String') => `        <attribute name="${name}" optional="YES" attributeType="${type}"/>`;
const toOne = (name: string, dest: string, inverse: string) =>
  `        <relationship name="${name}" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="${dest}" inverseName="${inverse}" inverseEntity="${dest}"/>`;
const toMany = (name: string, dest: string, inverse: string) =>
  `        <relationship name="${name}" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="${dest}" inverseName="${inverse}" inverseEntity="${dest}"/>`;

describe('rules: shortcuts keep the exact results', () => {
  it('CK015: a subentity redeclaring its parent\'s attributes lands in one field of one kind (no finding)', () => {
    const t = modelXml(`${entityXml('Base', `${attr('title')}\n${attr('count', 'Integer 64')}`)}\n${entityXml('Sub', `${attr('title')}\n${attr('count', 'Integer 64')}`, ' parentEntity="Base"')}`);
    assert.deepEqual(textsOf(t, lint(t), 'CK015'), []);
  });

  it('CK015: an attribute and a to-one relationship of the same name across the hierarchy share a field (both reported)', () => {
    const t = modelXml([
      entityXml('Base', attr('owner')),
      entityXml('Sub', toOne('owner', 'Person', 'subs'), ' parentEntity="Base"'),
      entityXml('Person', toMany('subs', 'Sub', 'owner')),
    ].join('\n'));
    const f = lint(t).filter((x) => x.ruleId === 'CK015');
    assert.deepEqual(textsOf(t, f, 'CK015'), ['owner', 'owner']);
    assert.match(f[0].message, /^Base\.owner maps to the CloudKit field CD_owner of record type CD_Base, which is also to-one relationship Sub\.owner\. Rename the property\.$/);
  });

  it('CK018: an entity over the cheap bound but under 700,000 bytes gets the exact estimate, and no finding', () => {
    // 1,000 attributes with 240-character names: the bound (3 bytes per character) says 759,000 bytes,
    // the estimate 251,000.
    const t = modelXml(wideEntity('Wide', 1000, '', 'y'.repeat(240)));
    const f = lint(t);
    assert.deepEqual(textsOf(t, f, 'CK018'), []);
    assert.ok(f.some((x) => x.ruleId === 'CK011'), 'the entity is linted (CK011 reports its 1,000 fields)');
  });

  it('CK018: the same entity through a parent chain is reported when the inherited fields pass 700,000 bytes', () => {
    const long = 'z'.repeat(240);
    const t = modelXml(`${wideEntity('Root', 1500, '', long)}\n${wideEntity('Leaf', 1500, ' parentEntity="Root"', `${long}b`)}`);
    assert.deepEqual(textsOf(t, lint(t), 'CK018'), ['Leaf']);
  });
});

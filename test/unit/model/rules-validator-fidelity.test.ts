import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { VALIDATOR } from '../../../src/core/rules/messages';
import type { Finding } from '../../../src/core/findings';
import { entityXml, modelXml, wideEntity } from './fixtures';

/**
 * Issue 13: the rules say what Apple's validator and serializer would (OpenCloudData
 * OCCloudKitModelValidator.m and OCCloudKitSerializer.m; line numbers in the rules' comments).
 */
function lint(text: string): Finding[] {
  const { model, editor } = readModelXml(text);
  assert.deepEqual(model.problems, [], 'fixture must read cleanly');
  return lintModel(model, editor);
}
const of = (fs: Finding[], id: string): Finding[] => fs.filter((f) => f.ruleId === id);
const textAt = (text: string, f: Finding): string => text.slice(f.span.start, f.span.end);

const inverse = (name: string, dest: string, inv: string, toMany = false) =>
  `        <relationship name="${name}" optional="YES"${toMany ? ' toMany="YES"' : ' maxCount="1"'} deletionRule="Nullify" destinationEntity="${dest}" inverseName="${inv}" inverseEntity="${dest}"/>`;

describe('rules: fidelity to the validator (issue 13)', () => {
  it('CK009 walks inherited relationships: a member whose ancestor points outside the configuration', () => {
    const t = modelXml([
      entityXml('Base', inverse('owner', 'Owner', 'bases')),
      entityXml('Note', '        <attribute name="text" optional="YES" attributeType="String"/>', ' parentEntity="Base"'),
      entityXml('Owner', inverse('bases', 'Base', 'owner', true)),
      '    <configuration name="Cloud" usedWithCloudKit="YES">\n        <memberEntity name="Note"/>\n    </configuration>',
    ].join('\n'), { cloudKit: false });
    const f = of(lint(t), 'CK009');
    assert.equal(f.length, 1);
    assert.equal(textAt(t, f[0]), 'destinationEntity="Owner"');
    assert.equal(f[0].message, `${VALIDATOR.configuration} Note: owner - Owner (configuration 'Cloud'; declared on Base)`);
  });

  it('names every configuration entity that inherits a problem, as the validator lists them', () => {
    const t = modelXml([
      entityXml('Post', '        <attribute name="title" attributeType="String"/>', ' isAbstract="YES"'),
      entityXml('TextPost', '        <attribute name="body" optional="YES" attributeType="String"/>', ' parentEntity="Post"'),
      entityXml('imagePost', '        <attribute name="image" optional="YES" attributeType="Binary"/>', ' parentEntity="Post"'),
    ].join('\n'));
    const f = of(lint(t), 'CK002');
    assert.equal(f.length, 1, 'one finding, at the declaration');
    assert.equal(textAt(t, f[0]), 'title');
    // Sorted case-insensitively, like localizedCaseInsensitiveCompare: (OCCloudKitModelValidator.m:584).
    assert.equal(f[0].message, `${VALIDATOR.attributeOptional} imagePost: title; Post: title; TextPost: title`);
  });

  it('an ancestor outside a named configuration is not named; its members are', () => {
    const t = modelXml([
      entityXml('Post', '        <attribute name="title" attributeType="String"/>'),
      entityXml('TextPost', '        <attribute name="body" optional="YES" attributeType="String"/>', ' parentEntity="Post"'),
      '    <configuration name="Cloud" usedWithCloudKit="YES">\n        <memberEntity name="TextPost"/>\n    </configuration>',
    ].join('\n'), { cloudKit: false });
    assert.deepEqual(of(lint(t), 'CK002').map((f) => f.message), [`${VALIDATOR.attributeOptional} TextPost: title`]);
  });

  it('CK018 sizes the configuration entities, not an ancestor the configuration leaves out', () => {
    const long = 'x'.repeat(240);
    const t = modelXml([
      wideEntity('Huge', 2900, ' isAbstract="YES"', long),
      entityXml('Part', '        <attribute name="p" optional="YES" attributeType="String"/>', ' parentEntity="Huge"'),
      '    <configuration name="Cloud" usedWithCloudKit="YES">\n        <memberEntity name="Part"/>\n    </configuration>',
    ].join('\n'), { cloudKit: false });
    const { model, editor } = readModelXml(t);
    const f = lintModel(model, editor, { severities: { CK011: 'off' } }).filter((x) => x.ruleId === 'CK018');
    assert.deepEqual(f.map((x) => x.message.replace(/.*cannot: /, '').replace(/\d+/, 'N')), ['Part: Estimated size N bytes']);
  });

  it('CK010 speaks in its own words: the validator skips an empty transformer name (OCCloudKitModelValidator.m:268)', () => {
    const t = modelXml(entityXml('Item', '        <attribute name="photo" optional="YES" attributeType="Transformable" valueTransformerName=""/>'));
    const [f] = of(lint(t), 'CK010');
    assert.doesNotMatch(f.message, /^CloudKit integration requires that the value transformers/);
    assert.match(f.message, /^Transformable attribute Item\.photo has no value transformer name, so Core Data decodes it with the deprecated, insecure NSKeyedUnarchiveFromData/);
  });

  it('CK011 counts only the subentities in the synced configuration (OCCloudKitSerializer.m:472)', () => {
    const t = modelXml([
      wideEntity('Wide', 150),
      wideEntity('LocalCache', 120, ' parentEntity="Wide"', 'c'),
      '    <configuration name="Cloud" usedWithCloudKit="YES">\n        <memberEntity name="Wide"/>\n    </configuration>',
    ].join('\n'), { cloudKit: false });
    assert.deepEqual(of(lint(t), 'CK011'), []);
    // The same hierarchy synced whole is over the limit.
    assert.equal(of(lint(modelXml(`${wideEntity('Wide', 150)}\n${wideEntity('LocalCache', 120, ' parentEntity="Wide"', 'c')}`)), 'CK011')[0].severity, 'error');
  });
});

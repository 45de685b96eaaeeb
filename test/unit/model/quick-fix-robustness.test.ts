import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import type { Finding } from '../../../src/core/findings';
import { applyEdits } from '../../../src/core/text/span';
import { entityXml, modelXml } from './fixtures';

/** Issue 17, "Quick fixes and schema output that produce broken files": each case failed before its fix. */
function lint(text: string): Finding[] {
  const { model, editor } = readModelXml(text);
  assert.deepEqual(model.problems, [], 'fixture must read cleanly');
  return lintModel(model, editor);
}
const of = (fs: Finding[], id: string): Finding[] => fs.filter((f) => f.ruleId === id);

describe('model quick fixes on hostile input (issue 17)', () => {
  it("CK004's inverse keeps the model readable for an entity named D'x, in a file that quotes with '", () => {
    // A self relationship with a stale inverseEntity and no inverseName: the fix rewrites inverseEntity in
    // place, inside the file's single quotes.
    const text = modelXml([
      `    <entity name='D&apos;x' representedClassName='Dx' syncable='YES'>\n        <relationship name='next' optional='YES' maxCount='1' deletionRule='Nullify' destinationEntity='D&apos;x' inverseEntity='Tag'/>\n    </entity>`,
      entityXml('Tag', '        <attribute name="label" optional="YES" attributeType="String"/>'),
    ].join('\n'));
    const [f] = of(lint(text), 'CK004');
    const after = applyEdits(text, f.fixes![0].edits);
    const { model } = readModelXml(after);
    assert.deepEqual(model.problems, []);
    const [next, inverse] = model.entities.find((e) => e.name === "D'x")!.relationships;
    assert.equal(next.inverseEntity, "D'x");
    assert.equal(next.inverseName, inverse.name);
    assert.equal(inverse.destinationEntity, "D'x");
    assert.equal(inverse.inverseEntity, "D'x");
    assert.deepEqual(of(lint(after), 'CK004'), []);
  });

  it("CK001's fix removes both <uniquenessConstraints> blocks of an entity, and the finding with them", () => {
    const block = (p: string) => `        <uniquenessConstraints>\n            <uniquenessConstraint>\n                <constraint value="${p}"/>\n            </uniquenessConstraint>\n        </uniquenessConstraints>`;
    const text = modelXml(entityXml('Item', [
      '        <attribute name="a" optional="YES" attributeType="String"/>',
      block('a'),
      '        <!-- <uniquenessConstraints> in a comment stays -->',
      '        <attribute name="b" optional="YES" attributeType="String"/>',
      block('b'),
    ].join('\n')));
    const findings = of(lint(text), 'CK001');
    assert.ok(findings.length >= 1);
    const after = applyEdits(text, findings[0].fixes![0].edits);
    assert.deepEqual(readModelXml(after).model.problems, []);
    assert.deepEqual(of(lint(after), 'CK001'), []);
    assert.ok(after.includes('<!-- <uniquenessConstraints> in a comment stays -->'));
    assert.ok(!after.includes('<uniquenessConstraint>'));
  });
});

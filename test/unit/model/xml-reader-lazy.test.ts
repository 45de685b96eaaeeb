import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { entityXml, modelXml } from './fixtures';

/**
 * The XML reader keeps offsets and flags per node and computes spans and rarely used fields when read
 * (bench/cases/lint.bench.ts). These pin that the computed values are the decoded XML values, and that
 * a ModelIR node still serializes in full to plain JSON data (the IR crosses boundaries as plain data).
 */
describe('model/xml reader: computed fields', () => {
  const text = modelXml(`${entityXml('Item', `        <attribute name="all" optional="YES" transient="YES" derived="YES" derivationExpression="a &gt;\tb" attributeType="Transformable" valueTransformerName="T" customClassName="[String]" allowsCloudEncryption="YES" allowsExternalBinaryDataStorage="YES" elementID="old&#10;id" preserveAfterDeletion="YES" usesScalarValueType="NO" composite="Point"/>
        <attribute name="none" attributeType="Integer 64" defaultValueString="0" usesScalarValueType="YES">
            <userInfo>
                <entry key="k" value="v"/>
            </userInfo>
        </attribute>
        <attribute name="date" attributeType="Date" defaultDateTimeInterval="12.5"/>`)}`);
  const { model } = readModelXml(text);
  const [all, none, date] = model.entities[0].attributes;

  it('reads every attribute field, decoded as saxes decodes it', () => {
    assert.deepEqual(model.problems, []);
    assert.deepEqual([all.optional, all.transient, all.derived, all.allowsCloudEncryption, all.allowsExternalBinaryDataStorage, all.preserveAfterDeletion, all.usesScalarValueType],
      [true, true, true, true, true, true, false]);
    assert.deepEqual([all.derivationExpression, all.valueTransformerName, all.customClassName, all.elementID, all.composite], ['a > b', 'T', '[String]', 'old\nid', 'Point']);
    assert.deepEqual([none.optional, none.transient, none.derived, none.allowsCloudEncryption, none.allowsExternalBinaryDataStorage, none.preserveAfterDeletion, none.usesScalarValueType],
      [false, false, false, false, false, false, true]);
    assert.deepEqual([none.derivationExpression, none.valueTransformerName, none.customClassName, none.elementID, none.composite, none.defaultValueString], [undefined, undefined, undefined, undefined, undefined, '0']);
    assert.equal(date.defaultDateTimeInterval, '12.5');
    assert.equal(all.kind, 'attribute');
  });

  it('gives the same spans however often and in whatever order they are read', () => {
    const head = none.headSpan;
    assert.equal(text.slice(head.start, head.end), '<attribute name="none" attributeType="Integer 64" defaultValueString="0" usesScalarValueType="YES">');
    assert.equal(text.slice(none.span.start, none.span.end).endsWith('</attribute>'), true);
    assert.equal(none.span.start, head.start);
    assert.equal(text.slice(all.span.start, all.span.end), text.slice(all.headSpan.start, all.headSpan.end));
    assert.equal(text.slice(all.attrs.elementID.valueSpan.start, all.attrs.elementID.valueSpan.end), 'old&#10;id');
    assert.equal(all.elementID, 'old\nid'); // after attrs is cached: same value (a character reference is not normalized, XML 1.0 §3.3.3)
    assert.deepEqual(none.userInfo.map((u) => [u.key, u.value]), [['k', 'v']]);
    assert.deepEqual(date.userInfo, []);
  });

  it('serializes a node to plain data with every IR field and its spans', () => {
    const json = JSON.parse(JSON.stringify(model.entities[0])) as { attributes: Record<string, unknown>[]; span: unknown; nameSpan: unknown };
    assert.deepEqual(json.span, model.entities[0].span);
    assert.deepEqual(json.nameSpan, model.entities[0].nameSpan);
    const a = json.attributes[1];
    assert.equal(a.kind, 'attribute');
    assert.equal(a.optional, false);
    assert.equal(a.usesScalarValueType, true);
    assert.equal(a.defaultValueString, '0');
    assert.deepEqual(a.span, none.span);
    assert.deepEqual(a.headSpan, none.headSpan);
    assert.deepEqual(a.userInfo, JSON.parse(JSON.stringify(none.userInfo)));
    assert.equal(json.attributes[0].transient, true);
    assert.equal(json.attributes[0].attrs, undefined); // never the document
    assert.equal(JSON.stringify(model.entities[0]).includes('<?xml'), false);
  });
});

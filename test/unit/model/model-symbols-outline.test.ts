import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { modelSymbols, type ModelSymbol } from '../../../src/core/model/symbols';
import type { Span } from '../../../src/core/text/span';

/**
 * The whole outline of a small `contents` file written by us: every kind of symbol, its detail text
 * (abstract / parent, type and `?`, to-one / to-many, fetched entity, CloudKit configuration) and its
 * spans, found with indexOf. A property written without a name is selected by its start tag; a member
 * entity's span is its name.
 */

const text = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<model type="com.apple.IDECoreDataModeler.DataModel" documentVersion="1.0">
    <entity name="Base" isAbstract="YES" syncable="YES">
        <attribute attributeType="String"/>
    </entity>
    <entity name="Item" parentEntity="Base" isAbstract="YES" syncable="YES">
        <attribute name="raw"/>
        <relationship name="owner" maxCount="1" deletionRule="Nullify" destinationEntity="Base"/>
        <fetchedProperty name="same" optional="YES">
            <fetchRequest name="fetchedPropertyFetchRequest" entity="Item" predicateString="TRUEPREDICATE"/>
        </fetchedProperty>
        <fetchedProperty name="none" optional="YES"/>
    </entity>
    <fetchRequest name="AllItems" entity="Item"/>
    <fetchRequest name="Nothing"/>
    <configuration name="Cloud" usedWithCloudKit="YES">
        <memberEntity name="Item"/>
    </configuration>
    <configuration name="Local"/>
</model>`;

/** From the start of `from` to the end of `to` (the first `to` after it). */
function span(from: string, to: string, after = 0): Span {
  const start = text.indexOf(from, after);
  assert.ok(start >= 0, from);
  return { start, end: text.indexOf(to, start) + to.length };
}

/** The span of the value of `name="value"` in the element starting with `element`. */
function nameValue(element: string, value: string): Span {
  const start = text.indexOf(`name="${value}"`, text.indexOf(element)) + 'name="'.length;
  return { start, end: start + value.length };
}

const leaf = (name: string, kind: ModelSymbol['kind'], s: Span, selectionSpan: Span, detail: string): ModelSymbol =>
  ({ name, kind, span: s, selectionSpan, detail, children: [] });

describe('model symbols: the whole outline', () => {
  it('lists every symbol with its detail, span and selection span', () => {
    const { model } = readModelXml(text);
    assert.deepEqual(model.problems, []);
    const unnamed = span('<attribute attributeType="String"/>', '/>');
    const expected: ModelSymbol[] = [
      {
        name: 'Base', kind: 'entity', span: span('<entity name="Base"', '</entity>'), selectionSpan: nameValue('<entity name="Base"', 'Base'), detail: 'abstract',
        children: [leaf('', 'attribute', unnamed, unnamed, 'String')],
      },
      {
        name: 'Item', kind: 'entity', span: span('<entity name="Item"', '</entity>'), selectionSpan: nameValue('<entity name="Item"', 'Item'), detail: 'abstract : Base',
        children: [
          leaf('raw', 'attribute', span('<attribute name="raw"', '/>'), nameValue('<attribute name="raw"', 'raw'), 'Undefined'),
          leaf('owner', 'relationship', span('<relationship name="owner"', '/>'), nameValue('<relationship name="owner"', 'owner'), 'to-one Base'),
          leaf('same', 'fetchedProperty', span('<fetchedProperty name="same"', '</fetchedProperty>'), nameValue('<fetchedProperty name="same"', 'same'), 'fetched Item'),
          leaf('none', 'fetchedProperty', span('<fetchedProperty name="none"', '/>'), nameValue('<fetchedProperty name="none"', 'none'), 'fetched'),
        ],
      },
      leaf('AllItems', 'fetchRequest', span('<fetchRequest name="AllItems"', '/>'), nameValue('<fetchRequest name="AllItems"', 'AllItems'), 'Item'),
      leaf('Nothing', 'fetchRequest', span('<fetchRequest name="Nothing"', '/>'), nameValue('<fetchRequest name="Nothing"', 'Nothing'), ''),
      {
        name: 'Cloud', kind: 'configuration', span: span('<configuration name="Cloud"', '</configuration>'), selectionSpan: nameValue('<configuration name="Cloud"', 'Cloud'), detail: 'Used with CloudKit',
        children: [leaf('Item', 'memberEntity', nameValue('<memberEntity', 'Item'), nameValue('<memberEntity', 'Item'), 'member')],
      },
      leaf('Local', 'configuration', span('<configuration name="Local"', '/>'), nameValue('<configuration name="Local"', 'Local'), 'configuration'),
    ];
    assert.deepEqual(modelSymbols(model), expected);
  });
});

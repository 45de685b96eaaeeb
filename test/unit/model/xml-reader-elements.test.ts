import assert from 'node:assert/strict';
import { readModelIR, readModelXml } from '../../../src/core/model/xml';
import type { ModelNode } from '../../../src/core/model/ir';

/**
 * The XML reader element by element: which element lands where in the ModelIR, the defaults of absent
 * attributes, the boolean and count spellings it accepts, and the exact spans of the less common
 * elements (fetched properties, fetch requests, composites, non-self-closing attributes and
 * relationships). Every document is parsed inside its `it` (so each test covers the code it pins), and
 * the documents and expected values are written by us; spans are found with `indexOf` on the text.
 */

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const doc = (body: string, modelAttrs = ''): string => `${HEAD}<model type="com.apple.IDECoreDataModeler.DataModel"${modelAttrs}>\n${body}\n</model>`;

/** The span of the first `needle` at or after `from`. */
function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `test data lacks ${needle}`);
  return { start, end: start + needle.length };
}

const spans = (n: ModelNode) => ({ span: n.span, headSpan: n.headSpan });

describe('model/xml reader: elements and their defaults', () => {
  it('an empty model has empty lists, no CloudKit flag and the <model> element as root', () => {
    const text = doc('');
    const m = readModelIR(text);
    assert.deepEqual([m.format, m.usedWithCloudKit, m.entities, m.configurations, m.fetchRequests, m.composites, m.problems],
      ['xml', false, [], [], [], [], []]);
    const head = text.indexOf('<model');
    assert.deepEqual(spans(m.root!), { span: { start: head, end: text.length }, headSpan: { start: head, end: text.indexOf('>\n', head) + 1 } });
    assert.equal(m.sourceText, text);
  });

  it('an entity with only a name has empty lists and no optional fields', () => {
    const m = readModelIR(doc('    <entity name="E"/>'));
    const e = m.entities[0];
    assert.deepEqual([e.kind, e.name, e.representedClassName, e.parentEntity, e.isAbstract, e.elementID, e.attributes, e.relationships,
      e.fetchedProperties, e.uniquenessConstraints, e.userInfo, e.uniquenessConstraintsSpan],
    ['entity', 'E', undefined, undefined, false, undefined, [], [], [], [], [], undefined]);
  });

  it('reads representedClassName, isAbstract and elementID of an entity; a nameless entity is named ""', () => {
    const text = doc('    <entity name="E" representedClassName="EClass" isAbstract="YES" elementID="e1"/>\n    <entity representedClassName="X"/>');
    const [e, nameless] = readModelIR(text).entities;
    assert.deepEqual([e.representedClassName, e.isAbstract, e.elementID], ['EClass', true, 'e1']);
    assert.equal(nameless.name, '');
    // No name attribute: the name span falls back to the start tag.
    assert.deepEqual(nameless.nameSpan, spanOf(text, '<entity representedClassName="X"/>'));
  });

  it('reads a relationship with every field, and the defaults of a bare one', () => {
    const m = readModelIR(doc(`    <entity name="A">
        <relationship name="r" optional="YES" toMany="YES" ordered="YES" transient="YES" minCount="1" maxCount="5" deletionRule="Cascade" destinationEntity="B" inverseName="i" inverseEntity="B" elementID="rid"/>
        <relationship/>
    </entity>`));
    const [r, bare] = m.entities[0].relationships;
    assert.deepEqual([r.kind, r.name, r.destinationEntity, r.inverseName, r.inverseEntity, r.optional, r.toMany, r.ordered, r.transient, r.minCount, r.maxCount, r.deletionRule, r.elementID, r.userInfo],
      ['relationship', 'r', 'B', 'i', 'B', true, true, true, true, 1, 5, 'Cascade', 'rid', []]);
    // Absent deletionRule is Xcode's default, Nullify; absent booleans are NO.
    assert.deepEqual([bare.name, bare.destinationEntity, bare.inverseName, bare.optional, bare.toMany, bare.ordered, bare.transient, bare.minCount, bare.maxCount, bare.deletionRule, bare.elementID],
      ['', '', undefined, false, false, false, false, undefined, undefined, 'Nullify', undefined]);
  });

  it('accepts yes, true and 1 as booleans besides YES, on relationships, attributes and the model', () => {
    const text = doc(`    <entity name="A">
        <relationship name="a" optional="yes" toMany="true" ordered="1" transient="YES" destinationEntity="B"/>
        <relationship name="b" transient="1" destinationEntity="B"/>
        <relationship name="c" optional="NO" toMany="no" ordered="false" transient="0" destinationEntity="B"/>
        <attribute name="x" optional="yes" transient="true" allowsCloudEncryption="1" derived="yes" allowsExternalBinaryDataStorage="true" preserveAfterDeletion="1"/>
        <attribute name="y" optional="true" transient="1" allowsCloudEncryption="yes" derived="1" allowsExternalBinaryDataStorage="yes" preserveAfterDeletion="true"/>
        <attribute name="z" optional="1" transient="yes" allowsCloudEncryption="true" derived="true" allowsExternalBinaryDataStorage="1" preserveAfterDeletion="yes"/>
        <attribute name="n" optional="NO" transient="no" allowsCloudEncryption="0" derived="false"/>
    </entity>`, ' usedWithCloudKit="true"');
    const m = readModelIR(text);
    assert.equal(m.usedWithCloudKit, true);
    assert.deepEqual(m.entities[0].relationships.map((r) => [r.name, r.optional, r.toMany, r.ordered, r.transient]),
      [['a', true, true, true, true], ['b', false, false, false, true], ['c', false, false, false, false]]);
    assert.deepEqual(m.entities[0].attributes.map((a) => [a.name, a.optional, a.transient, a.allowsCloudEncryption, a.derived, a.allowsExternalBinaryDataStorage, a.preserveAfterDeletion]),
      [['x', true, true, true, true, true, true], ['y', true, true, true, true, true, true], ['z', true, true, true, true, true, true], ['n', false, false, false, false, false, false]]);
    assert.equal(readModelIR(doc('', ' usedWithCloudKit="1"')).usedWithCloudKit, true);
    assert.equal(readModelIR(doc('', ' usedWithCloudKit="yes"')).usedWithCloudKit, true);
    assert.equal(readModelIR(doc('', ' usedWithCloudKit="NO"')).usedWithCloudKit, false);
  });

  it('reads minCount and maxCount only when they are whole numbers (surrounding spaces allowed)', () => {
    const counts = ['3', ' 12 ', '-1', 'x3', '3x', '1.5', '', ' '];
    const body = counts.map((c, i) => `        <relationship name="r${i}" minCount="${c}" maxCount="${c}" destinationEntity="B"/>`).join('\n');
    const rels = readModelIR(doc(`    <entity name="A">\n${body}\n    </entity>`)).entities[0].relationships;
    assert.deepEqual(rels.map((r) => [r.minCount, r.maxCount]),
      [[3, 3], [12, 12], [undefined, undefined], [undefined, undefined], [undefined, undefined], [undefined, undefined], [undefined, undefined], [undefined, undefined]]);
  });

  it('keeps attribute types and deletion rules it does not know as written', () => {
    const m = readModelIR(doc(`    <entity name="A">
        <attribute name="a" attributeType="Strange"/>
        <attribute name="b" attributeType="String"/>
        <attribute name="c"/>
        <relationship name="r" deletionRule="Explode" destinationEntity="B"/>
        <relationship name="s" deletionRule="No Action" destinationEntity="B"/>
    </entity>`));
    assert.deepEqual(m.entities[0].attributes.map((a) => a.attributeType), ['Strange', 'String', undefined]);
    assert.deepEqual(m.entities[0].relationships.map((r) => r.deletionRule), ['Explode', 'No Action']);
  });

  it('a nameless attribute is named "", and usesScalarValueType is undefined when absent, else YES or not', () => {
    const attrs = readModelIR(doc(`    <entity name="A">
        <attribute attributeType="String"/>
        <attribute name="s" usesScalarValueType="NO"/>
        <attribute name="t" usesScalarValueType="YES"/>
    </entity>`)).entities[0].attributes;
    assert.deepEqual(attrs.map((a) => [a.name, a.usesScalarValueType]), [['', undefined], ['s', false], ['t', true]]);
  });

  it('reads a fetched property with its nested fetch request, its span, and ignores other children', () => {
    const text = doc(`    <entity name="A">
        <fetchedProperty name="recent" optional="YES">
            <fetchRequest name="fetchedPropertyFetchRequest" entity="B" predicateString="x &gt; 1"/>
            <other entity="Wrong" predicateString="wrong"/>
        </fetchedProperty>
        <fetchedProperty/>
    </entity>`);
    const [fp, nameless] = readModelIR(text).entities[0].fetchedProperties;
    assert.deepEqual([fp.kind, fp.name, fp.fetchEntity, fp.predicateString], ['fetchedProperty', 'recent', 'B', 'x > 1']);
    const start = text.indexOf('<fetchedProperty name');
    assert.deepEqual(spans(fp), {
      span: { start, end: text.indexOf('</fetchedProperty>') + '</fetchedProperty>'.length },
      headSpan: spanOf(text, '<fetchedProperty name="recent" optional="YES">'),
    });
    assert.deepEqual([nameless.name, nameless.fetchEntity, nameless.predicateString], ['', undefined, undefined]);
  });

  it('reads top-level fetch requests with their spans; a nameless one is named ""', () => {
    const text = doc(`    <fetchRequest name="All" entity="A" predicateString="x == 1"/>
    <fetchRequest entity="B">
    </fetchRequest>`);
    const m = readModelIR(text);
    assert.deepEqual(m.fetchRequests.map((f) => [f.kind, f.name, f.entity]), [['fetchRequest', 'All', 'A'], ['fetchRequest', '', 'B']]);
    const first = spanOf(text, '<fetchRequest name="All" entity="A" predicateString="x == 1"/>');
    assert.deepEqual(spans(m.fetchRequests[0]), { span: first, headSpan: first });
    const second = text.indexOf('<fetchRequest entity="B">');
    assert.deepEqual(spans(m.fetchRequests[1]), {
      span: { start: second, end: text.indexOf('</fetchRequest>') + '</fetchRequest>'.length },
      headSpan: spanOf(text, '<fetchRequest entity="B">'),
    });
  });

  it('reads composites with their attributes and spans, apart from configurations and other elements', () => {
    const text = doc(`    <configuration name="C"/>
    <configuration/>
    <elements>
        <element name="A" positionX="0" positionY="0" width="128" height="44"/>
    </elements>
    <composite name="Point">
        <other name="notAnAttribute"/>
        <attribute name="x" attributeType="Double"/>
        <attribute name="y" attributeType="Double">
            <userInfo>
                <entry key="k" value="v"/>
            </userInfo>
        </attribute>
    </composite>
    <composite/>`);
    const m = readModelIR(text);
    assert.deepEqual(m.configurations.map((c) => [c.kind, c.name, c.usedWithCloudKit, c.memberEntities]), [['configuration', 'C', false, []], ['configuration', '', false, []]]);
    assert.deepEqual(m.composites.map((c) => [c.kind, c.name, c.attributes.map((a) => [a.name, a.attributeType])]),
      [['composite', 'Point', [['x', 'Double'], ['y', 'Double']]], ['composite', '', []]]);
    const point = m.composites[0];
    const start = text.indexOf('<composite name="Point">');
    assert.deepEqual(spans(point), { span: { start, end: text.indexOf('</composite>') + '</composite>'.length }, headSpan: spanOf(text, '<composite name="Point">') });
    // A non-self-closing attribute of a composite ends at its end tag and keeps its userInfo.
    const y = point.attributes[1];
    const yStart = text.indexOf('<attribute name="y"');
    assert.deepEqual(spans(y), { span: { start: yStart, end: text.indexOf('</attribute>') + '</attribute>'.length }, headSpan: spanOf(text, '<attribute name="y" attributeType="Double">') });
    assert.deepEqual(y.userInfo, [{ key: 'k', value: 'v', span: spanOf(text, '<entry key="k" value="v"/>') }]);
    assert.deepEqual(point.attributes[0].userInfo, []);
  });

  it('a non-self-closing relationship ends at its end tag and keeps its userInfo', () => {
    const text = doc(`    <entity name="A">
        <relationship name="r" destinationEntity="B">
            <userInfo>
                <entry key="k" value="v"/>
            </userInfo>
        </relationship>
        <relationship name="s" destinationEntity="B"/>
    </entity>`);
    const [r, s] = readModelIR(text).entities[0].relationships;
    const start = text.indexOf('<relationship name="r"');
    assert.deepEqual(spans(r), { span: { start, end: text.indexOf('</relationship>') + '</relationship>'.length }, headSpan: spanOf(text, '<relationship name="r" destinationEntity="B">') });
    assert.deepEqual(r.userInfo, [{ key: 'k', value: 'v', span: spanOf(text, '<entry key="k" value="v"/>') }]);
    assert.deepEqual(s.userInfo, []);
  });

  it('gives the exact span of <uniquenessConstraints> and ignores unknown elements and value-less constraints in it', () => {
    const text = doc(`    <entity name="A">
        <uniquenessConstraints>
            <other value="no"/>
            <uniquenessConstraint>
                <constraint value="a"/>
                <constraint/>
                <other value="no"/>
                <constraint value="b"/>
            </uniquenessConstraint>
        </uniquenessConstraints>
    </entity>`);
    const m = readModelIR(text);
    assert.deepEqual(m.problems, []);
    const e = m.entities[0];
    const start = text.indexOf('<uniquenessConstraints>');
    assert.deepEqual(e.uniquenessConstraintsSpan, { start, end: text.indexOf('</uniquenessConstraints>') + '</uniquenessConstraints>'.length });
    assert.equal(e.uniquenessConstraints.length, 1);
    const uc = e.uniquenessConstraints[0];
    // The span of a constraint is its value, inside the quotes.
    const at = (v: string) => ({ start: text.indexOf(`value="${v}"`) + 7, end: text.indexOf(`value="${v}"`) + 7 + v.length });
    assert.deepEqual(uc.properties, [{ name: 'a', span: at('a') }, { name: 'b', span: at('b') }]);
    const ucStart = text.indexOf('<uniquenessConstraint>');
    assert.deepEqual(uc.span, { start: ucStart, end: text.indexOf('</uniquenessConstraint>') + '</uniquenessConstraint>'.length });
  });

  it('reads userInfo entries only from <entry>, with "" for a missing key or value, and keeps every <userInfo> block', () => {
    const text = doc(`    <entity name="A">
        <userInfo>
            <entry key="k1" value="v1"/>
            <other key="no" value="no"/>
        </userInfo>
        <userInfo>
            <entry/>
        </userInfo>
        <attribute name="x">
            <userInfo>
                <entry key="a1" value="b1"/>
            </userInfo>
            <userInfo>
                <entry key="a2" value="b2"/>
            </userInfo>
        </attribute>
    </entity>`);
    const e = readModelIR(text).entities[0];
    assert.deepEqual(e.userInfo, [
      { key: 'k1', value: 'v1', span: spanOf(text, '<entry key="k1" value="v1"/>') },
      { key: '', value: '', span: spanOf(text, '<entry/>') },
    ]);
    assert.deepEqual(e.attributes[0].userInfo.map((u) => [u.key, u.value]), [['a1', 'b1'], ['a2', 'b2']]);
  });

  it('unknown elements under an entity, attribute or relationship are not read as userInfo', () => {
    const m = readModelIR(doc(`    <entity name="A">
        <extra>
            <entry key="no" value="no"/>
        </extra>
        <attribute name="x">
            <extra>
                <entry key="no" value="no"/>
            </extra>
        </attribute>
        <relationship name="r" destinationEntity="B">
            <extra>
                <entry key="no" value="no"/>
            </extra>
        </relationship>
    </entity>`));
    const e = m.entities[0];
    assert.deepEqual([e.userInfo, e.attributes[0].userInfo, e.relationships[0].userInfo], [[], [], []]);
  });

  it('reads member entities from <memberEntity name> only, with their value spans', () => {
    const text = doc(`    <configuration name="C" usedWithCloudKit="YES">
        <memberEntity name="A"/>
        <memberEntity/>
        <other name="No"/>
        <memberEntity name="B"/>
    </configuration>`);
    const m = readModelIR(text);
    assert.deepEqual(m.problems, []);
    const at = (v: string) => ({ start: text.indexOf(`name="${v}"`) + 6, end: text.indexOf(`name="${v}"`) + 6 + v.length });
    assert.deepEqual(m.configurations[0].memberEntities, [{ name: 'A', span: at('A') }, { name: 'B', span: at('B') }]);
    assert.equal(m.configurations[0].usedWithCloudKit, true);
  });

  it('valueSpanOf answers undefined for an absent attribute, before and after attrs was read', () => {
    const text = doc('    <entity name="A" parentEntity="P"/>');
    const e = readModelXml(text).model.entities[0];
    assert.equal(e.valueSpanOf!('missing'), undefined);
    assert.ok(e.attrs.name);
    assert.equal(e.valueSpanOf!('missing'), undefined);
    assert.deepEqual(e.valueSpanOf!('parentEntity'), { start: text.indexOf('"P"') + 1, end: text.indexOf('"P"') + 2 });
  });
});

describe('model/xml reader: problems', () => {
  it('a DOCTYPE without entities is a warning spanning the declaration', () => {
    const text = doc('').replace('<model', '<!DOCTYPE model>\n<model');
    const m = readModelIR(text);
    assert.deepEqual(m.problems, [{
      span: spanOf(text, '<!DOCTYPE model>'), severity: 'warning',
      message: 'DOCTYPE ignored: Core Data model files have no DOCTYPE (it is never fetched or processed).',
    }]);
  });

  it('a DOCTYPE declaring entities is an error spanning the declaration', () => {
    const decl = '<!DOCTYPE model [<!ENTITY x "y">]>';
    const text = doc('').replace('<model', `${decl}\n<model`);
    const m = readModelIR(text);
    assert.deepEqual(m.problems, [{
      span: spanOf(text, decl), severity: 'error',
      message: 'This file has a DOCTYPE declaring entities. Core Data model files have no DOCTYPE; its entities are never expanded and nothing is fetched. Remove the DOCTYPE.',
    }]);
  });

  it('drops saxes\' line:column prefix from a parse error on a line past 9', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `    <entity name="E${i}"/>`).join('\n');
    const text = doc(`${lines}\n    <entity name="X" name="Y"/>`);
    const m = readModelIR(text);
    assert.equal(m.problems.length, 1);
    assert.equal(m.problems[0].message, 'Malformed XML: duplicate attribute: name.');
    assert.equal(m.problems[0].severity, 'error');
  });

  it('a root other than <model> is one error at the end of its start tag', () => {
    const text = `${HEAD}<plist version="1.0"/>`;
    const m = readModelIR(text);
    assert.deepEqual(m.problems, [{ message: 'Not a Core Data model: the root element is <plist>, expected <model>.', span: { start: text.length - 1, end: text.length }, severity: 'error' }]);
    assert.equal(m.root, undefined);
    assert.equal(m.usedWithCloudKit, false);
  });

  it('a text exactly at the size limit is read; one unit over it is not', () => {
    const text = doc('    <entity name="A"/>');
    const mb = text.length / (1024 * 1024); // exact: a power of two divides
    assert.deepEqual(readModelIR(text, { maxFileSizeMB: mb }).problems, []);
    assert.equal(readModelIR(text, { maxFileSizeMB: mb }).entities.length, 1);
    const over = readModelIR(`${text} `, { maxFileSizeMB: mb });
    assert.equal(over.problems.length, 1);
    assert.deepEqual(over.entities, []);
  });
});

import assert from 'node:assert/strict';
import { decodeModelBytes, readModelXml } from '../../../src/core/model/xml';
import { lintModel } from '../../../src/core/rules';
import { entityXml, modelXml } from './fixtures';

const slice = (t: string, s: { start: number; end: number }) => t.slice(s.start, s.end);

describe('model/xml reader', () => {
  const text = modelXml(`${entityXml('Item', `        <attribute name="name" optional="YES" attributeType="String" defaultValueString="a &amp; b"/>
        <relationship name="tags" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Tag" inverseName="items" inverseEntity="Tag"/>
        <fetchedProperty name="recent" optional="YES">
            <fetchRequest name="fetchedPropertyFetchRequest" entity="Tag" predicateString="name != nil"/>
        </fetchedProperty>
        <uniquenessConstraints>
            <uniquenessConstraint>
                <constraint value="name"/>
                <constraint value="tags"/>
            </uniquenessConstraint>
        </uniquenessConstraints>
        <userInfo>
            <entry key="k" value="v"/>
        </userInfo>`)}
${entityXml('Tag', '        <relationship name="items" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Item" inverseName="tags" inverseEntity="Item"/>', ' parentEntity="Base"')}
    <fetchRequest name="All" entity="Item"/>
    <configuration name="Cloud" usedWithCloudKit="YES">
        <memberEntity name="Item"/>
    </configuration>
    <composite name="Point">
        <attribute name="x" attributeType="Double" defaultValueString="0.0" usesScalarValueType="YES"/>
    </composite>
    <elements>
        <element name="Item" positionX="0" positionY="0" width="128" height="44"/>
    </elements>`);
  const { model } = readModelXml(text);

  it('reads every element Xcode writes, with decoded values', () => {
    assert.deepEqual(model.problems, []);
    assert.equal(model.usedWithCloudKit, true);
    assert.deepEqual(model.entities.map((e) => e.name), ['Item', 'Tag']);
    const item = model.entities[0];
    assert.equal(item.attributes[0].defaultValueString, 'a & b');
    assert.equal(item.attributes[0].optional, true);
    assert.equal(item.relationships[0].toMany, true);
    assert.equal(item.relationships[0].inverseName, 'items');
    assert.equal(item.fetchedProperties[0].fetchEntity, 'Tag');
    assert.deepEqual(item.uniquenessConstraints[0].properties.map((p) => p.name), ['name', 'tags']);
    assert.deepEqual(item.userInfo.map((u) => [u.key, u.value]), [['k', 'v']]);
    assert.equal(model.entities[1].parentEntity, 'Base');
    assert.deepEqual(model.fetchRequests.map((f) => [f.name, f.entity]), [['All', 'Item']]);
    assert.deepEqual(model.configurations.map((c) => [c.name, c.usedWithCloudKit, c.memberEntities.map((m) => m.name)]), [['Cloud', true, ['Item']]]);
    assert.deepEqual(model.composites.map((c) => [c.name, c.attributes.map((a) => a.name)]), [['Point', ['x']]]);
  });

  it('gives exact spans for elements, start tags, attribute names and values', () => {
    const item = model.entities[0];
    assert.ok(slice(text, item.span).startsWith('<entity name="Item"'));
    assert.ok(slice(text, item.span).endsWith('</entity>'));
    assert.ok(slice(text, item.headSpan).endsWith('codeGenerationType="class">'));
    assert.equal(slice(text, item.nameSpan), 'Item');
    const a = item.attributes[0];
    assert.equal(slice(text, a.span), '<attribute name="name" optional="YES" attributeType="String" defaultValueString="a &amp; b"/>');
    assert.equal(slice(text, a.attrs.defaultValueString.span), 'defaultValueString="a &amp; b"');
    assert.equal(slice(text, a.attrs.defaultValueString.nameSpan), 'defaultValueString');
    assert.equal(slice(text, a.attrs.defaultValueString.valueSpan), 'a &amp; b');
    assert.equal(slice(text, item.uniquenessConstraintsSpan!).split('\n')[0], '<uniquenessConstraints>');
    assert.equal(slice(text, item.uniquenessConstraints[0].properties[1].span), 'tags');
    assert.equal(slice(text, item.userInfo[0].span), '<entry key="k" value="v"/>');
    assert.equal(slice(text, model.configurations[0].memberEntities[0].span), 'Item');
    assert.equal(slice(text, model.root!.headSpan).slice(0, 7), '<model ');
  });

  it('handles single quotes, spaces around = and CRLF line ends', () => {
    const t = '<?xml version="1.0"?>\r\n<model>\r\n  <entity name = \'A\'\r\n     parentEntity="B" >\r\n  <attribute name="x"\toptional="YES" attributeType="String" /></entity></model>';
    const m = readModelXml(t).model;
    assert.deepEqual(m.problems, []);
    assert.equal(slice(t, m.entities[0].nameSpan), 'A');
    assert.equal(slice(t, m.entities[0].attrs.name.span), "name = 'A'");
    assert.equal(slice(t, m.entities[0].attrs.parentEntity.valueSpan), 'B');
    assert.equal(slice(t, m.entities[0].attributes[0].attrs.optional.span), 'optional="YES"');
  });
});

describe('model/xml bad input', () => {
  const good = modelXml(entityXml('Item', '        <attribute name="name" attributeType="String"/>'));
  const enc = new TextEncoder();

  it('malformed XML gives one clear problem at the right place, no findings from half a model', () => {
    const t = good.replace('attributeType="String"', 'attributeType="String" attributeType="Date"');
    const { model, editor } = readModelXml(t);
    assert.equal(model.problems.length, 1);
    assert.match(model.problems[0].message, /^Malformed XML: duplicate attribute: attributeType\.$/);
    assert.ok(model.problems[0].span.start > t.indexOf('attributeType="Date"'));
    const findings = lintModel(model, editor);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['syntax', 'error', 3]]);
    const unclosed = readModelXml(good.replace('</entity>', '')).model;
    assert.match(unclosed.problems[0].message, /^Malformed XML: unexpected close tag/);
    assert.match(readModelXml('').model.problems[0].message, /Malformed XML: document must contain a root element|Empty file/);
    assert.match(readModelXml('<?xml version="1.0"?><plist/>').model.problems[0].message, /^Not a Core Data model: the root element is <plist>/);
  });

  it('a BOM is stripped by decoding and tolerated in a string, with offsets kept right', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(good)]);
    const d = decodeModelBytes(bytes);
    assert.equal(d.bomStripped, true);
    assert.equal(d.text, good);
    const withBom = '\uFEFF' + good;
    const m = readModelXml(withBom).model;
    assert.deepEqual(m.problems, []);
    assert.equal(slice(withBom, m.entities[0].nameSpan), 'Item');
  });

  it('non-UTF-8 bytes, UTF-16 and binary junk give one clear problem', () => {
    const latin1 = enc.encode(good.replace('Item', 'Itemé'));
    const bad = new Uint8Array([...enc.encode(good).slice(0, 200), 0xe9, 0x20, ...enc.encode(good).slice(200)]);
    assert.match(decodeModelBytes(bad).problem!.message, /^This file is not valid UTF-8 \(first invalid byte at offset 200\)/);
    assert.equal(decodeModelBytes(latin1).problem, undefined);
    assert.match(decodeModelBytes(new Uint8Array([0xff, 0xfe, 0x3c, 0x00])).problem!.message, /UTF-16/);
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) & 0xff;
    assert.match(decodeModelBytes(junk).problem!.message, /binary/);
    // Control characters that survive decoding are still rejected by the XML parser.
    assert.equal(readModelXml(good.replace('Item', 'It\u0001em')).model.problems.length, 1);
  });

  it('a DOCTYPE with entities is reported and never expanded', () => {
    const t = good.replace('<model', '<!DOCTYPE model [<!ENTITY x SYSTEM "http://127.0.0.1:1/evil">]>\n<model').replace('name="name"', 'name="&x;"');
    const { model } = readModelXml(t);
    assert.ok(model.problems.some((p) => /DOCTYPE declaring entities/.test(p.message) && p.severity === 'error'));
    assert.ok(model.problems.some((p) => /undefined entity/.test(p.message)));
    const plainDoctype = readModelXml(good.replace('<model', '<!DOCTYPE model>\n<model')).model;
    assert.deepEqual(plainDoctype.problems.map((p) => p.severity), ['warning']);
    assert.equal(plainDoctype.entities.length, 1);
  });

  it('a 50 MB input gives one diagnostic quickly instead of being parsed', () => {
    const big = good + ' '.repeat(50 * 1024 * 1024);
    const t0 = performance.now();
    const { model } = readModelXml(big);
    const bytes = decodeModelBytes(new Uint8Array(50 * 1024 * 1024 + 1));
    const ms = performance.now() - t0;
    assert.equal(model.problems.length, 1);
    assert.match(model.problems[0].message, /^File too large to lint \(50\.0 MB; the limit is 10\.0 MB, setting cloudkit\.lint\.maxFileSizeMB\)\.$/);
    assert.match(bytes.problem!.message, /too large/);
    assert.equal(readModelXml(big, { maxFileSizeMB: 100 }).model.problems.length, 0);
    // Bounded: rejecting by size must not scan the text (generous bound; not a benchmark).
    assert.ok(ms < 2000, `${ms} ms`);
  });
});

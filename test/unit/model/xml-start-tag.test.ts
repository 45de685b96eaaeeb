import assert from 'node:assert/strict';
import { attributeValue, attrValueOf, attrValueSpanOf, sourceAttrsOf } from '../../../src/core/model/xml/start-tag';
import { readModelIR } from '../../../src/core/model/xml';
import { xmlModelSource } from '../../../src/core/model/xml/source';

/**
 * The start-tag scan behind every XML span (start-tag.ts) and the XML model source's small glue
 * (source.ts). Tags and paths are written by us; expected offsets are found with `indexOf`.
 */

const whole = (tag: string) => sourceAttrsOf(tag, 0, tag.length);

describe('model/xml start tag', () => {
  it('a space before > or /> is not an attribute', () => {
    assert.deepEqual(Object.keys(whole('<entity name="A" >')), ['name']);
    assert.deepEqual(Object.keys(whole('<entity name="A" />')), ['name']);
    assert.deepEqual(Object.keys(whole('<entity name="A"/>')), ['name']);
    assert.deepEqual(Object.keys(whole('<entity >')), []);
    assert.deepEqual(Object.keys(whole('<entity/>')), []);
    // Through the reader: the same keys for a tag with trailing space.
    const m = readModelIR('<model>\n<entity name="A" parentEntity="B" >\n<attribute name="x" />\n</entity>\n</model>');
    assert.deepEqual(Object.keys(m.entities[0].attrs), ['name', 'parentEntity']);
    assert.deepEqual(Object.keys(m.entities[0].attributes[0].attrs), ['name']);
  });

  it('gives the whole, name and value spans, with spaces around = and single quotes', () => {
    const tag = "<a  x = 'one'\ty=\"two\"/>";
    const a = whole(tag);
    const x = tag.indexOf('x');
    const y = tag.indexOf('y=');
    assert.deepEqual(JSON.parse(JSON.stringify(a)), {
      x: { value: 'one', span: { start: x, end: tag.indexOf("'one'") + 5 }, nameSpan: { start: x, end: x + 1 }, valueSpan: { start: tag.indexOf('one'), end: tag.indexOf('one') + 3 } },
      y: { value: 'two', span: { start: y, end: tag.indexOf('"two"') + 5 }, nameSpan: { start: y, end: y + 1 }, valueSpan: { start: tag.indexOf('two'), end: tag.indexOf('two') + 3 } },
    });
  });

  it('finds one attribute by its whole name, not by a prefix of a longer one', () => {
    const tag = '<a names="many" name="one" n="short"/>';
    assert.equal(attrValueOf(tag, 0, tag.length, 'name'), 'one');
    assert.deepEqual(attrValueSpanOf(tag, 0, tag.length, 'name'), { start: tag.indexOf('one'), end: tag.indexOf('one') + 3 });
    assert.equal(attrValueOf(tag, 0, tag.length, 'n'), 'short');
    assert.equal(attrValueOf(tag, 0, tag.length, 'nam'), undefined);
    assert.equal(attrValueSpanOf(tag, 0, tag.length, 'missing'), undefined);
  });

  it('scans the tag between its bounds in a longer text', () => {
    const tag = '<a x="v"/>';
    assert.equal(attrValueOf(tag, 0, tag.length, 'x'), 'v');
    assert.deepEqual(attrValueSpanOf(tag, 0, tag.length, 'x'), { start: 6, end: 7 });
    const text = `<m x="no">${tag}</m>`;
    const at = text.indexOf(tag);
    assert.equal(attrValueOf(text, at, at + tag.length, 'x'), 'v');
    assert.deepEqual(attrValueSpanOf(text, at, at + tag.length, 'x'), { start: at + 6, end: at + 7 });
  });

  it('a value whose closing quote is missing ends before the tag end', () => {
    // Not XML saxes accepts, but the bounds must hold: the value runs to the unit before tagEnd.
    const text = '<a x="abc>"';
    assert.deepEqual(attrValueSpanOf(text, 0, 9, 'x'), { start: 6, end: 8 });
    assert.deepEqual(attrValueSpanOf('"<a x="ab', 1, 9, 'x'), { start: 7, end: 8 });
    // A quote exactly at tagEnd is outside the tag too.
    assert.deepEqual(attrValueSpanOf('<a x="abc"', 0, 9, 'x'), { start: 6, end: 8 });
  });

  it('normalizes attribute values as XML 1.0 §3.3.3 does', () => {
    assert.equal(attributeValue('plain'), 'plain');
    assert.equal(attributeValue('\t'), ' ');
    assert.equal(attributeValue('&amp;'), '&');
    assert.equal(attributeValue('a\r\nb\rc\nd\te'), 'a b c d e');
    assert.equal(attributeValue('&amp;&lt;&gt;&quot;&apos;'), '&<>"\'');
    assert.equal(attributeValue('&#65;&#x42;&#x10FFFF;'), `AB${String.fromCodePoint(0x10ffff)}`);
    // Out of range or unknown references are left as written (saxes rejects them before this runs).
    assert.equal(attributeValue('&#x110000;'), '&#x110000;');
    assert.equal(attributeValue('&nope;'), '&nope;');
  });
});

describe('model/xml source', () => {
  it('claims contents files of .xcdatamodel folders only', () => {
    assert.equal(xmlModelSource.claims('/p/M.xcdatamodeld/M.xcdatamodel/contents'), true);
    assert.equal(xmlModelSource.claims('/p/M.xcdatamodel/contents'), true);
    assert.equal(xmlModelSource.claims('/p/M/contents'), false);
  });

  it('reads the first file, or an empty text when given none', async () => {
    const text = '<model><entity name="A"/></model>';
    const r = await xmlModelSource.read([{ path: '/p/M.xcdatamodel/contents', text }], {});
    assert.deepEqual(r.model.entities.map((e) => e.name), ['A']);
    const none = await xmlModelSource.read([], {});
    assert.deepEqual([none.model.entities, none.model.sourceText], [[], '']);
  });

  it('names the bundle and version of a contents file, undefined outside a bundle', () => {
    assert.deepEqual(xmlModelSource.versions!.versionOf('/p/M.xcdatamodeld/M 2.xcdatamodel/contents'), { bundle: '/p/M.xcdatamodeld', version: 'M 2.xcdatamodel' });
    assert.equal(xmlModelSource.versions!.versionOf('/p/M.xcdatamodel/contents'), undefined);
    assert.equal(xmlModelSource.versions!.versionOf('/p/other.txt'), undefined);
  });
});

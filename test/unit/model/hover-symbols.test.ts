import assert from 'node:assert/strict';
import { readModelXml } from '../../../src/core/model/xml';
import { attributeValue } from '../../../src/core/model/xml/start-tag';
import { cloudKitHoverAt } from '../../../src/core/cloudkit/model-hover';
import { modelSymbols } from '../../../src/core/model/symbols';
import { entityXml, modelXml } from './fixtures';

const text = modelXml(`${entityXml('Post', `        <attribute name="title" optional="YES" attributeType="String"/>
        <attribute name="tmp" optional="YES" transient="YES" attributeType="String"/>
        <relationship name="author" optional="YES" maxCount="1" deletionRule="Nullify" destinationEntity="Author" inverseName="posts" inverseEntity="Author"/>
        <relationship name="tags" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Tag" inverseName="posts" inverseEntity="Tag"/>`)}
${entityXml('ImagePost', '        <attribute name="image" optional="YES" attributeType="Binary"/>', ' parentEntity="Post"')}
${entityXml('Author', '        <relationship name="posts" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Post" inverseName="author" inverseEntity="Post"/>')}
${entityXml('Tag', '        <relationship name="posts" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Post" inverseName="tags" inverseEntity="Post"/>')}
    <configuration name="Cloud" usedWithCloudKit="YES">
        <memberEntity name="Post"/>
    </configuration>`);
const { model } = readModelXml(text);
const hover = (needle: string) => cloudKitHoverAt(model, text.indexOf(needle) + 1)?.lines.join('\n') ?? '';

describe('model hover (CloudKit mapping)', () => {
  it('attribute: field, type, asset companion and the record type\'s field count', () => {
    const h = hover('name="title"');
    assert.match(h, /Field `CD_title` · STRING/);
    assert.match(h, /Asset companion `CD_title_ckAsset` · ASSET/);
    // Every save writes CD_entityName, title, author, image = 4; may be added: CD_moveReceipt(+asset), the
    // title and image asset companions = 4 (counted as CK011 counts them).
    assert.match(h, /Record type `CD_Post` \(shared with its subentities `ImagePost`\): \*\*4 of 256 fields\*\*; may be added: 4 /);
  });
  it('subentity attributes land on the root\'s record type', () => {
    assert.match(hover('name="image"'), /Record type `CD_Post` \(shared with its root entity `Post`\)/);
    assert.match(hover('<entity name="ImagePost"'), /entity `ImagePost`/);
    assert.match(hover('<entity name="ImagePost"'), /`CD_moveReceipt` and `CD_moveReceipt_ckAsset` may be added/);
  });
  it('relationships: to-one field, to-many side, many-to-many CDMR', () => {
    assert.match(hover('name="author"'), /Field `CD_author` · STRING/);
    assert.match(hover('<relationship name="posts" optional="YES" toMany="YES" deletionRule="Nullify" destinationEntity="Post" inverseName="author"'), /each `Post` record stores `CD_author`/);
    assert.match(hover('name="tags"'), /`CDMR` join records/);
  });
  it('transient attributes are not synced; outside elements no hover', () => {
    assert.match(hover('name="tmp"'), /Not synced: it is transient/);
    assert.equal(cloudKitHoverAt(model, 0), undefined);
  });
});

describe('model symbols', () => {
  it('lists entities with properties, then configurations with members', () => {
    const s = modelSymbols(model);
    assert.deepEqual(s.map((x) => `${x.kind} ${x.name}`), ['entity Post', 'entity ImagePost', 'entity Author', 'entity Tag', 'configuration Cloud']);
    assert.deepEqual(s[0].children.map((c) => `${c.kind} ${c.name} ${c.detail}`), ['attribute title String?', 'attribute tmp String?', 'relationship author to-one Author?', 'relationship tags to-many Tag?']);
    assert.equal(text.slice(s[0].selectionSpan.start, s[0].selectionSpan.end), 'Post');
    assert.equal(s[1].detail, ': Post');
    assert.deepEqual(s[4].children.map((c) => c.name), ['Post']);
  });
});

describe('attribute values and lazy spans', () => {
  it('normalizes attribute values as XML 1.0 §3.3.3 says (what saxes gives)', () => {
    assert.equal(attributeValue('a &amp; b &lt;&gt;&quot;&apos; &#65;&#x42;'), 'a & b <>"\' AB');
    assert.equal(attributeValue('line\r\nbreak\ttab'), 'line break tab');
    assert.equal(attributeValue('&#10;'), '\n');
  });
  it('spans survive JSON for data fields; attrs is computed on demand and stable', () => {
    const a = model.entities[0].attributes[0];
    assert.strictEqual(a.attrs, a.attrs);
    assert.equal(text.slice(a.attrs.attributeType.valueSpan.start, a.attrs.attributeType.valueSpan.end), 'String');
    const json = JSON.parse(JSON.stringify(model.entities[0]));
    assert.equal(json.attributes[0].name, 'title');
    assert.ok(!JSON.stringify(model.entities[0]).includes('<?xml'), 'the source text is not serialized with every node');
  });
});

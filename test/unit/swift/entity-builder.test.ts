import assert from 'node:assert/strict';
import { attr, entity, readSwift, rel } from '../../helpers/swift';

/**
 * Swift declarations -> ModelIR entities (entity-builder.ts): the entity's own fields and spans, attribute
 * and relationship defaults, type aliases, composites, `@Attribute` options, `@Relationship` arguments and the
 * problems reported for types the reader cannot tell. Swift sources are small cases written by us; spans are
 * computed here from the text (files are joined with one separator character).
 */

/** The span of `needle` (its `nth` occurrence) in `text`, moved by `base`. */
function spanOf(text: string, needle: string, base = 0, from = 0): { start: number; end: number } {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, needle);
  return { start: base + i, end: base + i + needle.length };
}

describe('SwiftData entity builder', () => {
  describe('the entity', () => {
    const first = 'import SwiftData\n@Model final class Other { var x: Int = 0 }\n';
    const second = 'import SwiftData\n@Model final class Item: Old.Item {\n  var title: String = ""\n}\n';

    it('kind, name, spans shifted to the combined text, no parent when the class inherits its own name', async () => {
      const m = await readSwift({ 'Other.swift': first, 'Item.swift': second });
      const base = first.length + 1;
      const e = entity(m, 'Item');
      const classStart = second.indexOf('final class Item');
      const nameSpan = spanOf(second, 'Item', base, classStart);
      assert.equal(e.kind, 'entity');
      assert.deepEqual(e.nameSpan, nameSpan);
      assert.deepEqual(e.headSpan, { start: base + second.indexOf('@Model'), end: base + second.indexOf('{') });
      assert.deepEqual(e.attrs.name, { value: 'Item', span: nameSpan, nameSpan, valueSpan: nameSpan });
      assert.equal(e.parentEntity, undefined);
      assert.deepEqual([e.fetchedProperties, e.userInfo, e.uniquenessConstraints], [[], [], []]);
      assert.equal(m.model.sourceText!.slice(e.headSpan.start, e.headSpan.end), '@Model final class Item: Old.Item ');
    });
  });

  describe('type aliases', () => {
    it('an alias (and an alias of an alias) of a model class is a relationship to that class', async () => {
      const m = await readSwift({
        'M.swift': `import SwiftData
typealias TripRef = Trip
typealias TripRefRef = TripRef
typealias MaybeTrip = Trip?
@Model final class Trip { var name: String = "" }
@Model final class Stop {
  var trip: TripRef?
  var again: TripRefRef?
  var maybe: MaybeTrip
  var all: [TripRef]? = []
}`,
      });
      const s = entity(m, 'Stop');
      assert.deepEqual(s.relationships.map((r) => [r.name, r.destinationEntity, r.toMany]), [
        ['trip', 'Trip', false], ['again', 'Trip', false], ['maybe', 'Trip', false], ['all', 'Trip', true],
      ]);
    });

    it('alias chains are followed eight steps at most', async () => {
      const chain = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `typealias ${prefix}${i} = ${i === n - 1 ? 'Trip' : `${prefix}${i + 1}`}`).join('\n');
      const m = await readSwift({
        'M.swift': `import SwiftData
${chain(8, 'A')}
${chain(9, 'B')}
@Model final class Trip { var name: String = "" }
@Model final class Stop {
  var eight: A0?
  var nine: B0?
}`,
      });
      const s = entity(m, 'Stop');
      assert.deepEqual(s.relationships.map((r) => r.name), ['eight']);
      assert.equal(attr(s, 'nine').attributeType, 'Composite');
    });
  });

  describe('attributes', () => {
    it('defaults of a plain attribute', async () => {
      const m = await readSwift({ 'M.swift': 'import SwiftData\n@Model final class Item { var title: String = "" }' });
      const a = attr(entity(m, 'Item'), 'title');
      assert.deepEqual(
        [a.kind, a.transient, a.derived, a.allowsCloudEncryption, a.allowsExternalBinaryDataStorage, a.preserveAfterDeletion, a.userInfo, a.composite, a.defaultValueString],
        ['attribute', false, false, false, false, false, [], undefined, '""'],
      );
    });

    it('composites: a struct by name, an array of structs, a dictionary, another type', async () => {
      const m = await readSwift({
        'M.swift': `import SwiftData
struct Point: Codable { var x: Double }
@Model final class Item {
  var point: Point?
  var points: [Point] = []
  var nested: [[Point]] = []
  var map: [String: Int] = [:]
  var pair: (Int, Int)?
  var count: Int = 0
  var bad: UInt = 0
}`,
      });
      const e = entity(m, 'Item');
      assert.deepEqual(e.attributes.map((a) => [a.name, a.attributeType, a.composite]), [
        ['point', 'Composite', 'Point'], ['points', 'Composite', '[Point]'], ['nested', 'Composite', '[[Point]]'],
        ['map', 'Composite', 'Dictionary'], ['pair', 'Composite', 'Codable'], ['count', 'Integer 64', undefined], ['bad', undefined, undefined],
      ]);
      assert.equal(attr(e, 'bad').attrs.attributeType.value, '', 'an unsupported type has an empty type attribute');
      assert.equal(attr(e, 'count').attrs.attributeType.value, 'Integer 64');
    });

    it('@Attribute options: flags and their source attributes (YES, the option\'s span)', async () => {
      const text = `import SwiftData
@Model final class Item {
  @Attribute(.allowsCloudEncryption, .externalStorage, .preserveValueOnDeletion, .ephemeral) var blob: Data?
  @Attribute(.unique) var code: String = ""
}`;
      const m = await readSwift({ 'M.swift': text });
      const e = entity(m, 'Item');
      const blob = attr(e, 'blob');
      assert.deepEqual([blob.allowsCloudEncryption, blob.allowsExternalBinaryDataStorage, blob.preserveAfterDeletion, blob.transient], [true, true, true, true]);
      const yes = (option: string) => { const s = spanOf(text, option); return { value: 'YES', span: s, nameSpan: s, valueSpan: s }; };
      assert.deepEqual(blob.attrs.allowsCloudEncryption, yes('.allowsCloudEncryption'));
      assert.deepEqual(blob.attrs.allowsExternalBinaryDataStorage, yes('.externalStorage'));
      assert.deepEqual(blob.attrs.preserveAfterDeletion, yes('.preserveValueOnDeletion'));
      assert.deepEqual(blob.attrs.transient, yes('.ephemeral'));
      const code = attr(e, 'code');
      assert.deepEqual([code.allowsCloudEncryption, code.transient, code.attributeType], [false, false, 'String']);
      assert.deepEqual(Object.keys(code.attrs).sort(), ['attributeType', 'name']);
    });

    it('.transformable(by:): Transformable with the transformer\'s name, however spaced', async () => {
      const m = await readSwift({
        'M.swift': `import SwiftData
@Model final class Item {
  @Attribute(.transformable(by: ColorTransformer.self)) var color: Data?
  @Attribute(.unique, .transformable( by:  NameTransformer.self )) var name: Data?
  @Attribute(.transformable(by: "Legacy")) var legacy: Data?
}`,
      });
      const e = entity(m, 'Item');
      assert.deepEqual(e.attributes.map((a) => [a.name, a.attributeType, a.valueTransformerName]), [
        ['color', 'Transformable', 'ColorTransformer'], ['name', 'Transformable', 'NameTransformer'], ['legacy', 'Transformable', '"Legacy"'],
      ]);
    });

    it('originalName: the element id, quotes stripped at the ends only, on attributes and relationships', async () => {
      const m = await readSwift({
        'M.swift': `import SwiftData
@Model final class Tag { var name: String = "" }
@Model final class Item {
  @Attribute(originalName: "old_title") var title: String = ""
  @Attribute(originalName: "say \\"hi\\"") var quoted: String = ""
  @Relationship(originalName: "old_tag") var tag: Tag?
}`,
      });
      const e = entity(m, 'Item');
      assert.equal(attr(e, 'title').elementID, 'old_title');
      assert.equal(attr(e, 'quoted').elementID, 'say \\"hi\\"');
      assert.equal(rel(e, 'tag').elementID, 'old_tag');
    });

    it('a property whose type cannot be told is left out with a warning (value cut at 40 characters)', async () => {
      const text = `import SwiftData
@Model final class Item {
  var x = compute(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)
  var title: String = ""
}`;
      const m = await readSwift({ 'M.swift': text });
      assert.deepEqual(entity(m, 'Item').attributes.map((a) => a.name), ['title']);
      assert.deepEqual(m.model.problems, [{
        severity: 'warning', span: spanOf(text, 'x', 0, text.indexOf('var x') + 4),
        message: 'Item.x: the reader cannot tell this property\'s type (no type annotation and `compute(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1` is not a literal or a type\'s initializer); it was left out of the model. Add a type annotation.',
      }]);
    });

    it('a type declared nowhere in the files read: a Codable composite, with a warning on the type', async () => {
      const text = 'import SwiftData\n@Model final class Item {\n  var gadget: Gadget?\n}';
      const m = await readSwift({ 'M.swift': text });
      assert.equal(attr(entity(m, 'Item'), 'gadget').attributeType, 'Composite');
      assert.deepEqual(m.model.problems, [{
        severity: 'warning', span: spanOf(text, 'Gadget?'),
        message: 'Item.gadget: the type Gadget is not declared in the Swift files read (a type alias or a type from another module?); it is assumed to be a Codable value stored as one BYTES field.',
      }]);
    });
  });

  describe('relationships', () => {
    it('defaults: Nullify, not ordered, not transient, no user info', async () => {
      const m = await readSwift({ 'M.swift': 'import SwiftData\n@Model final class Tag { var n: String = "" }\n@Model final class Item { var tag: Tag? }' });
      const r = rel(entity(m, 'Item'), 'tag');
      assert.deepEqual([r.kind, r.deletionRule, r.ordered, r.transient, r.userInfo, r.optional, r.toMany], ['relationship', 'Nullify', false, false, [], true, false]);
    });

    it('an inverse without a type part (\\.items) is not read; counts that are not numbers are ignored', async () => {
      const m = await readSwift({
        'M.swift': `import SwiftData
@Model final class Tag { var items: [Item]? = [] }
@Model final class Item {
  @Relationship(inverse: \\.items) var tag: Tag?
  @Relationship(minimumModelCount: 1, maximumModelCount: limit) var tags: [Tag]? = []
  @Relationship(deleteRule: .cascade, maximumModelCount: 3) var more: [Tag]? = []
}`,
      });
      const e = entity(m, 'Item');
      const tag = rel(e, 'tag');
      assert.deepEqual([tag.inverseName, tag.inverseEntity, tag.attrs.inverseName], [undefined, undefined, undefined]);
      const tags = rel(e, 'tags');
      assert.deepEqual([tags.minCount, tags.maxCount, tags.attrs.maxCount], [1, undefined, undefined]);
      const more = rel(e, 'more');
      assert.deepEqual([more.deletionRule, more.maxCount, more.attrs.deletionRule?.value], ['Cascade', 3, 'Cascade']);
    });
  });
});

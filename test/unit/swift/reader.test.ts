import assert from 'node:assert/strict';
import { deriveSchema } from '../../../src/core/cloudkit/derive';
import { formatFieldType } from '../../../src/core/cloudkit/schema-ir';
import type { SwiftModel } from '../../../src/core/model/swift/reader';
import { attr, entity, readSwift, rel } from '../../helpers/swift';

/** The text a combined-text span covers, and the file it is in. */
const at = (m: SwiftModel, span: { start: number; end: number }) => {
  const loc = m.locate(span.start)!;
  return `${loc.file.path}:${m.model.sourceText!.slice(span.start, span.end)}`;
};

describe('SwiftData reader', () => {
  it('maps Swift types to Core Data attribute types, with optionality and defaults from the declaration', async () => {
    const m = await readSwift({ 'Item.swift': `import SwiftData
enum Kind: String, Codable { case a, b }
struct Point: Codable { var x: Double }
@Model final class Item {
  var s: String = ""
  var i: Int = 0
  var i16: Int16 = 0
  var i32: Int32?
  var i64: Int64?
  var u8: UInt8 = 1
  var d: Double = 0
  var f: Float?
  var t: TimeInterval = 0
  var b: Bool = false
  var date: Date?
  var data: Data?
  var id = UUID()
  var url: URL?
  var dec: Decimal = 0
  var kind: Kind = .a
  var point: Point?
  var tags: [String] = []
  var opt: Optional<String>
  var iuo: String!
  var bad: UInt = 0
  init() {}
}` });
    assert.deepEqual(m.model.problems, []);
    const e = entity(m, 'Item');
    const sig = e.attributes.map((a) => `${a.name}:${a.attributeType ?? 'none'}${a.optional ? '?' : ''}${a.defaultValueString !== undefined ? `=${a.defaultValueString}` : ''}`);
    assert.deepEqual(sig, [
      's:String=""', 'i:Integer 64=0', 'i16:Integer 16=0', 'i32:Integer 32?', 'i64:Integer 64?', 'u8:Integer 16=1', 'd:Double=0', 'f:Float?',
      't:Double=0', 'b:Boolean=false', 'date:Date?', 'data:Binary?', 'id:UUID=UUID()', 'url:URI?', 'dec:Decimal=0', 'kind:Composite=.a',
      'point:Composite?', 'tags:Composite=[]', 'opt:String?', 'iuo:String?', 'bad:none=0',
    ]);
    const t = deriveSchema(m.model).recordTypes.find((r) => r.name === 'CD_Item')!;
    const type = (f: string) => formatFieldType(t.fields.find((x) => x.name === f)!.type);
    assert.deepEqual(['CD_s', 'CD_i', 'CD_b', 'CD_dec', 'CD_id', 'CD_url', 'CD_kind', 'CD_tags', 'CD_date'].map(type),
      ['STRING', 'INT64', 'INT64', 'DOUBLE', 'STRING', 'STRING', 'BYTES', 'BYTES', 'TIMESTAMP']);
    assert.ok(!t.fields.some((f) => f.name === 'CD_bad'), 'UInt is not a supported type: no field');
  });

  it('reads @Attribute options and ignores @Transient, computed, static properties; keeps let, private(set) and didSet ones', async () => {
    const m = await readSwift({ 'Note.swift': `@Model
final class Note {
  @Attribute(.unique) var key: String = ""
  @Attribute(.externalStorage) var photo: Data?
  @Attribute(.allowsCloudEncryption) private(set) var secret: String?
  @Attribute(originalName: "body") var text: String = ""
  @Attribute(.preserveValueOnDeletion) var stamp: Date?
  @Transient var cache: Int = 0
  var computed: Int { 3 }
  static var shared = 1
  let created: Date = .now
  var watched: Int = 0 { didSet { print(watched) } }
}` });
    const e = entity(m, 'Note');
    assert.deepEqual(e.attributes.map((a) => a.name), ['key', 'photo', 'secret', 'text', 'stamp', 'created', 'watched']);
    assert.equal(attr(e, 'photo').allowsExternalBinaryDataStorage, true);
    assert.equal(attr(e, 'secret').allowsCloudEncryption, true);
    assert.equal(attr(e, 'text').elementID, 'body');
    assert.equal(attr(e, 'stamp').preserveAfterDeletion, true);
    assert.equal(e.uniquenessConstraints.length, 1);
    assert.equal(at(m, e.uniquenessConstraints[0].span), 'Note.swift:.unique');
    assert.equal(at(m, e.uniquenessConstraints[0].properties[0].span), 'Note.swift:key');
    assert.equal(attr(e, 'created').attributeType, 'Date');
  });

  it('reads a declaration that binds several names (`var a = 0, b: String? = nil`)', async () => {
    const m = await readSwift({ 'Pair.swift': '@Model class Pair {\n  var a = 0, b: String? = nil, c: Date\n}' });
    const e = entity(m, 'Pair');
    assert.deepEqual(e.attributes.map((a) => `${a.name}:${a.attributeType}${a.optional ? '?' : ''}${a.defaultValueString !== undefined ? `=${a.defaultValueString}` : ''}`),
      ['a:Integer 64=0', 'b:String?=nil', 'c:Date']);
    assert.equal(at(m, attr(e, 'c').attrs.name.span), 'Pair.swift:c');
  });

  it('reads @Relationship arguments, to-one and to-many, explicit and inferred inverses', async () => {
    const m = await readSwift({
      'Folder.swift': `@Model class Folder {
  @Relationship(deleteRule: .cascade, inverse: \\Snippet.folder, minimumModelCount: 1, maximumModelCount: 5) var snippets: [Snippet]? = []
  var owner: Person?
}`,
      'Snippet.swift': `@Model class Snippet {
  var folder: Folder?
  var tags: [Tag] = []
}
@Model class Tag { var snippets: [Snippet] = [] }
@Model class Person { var folders: [Folder]? = [] }
@Model class Bird {
  var favorite: Food?
  var disliked: [Food]? = []
}
@Model class Food { var birds: [Bird]? = [] }`,
    });
    const folder = entity(m, 'Folder');
    const snippets = rel(folder, 'snippets');
    assert.deepEqual([snippets.toMany, snippets.optional, snippets.deletionRule, snippets.inverseName, snippets.minCount, snippets.maxCount], [true, true, 'Cascade', 'folder', 1, 5]);
    assert.equal(at(m, snippets.attrs.deletionRule.span), 'Folder.swift:deleteRule: .cascade');
    // The explicit inverse on one side sets the other side too.
    assert.equal(rel(entity(m, 'Snippet'), 'folder').inverseName, 'snippets');
    // One relationship each way, one to-one: inferred (Hacking with Swift).
    assert.equal(rel(folder, 'owner').inverseName, 'folders');
    assert.equal(rel(entity(m, 'Person'), 'folders').inverseName, 'owner');
    // Two to-many sides: not inferred (swiftdata-101 InvalidInferredManyToManyItem); both non-optional.
    assert.equal(rel(entity(m, 'Snippet'), 'tags').inverseName, undefined);
    assert.equal(rel(entity(m, 'Snippet'), 'tags').optional, false);
    // Two relationships to the same type: not inferred (backyard-birds).
    assert.equal(rel(entity(m, 'Bird'), 'favorite').inverseName, undefined);
    assert.equal(rel(entity(m, 'Food'), 'birds').inverseName, undefined);
  });

  it('reads #Unique and #Index (not in the grammar) and still reads the properties around them', async () => {
    const m = await readSwift({ 'Trip.swift': `@Model class Trip {
    #Index<Trip>([\\.name], [\\.start, \\.end])
    #Unique<Trip>([\\.name, \\.start], [\\.code])
    // #Unique<Trip>([\\.ignored])
    var name: String = ""
    var start: Date = .now
    var end: Date = .now
    var code: String = "#Unique"
}` });
    assert.deepEqual(m.model.problems, []);
    const e = entity(m, 'Trip');
    assert.deepEqual(e.attributes.map((a) => a.name), ['name', 'start', 'end', 'code']);
    assert.deepEqual(e.uniquenessConstraints.map((c) => c.properties.map((p) => p.name).join('+')), ['name+start', 'code']);
    assert.equal(at(m, e.uniquenessConstraints[1].span), 'Trip.swift:[\\.code]');
  });

  it('one parse with the macros blanked: macros in comments and strings are not read, and a comment whose brackets close in code does not hide that code', async () => {
    // The string holds a whole `#Unique<...>(...)` (blanked inside the string, which stays a string); the
    // comment's `#Index(` closes at the `)` in `"a\")"` (the bracket scan does not read escapes): blanking
    // that far would hide `var start`, so the reader parses the file as written to find the macros.
    const text = `@Model class Trip {
    #Unique<Trip>([\\.name])
    var code: String = "#Unique<Trip>([\\.code])"
    // #Index<Trip>([\\.start
    var start: Date = .now
    var name: String = "a\\")"
}`;
    const m = await readSwift({ 'Trip.swift': text });
    assert.deepEqual(m.model.problems, []);
    const e = entity(m, 'Trip');
    assert.deepEqual(e.attributes.map((a) => a.name), ['code', 'start', 'name']);
    assert.deepEqual(e.uniquenessConstraints.map((c) => c.properties.map((p) => p.name).join('+')), ['name']);
    assert.equal(e.attributes.find((a) => a.name === 'code')!.defaultValueString, '"#Unique<Trip>([\\.code])"');
  });

  it('unclosed `#Index(` in comments: the text scan gives up and the macros in code are still read', async () => {
    // Comment lines whose `(` never closes: scanning each to the end of the text would make the scan
    // quadratic, so the reader gives it up at the first and asks the tree of the text what is code.
    const noise = '    // #Index<Trip>([\\.name\n'.repeat(2_000);
    const text = `@Model class Trip {\n    #Unique<Trip>([\\.name])\n${noise}    var name: String = ""\n}`;
    const m = await readSwift({ 'Trip.swift': text });
    assert.deepEqual(m.model.problems, []);
    const e = entity(m, 'Trip');
    assert.deepEqual(e.attributes.map((a) => a.name), ['name']);
    assert.deepEqual(e.uniquenessConstraints.map((c) => c.properties.map((p) => p.name).join('+')), ['name']);
  });

  it('reads subclasses of @Model classes into the root record type', async () => {
    const m = await readSwift({ 'Trip.swift': `@Model class Trip: Codable { var name: String = "" }
@available(iOS 26, *)
@Model class BusinessTrip: Trip { var company: String? }` });
    assert.equal(entity(m, 'BusinessTrip').parentEntity, 'Trip');
    assert.equal(entity(m, 'Trip').parentEntity, undefined);
    const types = deriveSchema(m.model).recordTypes.map((t) => t.name);
    assert.deepEqual(types.filter((t) => t.startsWith('CD_')), ['CD_Trip']);
    assert.ok(deriveSchema(m.model).recordTypes[0].fields.some((f) => f.name === 'CD_company'));
  });

  it('reads VersionedSchema enums as model versions; the migration plan says which is current', async () => {
    const m = await readSwift({
      'V1.swift': `enum SchemaV1: VersionedSchema {
  static var versionIdentifier = Schema.Version(1, 0, 0)
  static var models: [any PersistentModel.Type] { [Habit.self] }
  @Model final class Habit { var name: String = "" }
}`,
      'V2.swift': `enum SchemaV2: VersionedSchema {
  static var versionIdentifier = Schema.Version(2, 0, 0)
  static var models: [any PersistentModel.Type] { [Habit.self] }
}
extension SchemaV2 {
  @Model final class Habit { var name: String = ""; var color: String? }
}
typealias Habit = SchemaV2.Habit
enum Plan: SchemaMigrationPlan {
  static var schemas: [any VersionedSchema.Type] { [SchemaV1.self, SchemaV2.self] }
  static var stages: [MigrationStage] { [] }
}`,
    });
    assert.equal(m.currentVersion, 'SchemaV2');
    assert.deepEqual(m.versions.map((v) => `${v.name}:${v.model.entities.map((e) => e.attributes.map((a) => a.name).join(','))}`), ['SchemaV1:name', 'SchemaV2:name,color']);
    assert.deepEqual(entity(m, 'Habit').attributes.map((a) => a.name), ['name', 'color']);
    assert.equal(at(m, entity(m, 'Habit').nameSpan), 'V2.swift:Habit');
  });

  it('bad input: a file that does not parse, @Model on a struct, an unknown type, a broken class: problems at the range, the rest read', async () => {
    const m = await readSwift({
      'Garbage.swift': '}}} @@@ class { var = = ( ) ]]] \u0000 let',
      'Struct.swift': '@Model struct Settings { var theme: String = "" }',
      'Unknown.swift': '@Model class Item { var when: ExternalAlias = .init(); var name: String? }',
      'Broken.swift': '@Model class Broken {\n  var a: String = "" +* / ) \n  func f( { \n}\n@Model class Fine { var b: Int = 0 }\n',
    });
    const byFile = (file: string) => m.model.problems.filter((p) => m.locate(p.span.start)!.file.path === file).map((p) => `${at(m, p.span)} ${p.severity}`);
    assert.deepEqual(byFile('Struct.swift'), ['Struct.swift:@Model warning']);
    assert.deepEqual(byFile('Unknown.swift'), ['Unknown.swift:ExternalAlias warning']);
    assert.ok(m.model.problems.every((p) => p.severity === 'warning'), 'a bad file never stops the rest of the model from being checked');
    assert.deepEqual(entity(m, 'Item').attributes.map((a) => a.name), ['when', 'name']);
    assert.equal(entity(m, 'Fine').attributes.length, 1);
    assert.ok(!m.model.entities.some((e) => e.name === 'Settings'));
  });

  it('a 5 MB generated Swift file is not parsed but said so, at once; a smaller limit applies to smaller files', async () => {
    const classes: string[] = [];
    let length = 0;
    for (let i = 0; length < 5_000_000; i++) {
      const props = Array.from({ length: 40 }, (_, j) => `    var field${j}: String? // generated property number ${j}`);
      const cls = `@Model final class Gen${i} {\n${props.join('\n')}\n}`;
      classes.push(cls);
      length += cls.length + 1;
    }
    const text = classes.join('\n');
    const started = Date.now();
    const m = await readSwift({ 'Generated.swift': text, 'Item.swift': '@Model class Item { var a: Int = 0 }' });
    assert.ok(Date.now() - started < 5_000);
    assert.deepEqual(m.model.entities.map((e) => e.name), ['Item']);
    assert.equal(m.model.problems.length, 1);
    assert.match(m.model.problems[0].message, /^This file was not read: it has 5\.0 million characters, more than the 2\.0 million/);
    assert.equal(m.locate(m.model.problems[0].span.start)!.file.path, 'Generated.swift');
    const limited = await readSwift({ 'Item.swift': '@Model class Item { var a: Int = 0 }' }, { maxFileLength: 10 });
    assert.deepEqual([limited.model.entities.length, limited.model.problems.length], [0, 1]);
  });
});

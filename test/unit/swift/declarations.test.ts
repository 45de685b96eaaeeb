import assert from 'node:assert/strict';
import { readSwiftDeclarations, type SwiftFileDeclarations } from '../../../src/core/model/swift/declarations';
import { swiftParser } from '../../helpers/swift';

/**
 * What one Swift file declares (declarations.ts): @Model classes with their properties, value types, type
 * aliases, VersionedSchema and SchemaMigrationPlan types, and the problems met on the way. Whole results
 * are compared; the Swift snippets and expected values are written by us, spans computed with `indexOf`.
 */

async function declarations(text: string): Promise<SwiftFileDeclarations> {
  const tree = (await swiftParser()).parse(text);
  try {
    return readSwiftDeclarations(tree.rootNode, text);
  } finally {
    tree.delete();
  }
}

/** The span of `needle` in `text`, searched from the offset of `after` when given. */
const spanIn = (text: string) => (needle: string, after = '') => {
  const start = text.indexOf(needle, after ? text.indexOf(after) : 0);
  assert.ok(start >= 0, needle);
  return { start, end: start + needle.length };
};

describe('Swift declarations (declarations.ts)', () => {
  it('reads type aliases, value types, a @Model in an extension with its namespace, and skips what does not parse', async () => {
    const text = `typealias Tag = Pizza.Tag
@available(iOS 17, *) final class Cache {}
@Model struct Point { var x: Double }
extension Schema.V1 {
  @Model final class Item: Codable, Identifiable {
    var \`default\`: String = ""
    var ) + 3 and a very long piece of text that goes on and on past sixty
    var plain = 1
  }
}
`;
    const s = spanIn(text);
    const itemStart = text.indexOf('@Model final class Item');
    const error = s('var ) + 3 and a very long piece of text that goes on and on past sixty');
    assert.deepEqual(await declarations(text), {
      models: [{
        name: 'Item', namespace: ['Schema', 'V1'], span: { start: itemStart, end: text.lastIndexOf('}\n}') + 1 }, nameSpan: s('Item'), modelSpan: s('@Model', 'extension'),
        inherits: [{ name: 'Codable', span: s('Codable') }, { name: 'Identifiable', span: s('Identifiable') }],
        properties: [
          {
            name: 'default', nameSpan: s('`default`'), span: s('var `default`: String = ""'),
            type: { text: 'String', span: s('String', '`default`'), optional: false, core: { kind: 'named', name: 'String' } },
            value: { text: '""', span: s('""') },
          },
          { name: 'plain', nameSpan: s('plain'), span: s('var plain = 1'), inferredTypeName: 'Int', value: { text: '1', span: s('1', 'var plain') } },
        ],
        bodySpan: { start: text.indexOf('{', itemStart), end: text.lastIndexOf('}\n}') + 1 },
      }],
      valueTypes: [{ name: 'Cache', kind: 'class', namespace: [] }, { name: 'Point', kind: 'struct', namespace: [] }],
      typeAliases: [{ name: 'Tag', target: 'Pizza.Tag', namespace: [] }],
      versionedSchemas: [],
      migrationPlans: [],
      problems: [
        {
          severity: 'warning', span: s('@Model', 'typealias'),
          message: '@Model applies to classes; the struct Point is not read as a SwiftData model (Apple: the Model macro "converts a Swift class into a stored model").',
        },
        { severity: 'warning', span: error, message: 'Swift syntax the reader does not understand was skipped here: var ) + 3 and a very long piece of text that goes on and ...' },
      ],
    });
  });

  it('a short piece of skipped syntax is quoted whole, its white space runs made one space', async () => {
    const text = '@Model class A {\n  var a = 1\n  ) ;\n\n   ]  \n}\n';
    const d = await declarations(text);
    assert.deepEqual(d.problems, [{
      severity: 'warning', span: { start: text.indexOf(')'), end: text.indexOf(']') + 1 },
      message: 'Swift syntax the reader does not understand was skipped here: ) ; ]',
    }]);
  });

  it('a nested type is in the namespace of the type around it', async () => {
    const text = 'enum Outer {\n  @Model class Inner { var a: Int = 0 }\n}\n';
    const d = await declarations(text);
    assert.deepEqual(d.models.map((m) => [m.name, m.namespace]), [['Inner', ['Outer']]]);
    assert.deepEqual(d.valueTypes, [{ name: 'Outer', kind: 'enum', namespace: [] }]);
  });

  it('static, class, computed and @Transient properties: only stored instance ones are read, with their attributes', async () => {
    const text = `@Model class A {
  static var shared = 1
  class var kind: String { "a" }
  var computed: Int { 3 }
  @Transient var cache: Int = 0
  @Attribute(.unique, originalName: "k") var key: String
  @Relationship(deleteRule: .cascade) var tags: [Tag]
  private var hidden: Date
  func f() {}
  init() {}
}
`;
    const s = spanIn(text);
    const d = await declarations(text);
    const arg = (t: string, after: string) => s(t, after);
    assert.deepEqual(d.models[0].properties, [
      {
        name: 'cache', nameSpan: s('cache'), span: s('@Transient var cache: Int = 0'),
        transient: { name: 'Transient', span: s('@Transient'), args: [] },
        type: { text: 'Int', span: s('Int', 'cache'), optional: false, core: { kind: 'named', name: 'Int' } },
        value: { text: '0', span: s('0', 'cache') },
      },
      {
        name: 'key', nameSpan: s('key'), span: s('@Attribute(.unique, originalName: "k") var key: String'),
        attribute: {
          name: 'Attribute', span: s('@Attribute(.unique, originalName: "k")'),
          args: [
            { valueSpan: arg('.unique', '@Attribute'), span: arg('.unique', '@Attribute'), valueText: '.unique' },
            { label: 'originalName', labelSpan: s('originalName'), valueSpan: s('"k"'), span: s('originalName: "k"'), valueText: '"k"' },
          ],
          parens: { open: s('(', '@Attribute'), close: s(')', '"k"') },
        },
        type: { text: 'String', span: s('String', 'var key'), optional: false, core: { kind: 'named', name: 'String' } },
      },
      {
        name: 'tags', nameSpan: s('tags'), span: s('@Relationship(deleteRule: .cascade) var tags: [Tag]'),
        relationship: {
          name: 'Relationship', span: s('@Relationship(deleteRule: .cascade)'),
          args: [{ label: 'deleteRule', labelSpan: s('deleteRule'), valueSpan: s('.cascade'), span: s('deleteRule: .cascade'), valueText: '.cascade' }],
          parens: { open: s('(', '@Relationship'), close: s(')', '.cascade') },
        },
        type: { text: '[Tag]', span: s('[Tag]'), optional: false, core: { kind: 'array', element: { kind: 'named', name: 'Tag' } } },
      },
      {
        name: 'hidden', nameSpan: s('hidden'), span: s('private var hidden: Date'),
        type: { text: 'Date', span: s('Date', 'hidden'), optional: false, core: { kind: 'named', name: 'Date' } },
      },
    ]);
  });

  it('reads VersionedSchema identifiers (stored or computed) and models, and SchemaMigrationPlan schemas', async () => {
    const text = `enum V1: VersionedSchema {
  static var versionIdentifier = Schema.Version(1, 0, 0)
  static var models: [any PersistentModel.Type] { [Item.self, Outer.Tag .self, other] }
}
enum V2: Foo.VersionedSchema {
  static var models: [any PersistentModel.Type] { [Item.self] }
  static var versionIdentifier: Schema.Version { Schema.Version(2, 0, 0) }
}
enum V3: VersionedSchema { static let models: [any PersistentModel.Type] = allModels }
enum Plan: SchemaMigrationPlan {
  static var stages: [MigrationStage] { [] }
  static let schemas: [any VersionedSchema.Type] = [V1.self, V2.self]
}
enum NoSchemas: SchemaMigrationPlan { static var stages: [MigrationStage] { [] } }
enum NotAPlan { static let schemas = [V1.self] }
`;
    const s = spanIn(text);
    const decl = (start: string, next: string) => ({ start: text.indexOf(start), end: text.indexOf(next) - 1 });
    const d = await declarations(text);
    assert.deepEqual(d.versionedSchemas, [
      { name: 'V1', span: decl('enum V1', 'enum V2'), nameSpan: s('V1'), versionIdentifier: 'Schema.Version(1, 0, 0)', models: ['Item', 'Tag'] },
      { name: 'V2', span: decl('enum V2', 'enum V3'), nameSpan: s('V2'), versionIdentifier: '{ Schema.Version(2, 0, 0) }', models: ['Item'] },
      { name: 'V3', span: decl('enum V3', 'enum Plan'), nameSpan: s('V3') },
    ]);
    assert.deepEqual(d.migrationPlans, [{ name: 'Plan', schemas: ['V1', 'V2'], span: decl('enum Plan', 'enum NoSchemas') }]);
    assert.deepEqual(d.valueTypes.map((v) => v.name), ['V1', 'V2', 'V3', 'Plan', 'NoSchemas', 'NotAPlan']);
    assert.deepEqual([d.models, d.typeAliases, d.problems], [[], [], []]);
  });
});
